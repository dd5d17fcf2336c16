// Package imaging makes the published forms of the pictures a site's
// pages show: each raster image (JPEG, PNG, WebP, a GIF's first frame)
// turned upright, converted to sRGB, resized to the configured widths
// (never larger than it is), and encoded as WebP and in a fallback format (JPEG, or PNG when
// it has transparency), with no metadata. It is a stage of its own with
// its own cache: processed files are kept in a folder under names made
// of the source's content hash and the settings, so a later build, or
// the dev server, reuses them and processes nothing that did not change.
//
// Encoders: WebP through github.com/gen2brain/webp, which runs libwebp
// itself, loaded from the system (libwebp.so) when there is one and
// compiled to WebAssembly otherwise, with the same bytes either way;
// JPEG and PNG through the standard library; scaling with
// golang.org/x/image/draw's Catmull-Rom filter.
package imaging

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/gen2brain/webp"

	"folio/generator/srcfile"
	xwebp "golang.org/x/image/webp"
)

// version changes whenever what Process writes for the same source and
// options changes, so that a cache of older files is not reused.
const version = 2

// Options are the site's image settings.
type Options struct {
	// Widths are the widths, in pixels, of the sizes made; an image
	// narrower than one of them also gets its own width, never more.
	Widths []int
	// Quality is the WebP and JPEG quality, 1 to 100.
	Quality int
	// MaxPixels refuses an image of more pixels (width × height), read
	// from its header before anything is decoded.
	MaxPixels int
	// CacheDir holds the processed files and what is known of each
	// source.
	CacheDir string
	// Budget bounds the pixels being worked on at once, over all
	// goroutines, so that memory stays bounded whatever the images (about
	// 8 bytes a pixel); 0 is MaxPixels.
	Budget int
	// AllowMisnamed processes an image whose name says another format
	// as what it is, rather than refusing it (see Misnamed).
	AllowMisnamed bool
}

// Defaults are the settings a site gets when config.yaml gives none.
func Defaults() Options {
	return Options{Widths: []int{480, 800, 1200, 1600}, Quality: 75, MaxPixels: 100_000_000}
}

// Image is what a processed source gives pages: its upright size and its
// sizes, narrowest first.
type Image struct {
	Width, Height int
	// Format is the source's: jpeg, png, gif or webp.
	Format string
	// Fallback is the format of the sizes for browsers without WebP:
	// jpeg, or png when the image has transparency.
	Fallback string
	Sizes    []Size
}

// Size is one width of an image, in WebP and, for the sizes FallbackAt
// names, in the fallback format; WebP and Fallback are file names in the
// cache folder ("" for no fallback), WebPSum and FallbackSum the SHA-256
// of their bytes in hex (the output's manifest lists them; entries made
// before they were kept have none).
type Size struct {
	Width, Height        int
	WebP, Fallback       string
	WebPSum, FallbackSum string `json:",omitempty"`
}

// FallbackWidth is the widest size made in the fallback format as well
// as in WebP, unless that is the narrowest: the size an article shows to
// a browser without WebP, and the one it shares (Open Graph, feeds,
// JSON-LD), which sites such as Facebook ask to be 1200 pixels wide.
const FallbackWidth = 1200

// FallbackAt reports whether the size at i of an image's sizes is made
// in the fallback format: the narrowest, which lists show as thumbnails,
// and the widest up to FallbackWidth. Every browser of the last five
// years reads WebP, so a fallback of every size was made, cached and
// published for almost no one: a fifth of a photo archive's files and
// its largest JPEGs. Entries made before this rule have a fallback of
// every size; the build publishes only these.
func (img *Image) FallbackAt(i int) bool {
	return fallbackAt(len(img.Sizes), func(j int) int { return img.Sizes[j].Width }, i)
}

// fallbackAt is FallbackAt for n sizes, narrowest first, whose widths
// width gives.
func fallbackAt(n int, width func(int) int, i int) bool {
	if i == 0 {
		return true
	}
	widest := 0
	for j := range n {
		if width(j) <= FallbackWidth {
			widest = j
		}
	}
	return i == widest
}

// Processor processes images; it is safe for use by several goroutines.
type Processor struct {
	opts   Options
	params string
	budget *budget

	mu sync.Mutex
	// used are the cache entries (a source's key) Process returned since
	// the processor was made or last pruned, for Prune.
	used      map[string]bool
	memo      map[string]memo
	memoDirty bool
	processed int
	reused    int
	// files are the regular files of the cache folder, read in one go
	// when a build first asks for a cached entry (a warm build of 10,000
	// images would otherwise look up 80,000 sizes one by one) and
	// forgotten when the next starts (Rescan); files made since are
	// added, those pruned taken out. Each has its inode number where
	// the listing gives it (0 otherwise), and dev is the folder's
	// device: the build tells by them alone that a file of the last site
	// is the cache's own (see FileID).
	files map[string]uint64
	dev   uint64
}

