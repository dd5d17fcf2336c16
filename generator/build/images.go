package build

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"folio/generator/config"
	"folio/generator/diag"
	"folio/generator/imaging"
	"folio/generator/output"
	"folio/generator/parallel"
	"folio/generator/render"
	"folio/generator/site"
	"folio/generator/sitepath"
)

// imageUse is where an image is first shown, for problems with it.
type imageUse struct {
	path, field string
	line        int
}

// processImages makes the sizes of the images of static/ and of page
// bundles (sources) that the site shows (articles' lead images and those
// of their text, profiles' portraits), on every core, and returns how
// pages show them and the files of their sizes to publish. An image the
// processor refuses, or a lead image that is no file, is an error at the
// article that shows it.
func (b *Builder) processImages(s *site.Site, sources []staticFile) (render.Pictures, []staticFile, [2]int, diag.List) {
	byURL := make(map[string]staticFile, len(sources))
	for _, f := range sources {
		if imaging.Raster(f.name) {
			byURL["/"+f.name] = f
		}
	}
	uses := map[string]imageUse{}
	var todo []string
	// Profiles' portraits, for their term pages.
	for _, t := range s.Taxonomies {
		for _, term := range t.Terms {
			if p := term.Profile; p != nil {
				if _, ok := byURL[p.Image]; ok {
					if _, seen := uses[p.Image]; !seen {
						uses[p.Image] = imageUse{path: p.Path, field: "image"}
						todo = append(todo, p.Image)
					}
				}
			}
		}
	}
	var missing diag.List
	for _, a := range s.Articles {
		if _, ok := byURL[a.Image]; !ok && imaging.Raster(a.Image) && strings.HasPrefix(a.Image, "/") && !strings.HasPrefix(a.Image, "//") {
			missing = append(missing, diag.Errorf(a.Path, a.Parsed.Lines["image"], "image",
				"%s is no image of static/ or of the article's folder: put the file there, or correct the path", a.Parsed.Image))
		}
		for i, src := range render.ImageSources(a.Image, a.BodyImages, a.URL) {
			if _, ok := byURL[src]; !ok {
				continue
			}
			if _, seen := uses[src]; seen {
				continue
			}
			use := imageUse{path: a.Path}
			if i == 0 && src == a.Image {
				use.field, use.line = "image", a.Parsed.Lines["image"]
			}
			uses[src] = use
			todo = append(todo, src)
		}
	}
	if len(missing) > 0 {
		return nil, nil, [2]int{}, missing
	}
	if len(todo) == 0 {
		b.awaitImages()
		if b.images != nil { // the images shown before are gone from the cache
			_, _ = b.images.Prune()
			_ = b.images.SaveMemo()
		}
		return nil, nil, [2]int{}, nil
	}
	proc, err := b.imageProcessor()
	if err != nil {
		return nil, nil, [2]int{}, diag.List{diag.Errorf(config.FileName, 0, "images.cache", "%v", err)}
	}
	slices.Sort(todo)
	made := make([]*imaging.Image, len(todo))
	errs := make([]error, len(todo))
	// What pages show of each image, and the files of its sizes, are
	// made on every core too: at 10,000 images, 80,000 files to name.
	pics := make([]*render.Picture, len(todo))
	sizes := make([][]staticFile, len(todo))
	m := b.opts.Progress
	m.Start("images", len(todo), "images")
	parallel.For(len(todo), func() func(int) {
		return func(k int) {
			f := byURL[todo[k]]
			made[k], errs[k] = proc.ProcessFile(f.path, f.src)
			if errs[k] == nil {
				pics[k], sizes[k] = published(todo[k], made[k], proc, b.cfg.Images.Cache)
			}
			m.Add(1)
		}
	})
	var probs diag.List
	pictures := make(render.Pictures, len(todo))
	n := 0
	for _, fs := range sizes {
		n += len(fs)
	}
	files := make([]staticFile, 0, n)
	for k, src := range todo {
		if errs[k] != nil {
			u := uses[src]
			probs = append(probs, diag.Errorf(u.path, u.line, u.field, "%v", errs[k]))
			continue
		}
		if name := byURL[src].path; imaging.Misnamed(name, made[k].Format) != "" {
			// images.misnamed: warn let it through.
			u := uses[src]
			probs = append(probs, diag.Warnf(u.path, u.line, u.field, "%s", imaging.MisnamedText(name, made[k].Format)))
		}
		pictures[src] = pics[k]
		files = append(files, sizes[k]...)
	}
	var counts [2]int
	counts[0], counts[1] = proc.TakeCounts()
	if probs.Err() != nil {
		return nil, nil, counts, probs
	}
	if _, err := proc.Prune(); err != nil {
		probs = append(probs, diag.Warnf(config.FileName, 0, "images.cache", "%v", err))
	}
	if err := proc.SaveMemo(); err != nil {
		probs = append(probs, diag.Warnf(config.FileName, 0, "images.cache", "%v", err))
	}
	return pictures, files, counts, probs
}

