package build_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/image/webp"

	"folio/generator/build"
	"folio/generator/output"
)

// phoneJPEG is a w×h JPEG as a phone saves one: EXIF with a GPS position
// and the camera's owner, and an XMP packet.
func phoneJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	segment := func(marker byte, data string) []byte {
		n := len(data) + 2
		return append([]byte{0xFF, marker, byte(n >> 8), byte(n)}, data...)
	}
	raw := b.Bytes()
	out := append([]byte{}, raw[:2]...)
	out = append(out, segment(0xE1, "Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x00GPS-48.8566N-2.3522E Owner: Jane Roe")...)
	out = append(out, segment(0xE1, "http://ns.adobe.com/xap/1.0/\x00<exif:GPSLatitude>48,51.4N</exif:GPSLatitude>")...)
	return append(out, raw[2:]...)
}

// TestStaticImagesLoseTheirMetadata: a photo in static/ is published
// without its EXIF and XMP, its picture untouched; so is one whose name
// says another format (a phone's JPEG saved as .png, as rOpenSci's site
// has), which no page shows.
func TestStaticImagesLoseTheirMetadata(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	src := phoneJPEG(t, 64, 48)
	write(t, root, "static/img/phone.jpg", string(src))
	write(t, root, "static/img/misnamed.png", string(src))
	dest := filepath.Join(root, "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	misnamed, err := os.ReadFile(filepath.Join(dest, "img", "misnamed.png"))
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"GPS-48", "GPSLatitude", "Jane Roe"} {
		if bytes.Contains(misnamed, []byte(leak)) {
			t.Errorf("public/img/misnamed.png holds %q", leak)
		}
	}
	got, err := os.ReadFile(filepath.Join(dest, "img", "phone.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{"GPS-48", "GPSLatitude", "Jane Roe", "Exif"} {
		if bytes.Contains(got, []byte(leak)) {
			t.Errorf("public/img/phone.jpg holds %q", leak)
		}
	}
	a, _ := jpeg.Decode(bytes.NewReader(src))
	b, err := jpeg.Decode(bytes.NewReader(got))
	if err != nil || !bytes.Equal(a.(*image.YCbCr).Y, b.(*image.YCbCr).Y) {
		t.Errorf("the published picture differs from its source: %v", err)
	}
}

// exampleImages is the number of photographs the example site shows.
const exampleImages = 4

// TestPicturesOfArticles: an article's lead image and an image of its
// text, files of static/, are shown as pictures of their sizes (WebP and
// JPEG, 480 to 1600 pixels wide, never wider than the 2000-pixel photo),
// with their width and height, the lead image loaded first and the other
// lazily; the sizes are published beside the photo under names of their
// content, without its metadata; a second build makes none of them
// again.
func TestPicturesOfArticles(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "static/img/harbour.jpg", string(phoneJPEG(t, 2000, 1000)))
	addFrontMatter(t, root, kremlin, "image: /img/harbour.jpg\nimage_alt: The harbour at dawn\n")
	appendFile(t, root, kremlin, "\n![A boat & its crew](/img/harbour.jpg \"Boats\")\n")
	dest := filepath.Join(root, "public")
	res, err := build.Run(build.Options{Source: root, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	// The example's own photos, and the harbour.
	if res.ImagesMade != exampleImages+1 || res.ImagesCached != 0 {
		t.Errorf("images made %d, cached %d; want %d and 0", res.ImagesMade, res.ImagesCached, exampleImages+1)
	}
	page, err := os.ReadFile(filepath.Join(dest, "articles", "kremlin-keeps-cryptic-stance-on-putin-trump-contacts", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	sizes := regexp.MustCompile(`\.\./\.\./img/harbour-(\d+)\.([0-9a-f]{8})\.(webp|jpg) (\d+)w`).FindAllStringSubmatch(string(page), -1)
	var widths []string
	tag := ""
	for _, m := range sizes {
		widths = append(widths, m[1]+"."+m[3])
		if m[1] != m[4] {
			t.Errorf("%s is listed as %sw", m[0], m[4])
		}
		tag = m[2]
	}
	// Each list twice: the lead image and the one in the text.
	// The fallback (JPEG) at the narrowest width and at 1200 alone.
	want := strings.Repeat("480.webp 800.webp 1200.webp 1600.webp 480.jpg 1200.jpg ", 2)
	if got := strings.Join(widths, " ") + " "; got != want {
		t.Errorf("srcset widths\n got %s\nwant %s", got, want)
	}
	for _, s := range []string{
		`<figure class="lead-image">
    <picture><source type="image/webp" srcset="../../img/harbour-480.` + tag + `.webp 480w,`,
		`width="2000" height="1000" alt="The harbour at dawn" fetchpriority="high"></picture>`,
		`width="2000" height="1000" alt="A boat &amp; its crew" title="Boats" loading="lazy" decoding="async"></picture>`,
		`<img src="../../img/harbour-1200.` + tag + `.jpg" srcset=`,
	} {
		if !strings.Contains(string(page), s) {
			t.Errorf("the article page lacks\n%s", s)
		}
	}
	for _, w := range []int{480, 800, 1200, 1600} {
		for _, ext := range []string{"webp", "jpg"} {
			name := filepath.Join(dest, "img", "harbour-"+strconv.Itoa(w)+"."+tag+"."+ext)
			b, err := os.ReadFile(name)
			if ext == "jpg" && (w == 800 || w == 1600) {
				if !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("%s is published (%v): no page names it", name, err)
				}
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, leak := range []string{"GPS-48", "GPSLatitude", "Jane Roe"} {
				if bytes.Contains(b, []byte(leak)) {
					t.Errorf("%s holds %q", name, leak)
				}
			}
			var cfg image.Config
			if ext == "jpg" {
				cfg, err = jpeg.DecodeConfig(bytes.NewReader(b))
			} else {
				cfg, err = webp.DecodeConfig(bytes.NewReader(b))
			}
			if err != nil || cfg.Width != w || cfg.Height != w/2 {
				t.Errorf("%s: %v, %d×%d", name, err, cfg.Width, cfg.Height)
			}
		}
	}
	again, err := build.Run(build.Options{Source: root, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	if again.ImagesMade != 0 || again.ImagesCached != exampleImages+1 {
		t.Errorf("with a warm cache: images made %d, cached %d; want 0 and %d", again.ImagesMade, again.ImagesCached, exampleImages+1)
	}
}

// TestImageEditInServe: the dev server's builder, after an image file
// changes, makes that image's sizes alone again, renders the page that
// shows it, drops the old sizes, and its site equals a fresh build's;
// an article edited to show an image no page showed before gets its
// picture at once.
func TestImageEditInServe(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "static/img/harbour.jpg", string(phoneJPEG(t, 900, 600)))
	write(t, root, "static/img/boat.jpg", string(phoneJPEG(t, 700, 500)))
	write(t, root, "static/img/quay.jpg", string(phoneJPEG(t, 600, 500)))
	addFrontMatter(t, root, kremlin, "image: /img/harbour.jpg\nimage_alt: The harbour\n")
	appendFile(t, root, kremlin, "\n![A boat](/img/boat.jpg)\n")
	b := build.NewBuilder(build.Options{Source: root})
	m := output.NewMemory()
	first := memBuild(t, b, m, nil)
	if first.ImagesMade != exampleImages+2 { // the test's two and the example's
		t.Fatalf("first build made %d images, want %d", first.ImagesMade, exampleImages+2)
	}
	page := "articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/index.html"
	before, _, _, _ := m.Lookup(page)

	write(t, root, "static/img/harbour.jpg", string(phoneJPEG(t, 901, 600)))
	res := memBuild(t, b, m, build.Changes{"static/img/harbour.jpg"})
	if res.ImagesMade != 1 || res.ImagesCached != exampleImages+1 {
		t.Errorf("after one image changed: made %d, from the cache %d; want 1 and %d", res.ImagesMade, res.ImagesCached, exampleImages+1)
	}
	after, _, _, _ := m.Lookup(page)
	if bytes.Equal(before, after) || !strings.Contains(string(after), `width="901" height="600"`) {
		t.Errorf("the article page does not show the new image:\n%s", after)
	}
	sameSite(t, "image edit", m, root)

	// A new image in an article's text.
	write(t, root, "static/img/pier.png", string(pngOf(t, 640, 480)))
	appendFile(t, root, kremlin, "\n![The pier](/img/pier.png)\n")
	res = memBuild(t, b, m, build.Changes{kremlin, "static/img/pier.png"})
	if res.ImagesMade != 1 {
		t.Errorf("a new image in an article: made %d, want 1", res.ImagesMade)
	}
	if after, _, _, _ := m.Lookup(page); !strings.Contains(string(after), `alt="The pier" loading="lazy"`) || !strings.Contains(string(after), "pier-480.") {
		t.Errorf("the new image is not a picture:\n%s", after)
	}
	sameSite(t, "new image", m, root)

	// An image of static/ that no page showed, in an edit of the text
	// alone (which would otherwise take the quick path).
	appendFile(t, root, kremlin, "\n![The quay](/img/quay.jpg)\n")
	res = memBuild(t, b, m, build.Changes{kremlin})
	if after, _, _, _ := m.Lookup(page); res.ImagesMade != 1 || !strings.Contains(string(after), "quay-480.") {
		t.Errorf("an image first shown by an edit: made %d\n%s", res.ImagesMade, after)
	}
	sameSite(t, "image first shown", m, root)
}

func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i / 7)
		if i%4 == 3 {
			img.Pix[i] = 255
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPicturesInListsAndShares: an article's lead image is its small
// thumbnail in lists (home, term pages), its Open Graph image is the
// 1,200-pixel JPEG, its feed entry has it as an enclosure; a profile's
// image is its portrait on its term page, with its credit, and that
// page's Open Graph image.
func TestPicturesInListsAndShares(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "static/img/harbour.jpg", string(phoneJPEG(t, 1600, 1000)))
	write(t, root, "static/img/peskov.jpg", string(phoneJPEG(t, 400, 400)))
	addFrontMatter(t, root, kremlin, "image: /img/harbour.jpg\nimage_alt: The harbour at dawn\n")
	addFrontMatter(t, root, "content/people/dmitry-peskov.md", "image: /img/peskov.jpg\nimage_alt: Dmitry Peskov in 2019\nimage_credit: \"Photo: <Kremlin> & co\"\n")
	dest := filepath.Join(root, "public")
	res, err := build.Run(build.Options{Source: root, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	if res.ImagesMade != exampleImages+2 { // the test's two and the example's
		t.Errorf("made %d images, want %d", res.ImagesMade, exampleImages+2)
	}
	read := func(name string) string { return readOut(t, dest, name) }
	tag := regexp.MustCompile(`harbour-480\.([0-9a-f]{8})\.webp`).FindStringSubmatch(read("index.html"))
	if tag == nil {
		t.Fatalf("the home page has no thumbnail:\n%s", read("index.html"))
	}
	for name, wants := range map[string][]string{
		// A thumbnail lists the sizes a 8em slot can use, not 1200 and 1600.
		"index.html": {`<div class="thumb"><picture><source type="image/webp" srcset="./img/harbour-480.` + tag[1] + `.webp 480w, ./img/harbour-800.` + tag[1] + `.webp 800w" sizes="8em">`,
			// Its fallback img gives only the smallest size: a browser
			// without WebP picks no other for an 8em slot.
			`sizes="8em"><img src="./img/harbour-480.` + tag[1] + `.jpg" width=`, `alt="The harbour at dawn" loading="lazy" decoding="async"></picture></div>`},
		"people/index.html": {`<li><span class="term-portrait"><picture><source type="image/webp" srcset="../img/peskov-400.`,
			`alt="" loading="lazy" decoding="async"></picture></span><a href="dmitry-peskov/">Dmitry Peskov</a>`},
		"people/dmitry-peskov/index.html": {`<figure class="portrait"><picture><source type="image/webp" srcset="../../img/peskov-400.`,
			`<meta property="og:image" content="https://archive.example.org/img/peskov-400.`,
			// At the top of its page: fetched first, not lazily.
			`alt="Dmitry Peskov in 2019" fetchpriority="high"></picture><figcaption><span class="credit">Photo: &lt;Kremlin&gt; &amp; co</span></figcaption></figure>`,
			// The article in the term's list, with its thumbnail.
			`<div class="thumb"><picture><source type="image/webp" srcset="../../img/harbour-480.`},
		"articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/index.html": {
			`<meta property="og:image" content="https://archive.example.org/img/harbour-1200.` + tag[1] + `.jpg">`,
			// The lead image, a column wide, lists every size.
			`../../img/harbour-1200.` + tag[1] + `.webp 1200w, ../../img/harbour-1600.` + tag[1] + `.webp 1600w" sizes="(min-width: 44em) 40em, calc(100vw - 2em)">`},
		"index.xml": {`<link href="https://archive.example.org/img/harbour-1200.` + tag[1] + `.jpg" rel="enclosure" type="image/jpeg"></link>`},
	} {
		got := read(name)
		for _, w := range wants {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks\n%s", name, w)
			}
		}
	}
}

// TestPageBundles: an article written as index.md in a folder of its
// own publishes the folder's other files beside its page (a document
// too), its image: and its text reach them by their names alone, both
// are shown as pictures, and no link to them is reported broken; in the
// dev server, a photo of the bundle edited is made again.
func TestPageBundles(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	dir := "content/articles/2024/08/harbour-story"
	write(t, root, dir+"/index.md", "---\ntitle: The harbour story\ndate: 2024-08-02 10:00\nauthor: Anna Kowalczyk\nimage: photo.jpg\nimage_alt: Boats at dawn\n---\nThe quay at noon:\n\n![The quay](images/quay.png)\n\nThe [report](report.pdf) is here.\n")
	write(t, root, dir+"/photo.jpg", string(phoneJPEG(t, 1000, 600)))
	write(t, root, dir+"/images/quay.png", string(pngOf(t, 500, 300)))
	write(t, root, dir+"/report.pdf", "%PDF-1.4 a report")
	write(t, root, dir+"/notes.md~", "an editor's backup")
	b := build.NewBuilder(build.Options{Source: root})
	m := output.NewMemory()
	res := memBuild(t, b, m, nil)
	if res.ImagesMade != exampleImages+2 { // the test's two and the example's
		t.Errorf("made %d images, want %d", res.ImagesMade, exampleImages+2)
	}
	for _, w := range res.Warnings {
		if strings.Contains(w.Path, "harbour-story") {
			t.Errorf("warning: %v", w)
		}
	}
	for _, name := range []string{"articles/harbour-story/report.pdf", "articles/harbour-story/photo.jpg", "articles/harbour-story/images/quay.png"} {
		if _, _, ok, _ := m.Lookup(name); !ok {
			t.Errorf("%s is not published", name)
		}
	}
	if _, _, ok, _ := m.Lookup("articles/harbour-story/notes.md~"); ok {
		t.Error("an editor's backup is published")
	}
	page, _, _, _ := m.Lookup("articles/harbour-story/index.html")
	for _, s := range []string{`srcset="photo-480.`, `alt="Boats at dawn" fetchpriority="high"`,
		`srcset="images/quay-480.`, `alt="The quay" loading="lazy"`, `href="report.pdf"`} {
		if !strings.Contains(string(page), s) {
			t.Errorf("the article page lacks %s", s)
		}
	}
	home, _, _, _ := m.Lookup("index.html")
	if !strings.Contains(string(home), `<div class="thumb"><picture><source type="image/webp" srcset="./articles/harbour-story/photo-480.`) {
		t.Error("the home page has no thumbnail of the bundle's photo")
	}
	sameSite(t, "bundle", m, root)

	write(t, root, dir+"/photo.jpg", string(phoneJPEG(t, 1000, 601)))
	res = memBuild(t, b, m, build.Changes{dir + "/photo.jpg"})
	if res.ImagesMade != 1 || res.ImagesCached != exampleImages+1 {
		t.Errorf("after the bundle's photo changed: made %d, cached %d; want 1 and %d", res.ImagesMade, res.ImagesCached, exampleImages+1)
	}
	sameSite(t, "bundle photo edited", m, root)

	// Files added to the bundle later, one without an extension and one
	// in its subfolder, are published; one removed goes.
	write(t, root, dir+"/LICENSE", "CC BY 4.0")
	write(t, root, dir+"/images/map.pdf", "%PDF-1.4 a map")
	memBuild(t, b, m, build.Changes{dir + "/LICENSE", dir + "/images/map.pdf"})
	for _, name := range []string{"articles/harbour-story/LICENSE", "articles/harbour-story/images/map.pdf"} {
		if _, _, ok, _ := m.Lookup(name); !ok {
			t.Errorf("%s, added to the bundle, is not published", name)
		}
	}
	if err := os.Remove(filepath.Join(root, dir, "LICENSE")); err != nil {
		t.Fatal(err)
	}
	memBuild(t, b, m, build.Changes{dir + "/LICENSE"})
	sameSite(t, "files added to the bundle, one removed", m, root)
}

// TestMissingLeadImage: an image: that is no file of the site stops the
// build at the article's line and field, before anything is written.
func TestMissingLeadImage(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	addFrontMatter(t, root, kremlin, "image: /img/nowhere.jpg\nimage_alt: Nothing\n")
	_, err := build.Run(build.Options{Source: root, Dest: filepath.Join(root, "public")})
	want := kremlin + ":2: image: /img/nowhere.jpg is no image of static/ or of the article's folder: put the file there, or correct the path"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	if _, err := os.Stat(filepath.Join(root, "public")); err == nil {
		t.Error("public/ was written")
	}
}

// TestDamagedImage: an image that is not the picture its name says, or
// is cut short, stops the build naming the article, the field and the
// file; with images.misnamed: warn, a PNG named .jpg is a warning there,
// and is made as the PNG it is (with the same bytes already in the
// cache under a right name, too).
func TestDamagedImage(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "static/img/fake.jpg", string(pngOf(t, 40, 30)))
	write(t, root, "static/img/right.png", string(pngOf(t, 40, 30)))
	addFrontMatter(t, root, kremlin, "image: /img/fake.jpg\nimage_alt: A fake\n")
	appendFile(t, root, kremlin, "\n![The same](/img/right.png)\n")
	dest := filepath.Join(root, "public")
	_, err := build.Run(build.Options{Source: root, Dest: dest})
	want := kremlin + ":2: image: static/img/fake.jpg is a PNG image, not the JPEG its name says: rename it (or set images.misnamed: warn in config.yaml)"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}

	cfg, _ := os.ReadFile(filepath.Join(root, "config.yaml"))
	write(t, root, "config.yaml", string(cfg)+"\nimages:\n  misnamed: warn\n")
	res, err := build.Run(build.Options{Source: root, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	warned := false
	for _, w := range res.Warnings {
		warned = warned || w.Error() == kremlin+":2: warning: image: static/img/fake.jpg is a PNG image, not the JPEG its name says: rename it"
	}
	if !warned {
		t.Errorf("no warning of the misnamed image: %v", res.Warnings)
	}
	page := readOut(t, dest, "articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/index.html")
	if !regexp.MustCompile(`srcset="\.\./\.\./img/fake-40\.[0-9a-f]{8}\.webp 40w"`).MatchString(page) {
		t.Errorf("the misnamed image has no picture:\n%s", page)
	}

	write(t, root, "config.yaml", string(cfg)+"\nimages:\n  misnamed: maybe\n")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err == nil || !strings.Contains(err.Error(), `images.misnamed: is error or warn, not "maybe"`) {
		t.Errorf("a bad images.misnamed: %v", err)
	}
}

// TestFigureShortcodePicture: a figure shortcode's image is a picture
// too, inside its figure, its caption and set-apart credit kept.
func TestFigureShortcodePicture(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "static/img/quay.jpg", string(phoneJPEG(t, 900, 600)))
	appendFile(t, root, kremlin, "\n{{< figure src=\"/img/quay.jpg\" alt=\"The quay\" caption=\"The quay at noon\" credit=\"Photo: Ana Lima\" >}}\n")
	dest := filepath.Join(root, "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	page, _ := os.ReadFile(filepath.Join(dest, "articles", "kremlin-keeps-cryptic-stance-on-putin-trump-contacts", "index.html"))
	re := regexp.MustCompile(`<figure><picture><source type="image/webp" srcset="\.\./\.\./img/quay-480\.[0-9a-f]{8}\.webp 480w, [^"]*900w" sizes="[^"]*"><img src="[^"]*" srcset="[^"]*" sizes="[^"]*" width="900" height="600" alt="The quay" loading="lazy" decoding="async"></picture><figcaption>The quay at noon <span class="credit">Photo: Ana Lima</span></figcaption>\s*</figure>`)
	if !re.Match(page) {
		t.Errorf("no figure of a picture in\n%s", page)
	}
}

// TestImageCacheStaysInTheSite: a cache folder that is a link out of the
// site is refused, and a file planted in the cache as a link to another
// file is never published: the size is made again in its place.
func TestImageCacheStaysInTheSite(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "static/img/quay.jpg", string(phoneJPEG(t, 600, 400)))
	addFrontMatter(t, root, kremlin, "image: /img/quay.jpg\nimage_alt: The quay\n")
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(root, ".folio-cache")); err != nil {
		t.Fatal(err)
	}
	_, err := build.Run(build.Options{Source: root, Dest: filepath.Join(root, "public")})
	if err == nil || !strings.Contains(err.Error(), "images.cache: .folio-cache/images: a folder on the way is a symbolic link that leads out of the site") {
		t.Errorf("a cache through a link out of the site: %v", err)
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("%d files were written through the link", len(entries))
	}

	os.Remove(filepath.Join(root, ".folio-cache"))
	dest := filepath.Join(root, "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(root, ".folio-cache", "images")
	published, _ := filepath.Glob(filepath.Join(dest, "img", "quay-480.*.jpg"))
	if len(published) != 1 {
		t.Fatalf("published %v", published)
	}
	tag := strings.Split(filepath.Base(published[0]), ".")[1]
	sizes, _ := filepath.Glob(filepath.Join(cache, tag+"*-480.jpg"))
	if len(sizes) != 1 {
		t.Fatalf("sizes %v", sizes)
	}
	secret := filepath.Join(outside, "secret.txt")
	os.WriteFile(secret, []byte("a private key"), 0o600)
	os.Remove(sizes[0])
	if err := os.Symlink(secret, sizes[0]); err != nil {
		t.Fatal(err)
	}
	res, err := build.Run(build.Options{Source: root, Dest: dest, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.ImagesMade != 1 {
		t.Errorf("made %d images, want 1: the planted link was taken as the size", res.ImagesMade)
	}
	filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(p); bytes.Contains(b, []byte("a private key")) {
				t.Errorf("%s holds the file the planted link leads to", p)
			}
		}
		return nil
	})
}