// New makes a processor that keeps its files in opts.CacheDir.
func New(opts Options) (*Processor, error) {
	if opts.CacheDir == "" {
		return nil, errors.New("imaging: no cache folder")
	}
	if err := os.MkdirAll(opts.CacheDir, 0o755); err != nil {
		return nil, fmt.Errorf("image cache: %w", err)
	}
	widths := slices.Clone(opts.Widths)
	slices.Sort(widths)
	opts.Widths = slices.Compact(widths)
	if opts.Budget <= 0 {
		opts.Budget = opts.MaxPixels
	}
	h := sha256.New()
	fmt.Fprintf(h, "%d %v %d", version, opts.Widths, opts.Quality)
	p := &Processor{opts: opts, params: hex.EncodeToString(h.Sum(nil))[:8], budget: newBudget(opts.Budget), used: map[string]bool{}, memo: map[string]memo{}}
	p.loadMemo()
	return p, nil
}

// Dir is the cache folder, where the files Image.Sizes names are.
func (p *Processor) Dir() string { return p.opts.CacheDir }

// Counts are how many sources Process made sizes of, and how many it
// found already made in the cache, since the processor was made or the
// counts last taken with TakeCounts.
func (p *Processor) Counts() (processed, reused int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.processed, p.reused
}

// TakeCounts returns Counts and sets them to zero: a builder's counts of
// one build.
func (p *Processor) TakeCounts() (processed, reused int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	processed, reused = p.processed, p.reused
	p.processed, p.reused = 0, 0
	return processed, reused
}

// Rescan forgets what the cache folder held: a build calls it as it
// starts, since files may have gone since the last (a hand, a prune).
func (p *Processor) Rescan() {
	p.mu.Lock()
	p.files = nil
	p.mu.Unlock()
}

// List lists the cache folder now, if it is not listed yet: a build
// does it on another core while it reads the site.
func (p *Processor) List() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.isFileLocked("")
}

// isFile reports whether the cache folder holds a regular file of that
// name: only a file the processor wrote, as a symbolic link planted in
// the cache would publish whatever it leads to.
func (p *Processor) isFile(name string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.isFileLocked(name)
}

// isFileLocked is isFile with p.mu held.
func (p *Processor) isFileLocked(name string) bool {
	if p.files == nil {
		// Unsorted: sorting the 110,000 names of a 10,000-image cache
		// would cost more than listing them.
		files, dev, err := listFiles(p.opts.CacheDir)
		if err != nil {
			return false
		}
		p.files, p.dev = files, dev
	}
	_, ok := p.files[name]
	return ok
}

// FileID is the device and inode numbers of the cache's file name, as
// the listing of the cache folder gave them; zeros when it did not.
func (p *Processor) FileID(name string) (dev, ino uint64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if ino := p.files[name]; ino != 0 {
		return p.dev, ino
	}
	return 0, 0
}

// wrote writes a file of the cache folder and counts it in.
func (p *Processor) wrote(name string, b []byte) error {
	if err := writeFile(filepath.Join(p.opts.CacheDir, name), b); err != nil {
		return err
	}
	p.mu.Lock()
	if p.files != nil {
		p.files[name] = 0 // its inode unknown: looked up if need be
	}
	p.mu.Unlock()
	return nil
}

// Process returns the sizes of the image src, making them unless the
// cache has them. name is the source's file, for errors and for the
// format its extension promises.
func (p *Processor) Process(name string, src []byte) (*Image, error) {
	img, _, err := p.process(name, src)
	return img, err
}

func (p *Processor) process(name string, src []byte) (*Image, string, error) {
	sum := sha256.Sum256(src)
	key := hex.EncodeToString(sum[:16]) + "-" + p.params
	p.mu.Lock()
	p.used[key] = true
	p.mu.Unlock()
	if img, ok := p.cached(key); ok {
		if err := p.checkSize(name, img.Width, img.Height); err != nil {
			return nil, "", err
		}
		// The same bytes under another name: the name is checked anew.
		if err := p.checkName(name, img.Format); err != nil {
			return nil, "", err
		}
		p.mu.Lock()
		p.reused++
		p.mu.Unlock()
		return img, key, nil
	}
	img, err := p.make(name, key, src)
	if err != nil {
		return nil, "", err
	}
	p.mu.Lock()
	p.processed++
	p.mu.Unlock()
	return img, key, nil
}