// strippedSources gives each image of sources (JPEG, PNG, WebP) as its
// copy without metadata, made once into the image cache and linked into
// the output from there: a photo's EXIF, XMP and IPTC (a source's GPS
// position, a camera's serial number) are never published.
func (b *Builder) strippedSources(sources []staticFile) ([]staticFile, diag.List) {
	var images []int
	for i, f := range sources {
		if imaging.Stripper(f.name) != nil {
			images = append(images, i)
		}
	}
	if len(images) == 0 {
		return sources, nil
	}
	proc, err := b.imageProcessor()
	if err != nil {
		return nil, diag.List{diag.Errorf(config.FileName, 0, "images.cache", "%v", err)}
	}
	out := slices.Clone(sources)
	errs := make([]error, len(images))
	parallel.For(len(images), func() func(int) {
		return func(k int) {
			f := &out[images[k]]
			var src string
			src, errs[k] = proc.StrippedFile(f.path, f.src)
			f.src, f.processed = src, true
			f.sum, f.known = imaging.StrippedSum(src)
			dev, ino := proc.FileID(filepath.Base(src))
			f.id = output.FileID{Dev: dev, Ino: ino}
		}
	})
	var probs diag.List
	for k, err := range errs {
		if err != nil {
			probs = append(probs, diag.Errorf(out[images[k]].path, 0, "", "%v", err))
		}
	}
	return out, probs
}

// imageProcessor is the builder's processor, made again when the
// config's image settings change.
func (b *Builder) imageProcessor() (*imaging.Processor, error) {
	b.awaitImages()
	key := imagesKey(b.cfg.Images)
	if b.images != nil && b.imagesKey == key {
		return b.images, nil
	}
	p, err := newImageProcessor(b.src, b.cfg.Images)
	if err != nil {
		return nil, err
	}
	b.images, b.imagesKey = p, key
	return p, nil
}

// imagesKey names the settings a processor is made with.
func imagesKey(im config.Images) string {
	return fmt.Sprint(im.Cache, im.Quality, im.MaxPixels, im.Widths, im.Misnamed)
}

func newImageProcessor(src string, im config.Images) (*imaging.Processor, error) {
	// The cache is made inside the site, never through a link out of it.
	dir, err := sitepath.MkdirInside(src, path.Clean(im.Cache))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", im.Cache, err)
	}
	opts := imaging.Options{Widths: im.Widths, Quality: im.Quality, MaxPixels: im.MaxPixels, CacheDir: dir, AllowMisnamed: im.Misnamed == "warn"}
	return imaging.New(opts)
}

// imagesAhead is the image processor being made, and its cache folder
// listed, on another core while the build reads the site: at 10,000
// images, reading what the cache knows and listing its 100,000 files
// took a quarter of a second the build used to wait for.
type imagesAhead struct {
	done chan struct{}
	proc *imaging.Processor
	key  string
}