// checkName refuses an image whose name says another format, unless the
// site lets it through (Options.AllowMisnamed), when Misnamed tells the
// build to warn of it.
func (p *Processor) checkName(name, format string) error {
	if want := Misnamed(name, format); want != "" && !p.opts.AllowMisnamed {
		return fmt.Errorf("%s is a %s image, not the %s its name says: rename it (or set images.misnamed: warn in config.yaml)", name, formatName(format), formatName(want))
	}
	return nil
}

// Misnamed is the format name promises when the image is of another
// (format as Image.Format has it), "" when the name is right or says
// nothing.
func Misnamed(name, format string) string {
	if want, ok := extFormat[lowerExt(name)]; ok && want != format {
		return want
	}
	return ""
}

// Sniff tells an image's format by its first bytes (jpeg, png, gif or
// webp; "" for none of them): 16 bytes are enough.
func Sniff(b []byte) string { return sniff(b) }

// MisnamedText says an image is not what its name says, for a warning.
func MisnamedText(name, format string) string {
	return fmt.Sprintf("%s is a %s image, not the %s its name says: rename it", name, formatName(format), formatName(Misnamed(name, format)))
}

// checkSize refuses an image of more than MaxPixels, read from its
// header or, for one made by an earlier build, from the cache: a build
// refuses what a fresh build would.
func (p *Processor) checkSize(name string, w, h int) error {
	if w <= 0 || h <= 0 || (w*h)/w != h || w*h > p.opts.MaxPixels {
		return fmt.Errorf("%s is %d×%d pixels, more than images.maxPixels (%d) allows: make it smaller, or raise the limit in config.yaml", name, w, h, p.opts.MaxPixels)
	}
	return nil
}

// cached reads a source's entry, when it and every file it names are
// there.
func (p *Processor) cached(key string) (*Image, bool) {
	b, err := srcfile.ReadExact(filepath.Join(p.opts.CacheDir, key+".json"), 1<<20)
	if err != nil {
		return nil, false
	}
	var img Image
	if json.Unmarshal(b, &img) != nil || len(img.Sizes) == 0 {
		return nil, false
	}
	upgrade := false
	for _, s := range img.Sizes {
		for _, f := range []string{s.WebP, s.Fallback} {
			if f != "" && !p.isFile(f) {
				return nil, false
			}
		}
		upgrade = upgrade || !s.summed()
	}
	if upgrade {
		// An entry an older folio made, without the hashes the output's
		// manifest lists: they are taken once and kept in it, not taken
		// again on every build.
		for i := range img.Sizes {
			s := &img.Sizes[i]
			for _, f := range []struct{ name, sum *string }{{&s.WebP, &s.WebPSum}, {&s.Fallback, &s.FallbackSum}} {
				if *f.name == "" {
					continue
				}
				b, err := srcfile.ReadExact(filepath.Join(p.opts.CacheDir, *f.name), srcfile.MaxImage)
				if err != nil {
					return nil, false
				}
				*f.sum = hexSum(b)
			}
		}
		if b, err := json.Marshal(&img); err == nil {
			_ = p.wrote(key+".json", b) // if it cannot be kept, it is taken again next time
		}
	}
	return &img, true
}

// hasFiles reports whether the cache holds every file of an entry the
// memo gave, with the hashes that the output's manifest lists.
func (p *Processor) hasFiles(img *Image) bool {
	if len(img.Sizes) == 0 {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range img.Sizes {
		if !s.summed() || !p.isFileLocked(s.WebP) || (s.Fallback != "" && !p.isFileLocked(s.Fallback)) {
			return false
		}
	}
	return true
}

// summed reports whether the size has the hashes of its files.
func (s *Size) summed() bool {
	return s.WebPSum != "" && (s.Fallback == "" || s.FallbackSum != "")
}

// formats by the extensions a file may have.
var extFormat = map[string]string{".jpg": "jpeg", ".jpeg": "jpeg", ".jpe": "jpeg", ".png": "png", ".gif": "gif", ".webp": "webp"}

// Raster reports whether a file name is one of the images Process takes.
func Raster(name string) bool {
	_, ok := extFormat[lowerExt(name)]
	return ok
}

func lowerExt(name string) string {
	e := filepath.Ext(name)
	b := []byte(e)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func (p *Processor) make(name, key string, src []byte) (*Image, error) {
	format := sniff(src)
	if format == "png" {
		src = soundPNG(src)
	}
	var cfg image.Config
	var err error
	switch format {
	case "jpeg":
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(src))
	case "png":
		cfg, err = png.DecodeConfig(bytes.NewReader(src))
	case "gif":
		cfg, err = gif.DecodeConfig(bytes.NewReader(src))
	case "webp":
		cfg, err = xwebp.DecodeConfig(bytes.NewReader(src))
	default:
		err = errors.New("its first bytes are none of theirs")
	}
	if err != nil {
		return nil, fmt.Errorf("%s is not an image folio can read (JPEG, PNG, WebP or GIF): %v", name, err)
	}
	if err := p.checkName(name, format); err != nil {
		return nil, err
	}
	if err := p.checkSize(name, cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	pixels := cfg.Width * cfg.Height
	// The decoded image and its sizes take about 10 bytes a pixel.
	p.budget.acquire(pixels)
	defer p.budget.release(pixels)

	var decoded image.Image
	switch format {
	case "jpeg":
		decoded, err = jpeg.Decode(bytes.NewReader(src))
	case "png":
		decoded, err = png.Decode(bytes.NewReader(src))
	case "gif":
		decoded, err = gif.Decode(bytes.NewReader(src)) // the first frame
	case "webp":
		decoded, err = xwebp.Decode(bytes.NewReader(src))
	}
	if err != nil {
		return nil, fmt.Errorf("%s is damaged: %v", name, err)
	}
	if format == "jpeg" {
		decoded = orient(decoded, jpegOrientation(src))
	}
	if prof, ok := parseICC(iccOf(format, src)); ok && !prof.isSRGB() {
		decoded = toSRGB(decoded, prof)
	}
	b := decoded.Bounds()
	img := &Image{Width: b.Dx(), Height: b.Dy(), Format: format, Fallback: "jpeg"}
	if !opaque(decoded) {
		img.Fallback = "png"
	}
	widths := targetWidths(p.opts.Widths, img.Width)
	// Largest first, each made from the one before: a quarter of the
	// work of scaling every size from the source, and as sharp.
	from := decoded
	sizes := make([]Size, len(widths))
	for i := len(widths) - 1; i >= 0; i-- {
		w := widths[i]
		h := max(1, (img.Height*w+img.Width/2)/img.Width)
		var scaled image.Image = from
		if w != from.Bounds().Dx() || h != from.Bounds().Dy() {
			scaled = scale(from, w, h)
		}
		s := Size{Width: w, Height: h, WebP: key + "-" + strconv.Itoa(w) + ".webp"}
		if fallbackAt(len(widths), func(j int) int { return widths[j] }, i) {
			s.Fallback = key + "-" + strconv.Itoa(w) + "." + ext(img.Fallback)
		}
		if err := p.encode(&s, scaled, img.Fallback); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		sizes[i] = s
		from = scaled
	}
	img.Sizes = sizes
	b2, err := json.Marshal(img)
	if err != nil {
		return nil, err
	}
	if err := p.wrote(key+".json", b2); err != nil {
		return nil, err
	}
	return img, nil
}

// encode writes a size of img in WebP, and in the fallback format when
// the size names a file for it.
func (p *Processor) encode(s *Size, img image.Image, fallback string) error {
	var w bytes.Buffer
	if err := encodeWebP(&w, img, p.opts.Quality); err != nil {
		return fmt.Errorf("encoding WebP: %w", err)
	}
	if err := p.wrote(s.WebP, w.Bytes()); err != nil {
		return err
	}
	s.WebPSum = hexSum(w.Bytes())
	if s.Fallback == "" {
		return nil
	}
	w.Reset()
	var err error
	if fallback == "png" {
		err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&w, img)
	} else {
		err = jpeg.Encode(&w, img, &jpeg.Options{Quality: p.opts.Quality})
	}
	if err != nil {
		return fmt.Errorf("encoding %s: %w", formatName(fallback), err)
	}
	s.FallbackSum = hexSum(w.Bytes())
	return p.wrote(s.Fallback, w.Bytes())
}

// hexSum is the SHA-256 of b in hex.
func hexSum(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Sum is the SHA-256 of a file of the cache, when its name or its entry
// tells it without reading it (hex, from Size or a stripped copy's name).
func Sum(hexSum string) ([sha256.Size]byte, bool) {
	var sum [sha256.Size]byte
	if len(hexSum) != 2*sha256.Size {
		return sum, false
	}
	_, err := hex.Decode(sum[:], []byte(hexSum))
	return sum, err == nil
}

// StrippedSum is the SHA-256 of a stripped copy, which its name carries
// (s-<hex>.jpg); false for a copy an older folio named by half of it.
func StrippedSum(file string) ([sha256.Size]byte, bool) {
	base := filepath.Base(file)
	if !strings.HasPrefix(base, strippedPrefix) {
		return [sha256.Size]byte{}, false
	}
	return Sum(strings.TrimSuffix(strings.TrimPrefix(base, strippedPrefix), filepath.Ext(base)))
}

// sniff tells an image's format by its first bytes.
func sniff(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return "jpeg"
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return "gif"
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "webp"
	}
	return ""
}

// encodeWebP writes lossy WebP at libwebp's method 4, its default: at
// quality 75, 6% smaller than method 2 for the same SSIM, at 2.5 times
// the time (README, Images).
func encodeWebP(w *bytes.Buffer, img image.Image, quality int) error {
	return webp.Encode(w, img, webp.Options{Quality: quality, Method: 4})
}

// targetWidths are the widths an image of width w gets: those of the
// settings narrower than it, and its own when it is narrower than the
// widest (so that the largest size is the image at its full width).
func targetWidths(widths []int, w int) []int {
	var out []int
	for _, x := range widths {
		if x < w {
			out = append(out, x)
		}
	}
	if len(widths) == 0 || w <= widths[len(widths)-1] {
		out = append(out, w)
	} else if len(out) == 0 || out[len(out)-1] != widths[len(widths)-1] {
		out = append(out, widths[len(widths)-1])
	}
	return out
}

func ext(format string) string {
	if format == "jpeg" {
		return "jpg"
	}
	return format
}

func formatName(f string) string {
	switch f {
	case "jpeg":
		return "JPEG"
	case "png":
		return "PNG"
	case "gif":
		return "GIF"
	case "webp":
		return "WebP"
	}
	return f
}

// opaque reports whether an image has no transparent pixel.
func opaque(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	return false
}

// writeFile writes a cache file whole or not at all: another build, or
// the dev server, may read the folder at any time.
func writeFile(name string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return fmt.Errorf("image cache: %w", err)
	}
	_, werr := tmp.Write(b)
	// Read-only: a build may link the file into its output, where it
	// must not be changed in place.
	werr = errors.Join(werr, tmp.Chmod(0o444))
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("image cache: %w", err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("image cache: %w", err)
	}
	return nil
}