// prepareImages has the processor forget the cache folder's listing of
// the last build, as each build starts. On a build that reads the whole
// site (listing the cache there costs little beside reading it), it
// starts making the processor for the config's settings and listing its
// cache on another core: with the processor of the last build when they
// did not change, or a new one when the site has an image cache already
// (a site that shows no image never gets one).
func (b *Builder) prepareImages(whole bool) {
	b.awaitImages()
	key := imagesKey(b.cfg.Images)
	proc := b.images
	if b.imagesKey != key {
		proc = nil
	}
	if !whole {
		if proc != nil {
			proc.Rescan()
		}
		return
	}
	if proc == nil {
		if info, err := os.Stat(filepath.Join(b.src, filepath.FromSlash(path.Clean(b.cfg.Images.Cache)))); err != nil || !info.IsDir() {
			return
		}
	}
	ahead := &imagesAhead{done: make(chan struct{}), key: key}
	src, im := b.src, b.cfg.Images
	go func() {
		defer close(ahead.done)
		p := proc
		if p == nil {
			var err error
			if p, err = newImageProcessor(src, im); err != nil {
				return // made again when needed, and the error told then
			}
		}
		p.Rescan()
		p.List()
		ahead.proc = p
	}()
	b.ahead = ahead
}

// awaitImages takes the processor prepareImages made, when it is done.
func (b *Builder) awaitImages() {
	a := b.ahead
	if a == nil {
		return
	}
	b.ahead = nil
	<-a.done
	if a.proc != nil {
		b.images, b.imagesKey = a.proc, a.key
	}
}

// published names the sizes of an image beside it, by its name, width
// and content (/img/harbour-800.1f2e3d4c.webp: a new version of the
// image gets new names, so browsers may cache them for good), and lists
// them to copy from the cache.
func published(src string, img *imaging.Image, proc *imaging.Processor, cache string) (*render.Picture, []staticFile) {
	// Names made by concatenation from prefixes made once: a build
	// names 80,000 files at 10,000 images, and joining paths cleans
	// each of them again.
	srcDir := proc.Dir()
	if !strings.HasSuffix(srcDir, string(filepath.Separator)) {
		srcDir += string(filepath.Separator)
	}
	shownDir := path.Clean(cache) + "/"
	if shownDir == "./" {
		shownDir = ""
	}
	dir, file := path.Split(src)
	stem := dir + strings.TrimSuffix(file, path.Ext(file)) + "-"
	pic := &render.Picture{Width: img.Width, Height: img.Height, Type: "image/" + img.Fallback}
	pic.Sizes = make([]render.PictureSize, 0, len(img.Sizes))
	files := make([]staticFile, 0, len(img.Sizes)+2)
	for i, z := range img.Sizes {
		named := stem + strconv.Itoa(z.Width) + "." + z.WebP[:8]
		size := render.PictureSize{Width: z.Width, Height: z.Height, WebP: named + path.Ext(z.WebP)}
		made, n := [2][3]string{{size.WebP, z.WebP, z.WebPSum}}, 1
		// An entry of an older folio has a fallback of every size; the
		// site gets those FallbackAt names, as from a new one.
		if z.Fallback != "" && img.FallbackAt(i) {
			size.Fallback = named + path.Ext(z.Fallback)
			made[1], n = [3]string{size.Fallback, z.Fallback, z.FallbackSum}, 2
		}
		pic.Sizes = append(pic.Sizes, size)
		for _, f := range made[:n] {
			sum, known := imaging.Sum(f[2])
			dev, ino := proc.FileID(f[1])
			files = append(files, staticFile{name: strings.TrimPrefix(f[0], "/"), src: srcDir + f[1],
				path: shownDir + f[1], processed: true, sum: sum, known: known, id: output.FileID{Dev: dev, Ino: ino}})
		}
	}
	return pic, files
}

// thumbnails is how search results show an article's image: its
// smallest size, in the format every browser reads.
func thumbnails(pictures render.Pictures) func(string) string {
	return func(image string) string {
		if p := pictures[image]; p != nil {
			return p.Sizes[0].Fallback
		}
		return ""
	}
}