// Prune removes from the cache folder every file of a source Process was
// not asked for since the processor was made or last pruned: after a
// whole build, the images no page shows any more.
func (p *Processor) Prune() (removed int, err error) {
	p.mu.Lock()
	listed := p.files != nil
	p.mu.Unlock()
	var names []string
	if listed {
		// The build's own listing: a second one of a large cache costs
		// as much as the first.
		p.mu.Lock()
		names = make([]string, 0, len(p.files))
		for n := range p.files {
			names = append(names, n)
		}
		p.mu.Unlock()
	} else {
		entries, err := os.ReadDir(p.opts.CacheDir)
		if err != nil {
			return 0, fmt.Errorf("image cache: %w", err)
		}
		for _, e := range entries {
			if !e.IsDir() {
				names = append(names, e.Name())
			}
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	defer func() { p.used = map[string]bool{} }()
	for name, m := range p.memo {
		if !p.used[m.Key] {
			delete(p.memo, name)
			p.memoDirty = true
		}
	}
	for _, n := range names {
		key := n
		if i := len(p.params) + 33; len(n) >= i && !strings.HasPrefix(n, strippedPrefix) {
			key = n[:i]
		}
		if p.used[key] || n == memoFile {
			continue
		}
		if err := os.Remove(filepath.Join(p.opts.CacheDir, n)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, fmt.Errorf("image cache: %w", err)
		}
		if p.files != nil {
			delete(p.files, n)
		}
		removed++
	}
	return removed, nil
}

// budget is a counting semaphore of pixels.
type budget struct {
	mu    sync.Mutex
	cond  *sync.Cond
	free  int
	total int
}

func newBudget(n int) *budget {
	b := &budget{free: n, total: n}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// acquire waits until n pixels are free; an image larger than the whole
// budget waits until nothing else is being worked on.
func (b *budget) acquire(n int) {
	n = min(n, b.total)
	b.mu.Lock()
	for b.free < n {
		b.cond.Wait()
	}
	b.free -= n
	b.mu.Unlock()
}

func (b *budget) release(n int) {
	n = min(n, b.total)
	b.mu.Lock()
	b.free += n
	b.mu.Unlock()
	b.cond.Broadcast()
}
