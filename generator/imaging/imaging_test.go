package imaging

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	xwebp "golang.org/x/image/webp"
)

// photo is a w×h test picture: a gradient, with a red block at the top
// left corner so that its orientation can be seen.
func photo(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	for y := 0; y < h/10; y++ {
		for x := 0; x < w/10; x++ {
			img.Set(x, y, color.RGBA{255, 0, 0, 255})
		}
	}
	return img
}

// exifWithGPS is an APP1 EXIF segment as a phone writes one: an
// orientation, a camera, and a GPS position in its own IFD.
func exifWithGPS(orientation int) []byte {
	le := binary.LittleEndian
	t := []byte("II*\x00\x08\x00\x00\x00")
	// IFD0: orientation, make (ASCII at an offset), GPS IFD pointer.
	ifd0 := make([]byte, 2+3*12+4)
	le.PutUint16(ifd0, 3)
	entry := func(i int, tag, typ uint16, count, value uint32) {
		e := ifd0[2+12*i:]
		le.PutUint16(e, tag)
		le.PutUint16(e[2:], typ)
		le.PutUint32(e[4:], count)
		le.PutUint32(e[8:], value)
	}
	makeOff := uint32(8 + len(ifd0))
	makeStr := []byte("SecretCam\x00")
	gpsOff := makeOff + uint32(len(makeStr))
	entry(0, 0x0112, 3, 1, uint32(orientation))
	entry(1, 0x010F, 2, uint32(len(makeStr)), makeOff)
	entry(2, 0x8825, 4, 1, gpsOff)
	// GPS IFD: latitude ref N, a marker string the test looks for.
	gps := make([]byte, 2+12+4)
	le.PutUint16(gps, 1)
	le.PutUint16(gps[2:], 0x0001)
	le.PutUint16(gps[4:], 2)
	le.PutUint32(gps[6:], 2)
	copy(gps[10:], "N\x00")
	t = append(append(append(append(t, ifd0...), makeStr...), gps...), []byte("GPS-48.8566N-2.3522E")...)
	seg := append([]byte("Exif\x00\x00"), t...)
	out := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(out[2:], uint16(len(seg)+2))
	return append(out, seg...)
}

// cameraJPEG is a JPEG of img with a phone's EXIF (GPS included), an XMP
// packet and a comment after its start.
func cameraJPEG(t *testing.T, img image.Image, orientation int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	xmp := append([]byte("http://ns.adobe.com/xap/1.0/\x00"), []byte(`<x:xmpmeta><exif:GPSLatitude>48,51.4N</exif:GPSLatitude></x:xmpmeta>`)...)
	app1xmp := append([]byte{0xFF, 0xE1, byte((len(xmp) + 2) >> 8), byte(len(xmp) + 2)}, xmp...)
	com := []byte{0xFF, 0xFE, 0, 12, 'o', 'w', 'n', 'e', 'r', ' ', 'J', 'a', 'n', 'e'}
	raw := b.Bytes()
	out := append([]byte{}, raw[:2]...)
	out = append(out, exifWithGPS(orientation)...)
	out = append(out, app1xmp...)
	out = append(out, com...)
	return append(out, raw[2:]...)
}

// leaks are what must never be published of a source's metadata.
var leaks = []string{"GPS-48", "GPSLatitude", "SecretCam", "owner Jane", "xap/1.0"}

func noLeaks(t *testing.T, what string, b []byte) {
	t.Helper()
	for _, l := range leaks {
		if bytes.Contains(b, []byte(l)) {
			t.Errorf("%s holds %q of its source's metadata", what, l)
		}
	}
}

func TestStripJPEGKeepsPictureAndOrientationOnly(t *testing.T) {
	src := cameraJPEG(t, photo(64, 32), 6)
	if jpegOrientation(src) != 6 {
		t.Fatalf("orientation %d, want 6", jpegOrientation(src))
	}
	out := StripJPEG(src)
	noLeaks(t, "the stripped JPEG", out)
	if got := jpegOrientation(out); got != 6 {
		t.Errorf("stripped orientation %d, want 6: browsers would show it on its side", got)
	}
	a, err := jpeg.Decode(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	b, err := jpeg.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("the stripped JPEG does not decode: %v", err)
	}
	if !bytes.Equal(a.(*image.YCbCr).Y, b.(*image.YCbCr).Y) {
		t.Error("stripping changed the picture")
	}
	if upright := StripJPEG(cameraJPEG(t, photo(8, 8), 1)); bytes.Contains(upright, []byte("Exif")) {
		t.Error("an upright JPEG keeps an EXIF segment")
	}
}

func pngChunk(typ string, data []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	out = append(append(out, typ...), data...)
	h := crc32.NewIEEE()
	h.Write([]byte(typ))
	h.Write(data)
	return binary.BigEndian.AppendUint32(out, h.Sum32())
}

func TestStripPNGAndWebP(t *testing.T) {
	var b bytes.Buffer
	png.Encode(&b, photo(8, 8))
	raw := b.Bytes()
	// Text and EXIF chunks after IHDR (8 + 25 bytes).
	withMeta := append(append(append(append([]byte{}, raw[:33]...), pngChunk("tEXt", []byte("Author\x00owner Jane"))...),
		pngChunk("eXIf", []byte("MM\x00*GPS-48.8566N-2.3522E"))...), raw[33:]...)
	out := StripPNG(withMeta)
	noLeaks(t, "the stripped PNG", out)
	if _, err := png.Decode(bytes.NewReader(out)); err != nil {
		t.Errorf("the stripped PNG does not decode: %v", err)
	}
	if !bytes.Equal(out, raw) {
		t.Error("stripping a PNG changed more than its metadata")
	}

	// A WebP with VP8X, EXIF and XMP chunks around a lossless picture.
	var w bytes.Buffer
	if err := encodeWebP(&w, photo(8, 8), 75); err != nil {
		t.Fatal(err)
	}
	pic := w.Bytes()[12:]
	vp8x := append([]byte("VP8X"), 10, 0, 0, 0, 0x0C, 0, 0, 0, 7, 0, 0, 7, 0, 0)
	exif := append([]byte("EXIF"), 20, 0, 0, 0)
	exif = append(exif, "GPS-48.8566N-2.3522E"...)
	xmp := append([]byte("XMP "), 11, 0, 0, 0)
	xmp = append(append(xmp, "GPSLatitude"...), 0)
	body := append(append(append(append([]byte("WEBP"), vp8x...), pic...), exif...), xmp...)
	webpFile := append(append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...), body...)
	out = StripWebP(webpFile)
	noLeaks(t, "the stripped WebP", out)
	if out[20]&0x0C != 0 {
		t.Errorf("VP8X still says EXIF or XMP: %#x", out[20])
	}
	if got := binary.LittleEndian.Uint32(out[4:]); int(got) != len(out)-8 {
		t.Errorf("RIFF size %d, file %d", got, len(out))
	}
	if _, err := xwebp.Decode(bytes.NewReader(out)); err != nil {
		t.Errorf("the stripped WebP does not decode: %v", err)
	}
}

func newProcessor(t *testing.T, dir string) *Processor {
	t.Helper()
	opts := Defaults()
	opts.CacheDir = dir
	p, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestProcess makes the sizes of a phone's photo: upright, no wider
// than it is, WebP and JPEG, none with its metadata; a second processor
// on the same cache makes nothing; Prune removes what is not used.
func TestProcess(t *testing.T) {
	dir := t.TempDir()
	p := newProcessor(t, dir)
	// Stored 1000×500 and turned right (6): shown 500×1000.
	src := cameraJPEG(t, photo(1000, 500), 6)
	img, err := p.Process("content/articles/x/photo.jpg", src)
	if err != nil {
		t.Fatal(err)
	}
	if img.Width != 500 || img.Height != 1000 || img.Fallback != "jpeg" || len(img.Sizes) != 2 ||
		img.Sizes[0].Width != 480 || img.Sizes[0].Height != 960 || img.Sizes[1].Width != 500 || img.Sizes[1].Height != 1000 {
		t.Fatalf("got %+v", img)
	}
	for _, s := range img.Sizes {
		w, _ := os.ReadFile(filepath.Join(dir, s.WebP))
		j, _ := os.ReadFile(filepath.Join(dir, s.Fallback))
		noLeaks(t, s.WebP, w)
		noLeaks(t, s.Fallback, j)
		if bytes.Contains(j, []byte("Exif")) {
			t.Errorf("%s has an EXIF segment", s.Fallback)
		}
		dw, err := xwebp.Decode(bytes.NewReader(w))
		if err != nil || dw.Bounds().Dx() != s.Width || dw.Bounds().Dy() != s.Height {
			t.Fatalf("%s: %v %v", s.WebP, err, dw.Bounds())
		}
		dj, err := jpeg.Decode(bytes.NewReader(j))
		if err != nil || dj.Bounds().Dx() != s.Width || dj.Bounds().Dy() != s.Height {
			t.Fatalf("%s: %v %v", s.Fallback, err, dj.Bounds())
		}
		// The red corner, top left in the stored picture, is top right
		// once turned.
		if r, g, _, _ := dj.At(s.Width-5, 5).RGBA(); r>>8 < 200 || g>>8 > 60 {
			t.Errorf("%s is not upright: top right is %d,%d", s.Fallback, r>>8, g>>8)
		}
	}
	if n, r := p.Counts(); n != 1 || r != 0 {
		t.Errorf("counts %d %d", n, r)
	}

	again := newProcessor(t, dir)
	if _, err := again.Process("content/articles/x/photo.jpg", src); err != nil {
		t.Fatal(err)
	}
	other := cameraJPEG(t, photo(300, 200), 1)
	if _, err := again.Process("static/b.jpg", other); err != nil {
		t.Fatal(err)
	}
	if n, r := again.Counts(); n != 1 || r != 1 {
		t.Errorf("with a warm cache: processed %d, reused %d; want 1 and 1", n, r)
	}
	only := newProcessor(t, dir)
	if _, err := only.Process("static/b.jpg", other); err != nil {
		t.Fatal(err)
	}
	removed, err := only.Prune()
	if err != nil || removed != 5 { // photo.jpg's entry and its 2×2 files
		t.Errorf("pruned %d (%v), want 5", removed, err)
	}
	left, _ := os.ReadDir(dir)
	for _, e := range left {
		if strings.HasPrefix(e.Name(), img.Sizes[0].WebP[:41]) {
			t.Errorf("%s was kept", e.Name())
		}
	}
}

func TestProcessRefuses(t *testing.T) {
	dir := t.TempDir()
	p := newProcessor(t, dir)
	var b bytes.Buffer
	png.Encode(&b, photo(10, 10))
	good := b.Bytes()
	// A PNG whose header claims 100,000 × 100,000 pixels: refused from
	// its header, before any memory is given to it.
	bomb := append([]byte{}, good...)
	binary.BigEndian.PutUint32(bomb[16:], 100_000)
	binary.BigEndian.PutUint32(bomb[20:], 100_000)
	h := crc32.NewIEEE()
	h.Write(bomb[12:29])
	binary.BigEndian.PutUint32(bomb[29:], h.Sum32())
	truncated := cameraJPEG(t, photo(200, 200), 1)
	truncated = truncated[:len(truncated)/2]
	for _, c := range []struct{ name, want string }{
		{"bomb.png", "bomb.png is 100000×100000 pixels, more than images.maxPixels (100000000) allows: make it smaller, or raise the limit in config.yaml"},
		{"named.jpg", "named.jpg is a PNG image, not the JPEG its name says: rename it (or set images.misnamed: warn in config.yaml)"},
		{"notes.png", "notes.png is not an image folio can read (JPEG, PNG, WebP or GIF): its first bytes are none of theirs"},
		{"cut.jpg", "cut.jpg is damaged: invalid JPEG format: short Huffman data"},
	} {
		src := map[string][]byte{"bomb.png": bomb, "named.jpg": good, "notes.png": []byte("just text"), "cut.jpg": truncated}[c.name]
		_, err := p.Process(c.name, src)
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: got %v\nwant %s", c.name, err, c.want)
		}
	}
}

func TestTransparentKeepsPNG(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 600, 300))
	for i := range img.Pix {
		img.Pix[i] = byte(i)
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	got, err := newProcessor(t, t.TempDir()).Process("logo.png", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got.Fallback != "png" || !strings.HasSuffix(got.Sizes[0].Fallback, ".png") {
		t.Errorf("a transparent image falls back to %s (%s)", got.Fallback, got.Sizes[0].Fallback)
	}
}

func TestTargetWidths(t *testing.T) {
	ws := []int{480, 800, 1200, 1600}
	for w, want := range map[int][]int{
		300:  {300},
		480:  {480},
		1000: {480, 800, 1000},
		1600: {480, 800, 1200, 1600},
		4000: {480, 800, 1200, 1600},
	} {
		if got := targetWidths(ws, w); !equalInts(got, want) {
			t.Errorf("%d: %v, want %v", w, got, want)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestOrientations turns a picture each of the eight ways and checks
// where its red corner lands.
func TestOrientations(t *testing.T) {
	src := photo(40, 20)
	// Where the stored top left corner is shown, per orientation.
	want := map[int][2]int{1: {0, 0}, 2: {1, 0}, 3: {1, 1}, 4: {0, 1}, 5: {0, 0}, 6: {1, 0}, 7: {1, 1}, 8: {0, 1}}
	for o, corner := range want {
		out := orient(src, o)
		b := out.Bounds()
		if (o >= 5) != (b.Dx() == 20) {
			t.Errorf("orientation %d: %v", o, b)
		}
		x, y := 1, 1
		if corner[0] == 1 {
			x = b.Dx() - 2
		}
		if corner[1] == 1 {
			y = b.Dy() - 2
		}
		if r, g, _, _ := out.At(x, y).RGBA(); r>>8 != 255 || g>>8 != 0 {
			t.Errorf("orientation %d: the red corner is not at %v", o, corner)
		}
	}
}

// TestLimitHoldsForCachedImages: an image made by an earlier build is
// refused once images.maxPixels is lowered below its size, as a fresh
// build would refuse it, by file and by bytes.
func TestLimitHoldsForCachedImages(t *testing.T) {
	dir := t.TempDir()
	src := cameraJPEG(t, photo(300, 200), 1)
	file := filepath.Join(t.TempDir(), "a.jpg")
	os.WriteFile(file, src, 0o644)
	p := newProcessor(t, dir)
	if _, err := p.ProcessFile("static/a.jpg", file); err != nil {
		t.Fatal(err)
	}
	if err := p.SaveMemo(); err != nil {
		t.Fatal(err)
	}
	opts := Defaults()
	opts.CacheDir, opts.MaxPixels = dir, 50_000
	low, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	const want = "static/a.jpg is 300×200 pixels, more than images.maxPixels (50000) allows: make it smaller, or raise the limit in config.yaml"
	if _, err := low.ProcessFile("static/a.jpg", file); err == nil || err.Error() != want {
		t.Errorf("by file: got %v", err)
	}
	if _, err := low.Process("static/a.jpg", src); err == nil || err.Error() != want {
		t.Errorf("by bytes: got %v", err)
	}
}

// TestMemoHoldsEntries: the memo a processor saves holds the entries
// themselves, so a warm processor needs no entry file; a damaged memo is
// not trusted, nor an entry whose files are gone; an older folio's JSON
// memo is read once, then written anew and pruned.
func TestMemoHoldsEntries(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(t.TempDir(), "a.jpg")
	if err := os.WriteFile(file, cameraJPEG(t, photo(900, 500), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	first := newProcessor(t, dir)
	img, err := first.ProcessFile("static/a.jpg", file)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.SaveMemo(); err != nil {
		t.Fatal(err)
	}
	key := strings.TrimSuffix(img.Sizes[0].WebP, "-480.webp")
	entry := filepath.Join(dir, key+".json")
	counts := func(what string, wantMade, wantReused int) {
		t.Helper()
		p := newProcessor(t, dir)
		got, err := p.ProcessFile("static/a.jpg", file)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, img) {
			t.Errorf("%s: got %+v, want %+v", what, got, img)
		}
		if made, reused := p.Counts(); made != wantMade || reused != wantReused {
			t.Errorf("%s: made %d, reused %d; want %d and %d", what, made, reused, wantMade, wantReused)
		}
		if err := p.SaveMemo(); err != nil {
			t.Fatal(err)
		}
	}

	if err := os.Remove(entry); err != nil {
		t.Fatal(err)
	}
	counts("without the entry file", 0, 1)

	memoPath := filepath.Join(dir, memoFile)
	b, err := os.ReadFile(memoPath)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-1] ^= 1
	if err := os.WriteFile(memoPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	counts("with a damaged memo and no entry file", 1, 0)

	// The memo names a file the cache no longer has.
	if err := os.Remove(filepath.Join(dir, img.Sizes[0].Fallback)); err != nil {
		t.Fatal(err)
	}
	counts("with a size gone", 1, 0)

	// As an older folio left the cache: a JSON memo of keys alone.
	if err := os.Remove(memoPath); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(file)
	old, _ := json.Marshal(map[string]memo{"static/a.jpg": {Size: info.Size(), ModTime: info.ModTime().UnixNano(), Key: key}})
	if err := os.WriteFile(filepath.Join(dir, oldMemoFile), old, 0o644); err != nil {
		t.Fatal(err)
	}
	counts("with an older memo", 0, 1)
	if _, err := os.Stat(memoPath); err != nil {
		t.Errorf("the older memo was not written anew: %v", err)
	}
	p := newProcessor(t, dir)
	if _, err := p.ProcessFile("static/a.jpg", file); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Prune(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, oldMemoFile)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the older memo was kept: %v", err)
	}
	if _, err := os.Stat(memoPath); err != nil {
		t.Errorf("Prune removed the memo: %v", err)
	}
}

// TestSumsOfCacheFiles: the hashes a cache entry gives for its sizes,
// and the one a stripped copy's name carries, are those of their bytes,
// which the output's manifest lists without reading them.
func TestSumsOfCacheFiles(t *testing.T) {
	dir := t.TempDir()
	p := newProcessor(t, dir)
	img, err := p.Process("photo.jpg", cameraJPEG(t, photo(900, 500), 1))
	if err != nil {
		t.Fatal(err)
	}
	check := func(file, hexSum string, sum [sha256.Size]byte, ok bool) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if want := sha256.Sum256(b); !ok || sum != want {
			t.Errorf("%s: sum %q is not its bytes'", file, hexSum)
		}
	}
	for _, z := range img.Sizes {
		s1, ok1 := Sum(z.WebPSum)
		check(z.WebP, z.WebPSum, s1, ok1)
		if z.Fallback != "" {
			s2, ok2 := Sum(z.FallbackSum)
			check(z.Fallback, z.FallbackSum, s2, ok2)
		}
	}
	src := filepath.Join(t.TempDir(), "phone.jpg")
	if err := os.WriteFile(src, cameraJPEG(t, photo(300, 200), 6), 0o644); err != nil {
		t.Fatal(err)
	}
	stripped, err := p.StrippedFile("static/img/phone.jpg", src)
	if err != nil {
		t.Fatal(err)
	}
	sum, ok := StrippedSum(stripped)
	check(filepath.Base(stripped), filepath.Base(stripped), sum, ok)
	if _, ok := Sum("abc"); ok {
		t.Error("a short hex string was taken for a sum")
	}
}

// TestOlderEntriesGainSums: an entry an older folio made, without the
// hashes of its sizes, gets them the first time it is used, and keeps
// them, so that no later build reads its sizes to hash them.
func TestOlderEntriesGainSums(t *testing.T) {
	dir := t.TempDir()
	p := newProcessor(t, dir)
	src := cameraJPEG(t, photo(700, 400), 1)
	img, err := p.Process("photo.jpg", src)
	if err != nil {
		t.Fatal(err)
	}
	key := strings.TrimSuffix(img.Sizes[0].WebP, "-480.webp")
	old := *img
	old.Sizes = append([]Size(nil), img.Sizes...)
	for i := range old.Sizes {
		old.Sizes[i].WebPSum, old.Sizes[i].FallbackSum = "", ""
	}
	b, _ := json.Marshal(&old)
	if err := os.Remove(filepath.Join(dir, key+".json")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, key+".json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	again, err := newProcessor(t, dir).Process("photo.jpg", src)
	if err != nil {
		t.Fatal(err)
	}
	kept, _ := os.ReadFile(filepath.Join(dir, key+".json"))
	for i, z := range again.Sizes {
		if z.WebPSum != img.Sizes[i].WebPSum || z.FallbackSum != img.Sizes[i].FallbackSum {
			t.Errorf("size %d: sums %q %q, want %q %q", z.Width, z.WebPSum, z.FallbackSum, img.Sizes[i].WebPSum, img.Sizes[i].FallbackSum)
		}
		if !strings.Contains(string(kept), z.WebPSum) {
			t.Errorf("the entry does not keep the sum of size %d", z.Width)
		}
	}
}

// TestOlderStrippedCopyRenamed: a stripped copy an older folio named by
// half its hash is made again under the whole hash, which the output's
// manifest then lists without reading it.
func TestOlderStrippedCopyRenamed(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(t.TempDir(), "phone.jpg")
	if err := os.WriteFile(src, cameraJPEG(t, photo(300, 200), 6), 0o644); err != nil {
		t.Fatal(err)
	}
	p := newProcessor(t, dir)
	got, err := p.StrippedFile("static/img/phone.jpg", src)
	if err != nil {
		t.Fatal(err)
	}
	// As an older folio left it: the copy under half the hash, in the memo.
	base := filepath.Base(got)
	old := strippedPrefix + strings.TrimPrefix(base, strippedPrefix)[:32] + ".jpg"
	if err := os.Rename(got, filepath.Join(dir, old)); err != nil {
		t.Fatal(err)
	}
	p.memo["stripped:static/img/phone.jpg"] = memo{Size: p.memo["stripped:static/img/phone.jpg"].Size, ModTime: p.memo["stripped:static/img/phone.jpg"].ModTime, Key: old}
	p.Rescan()
	again, err := p.StrippedFile("static/img/phone.jpg", src)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(again) != base {
		t.Errorf("the copy is %s, want %s", filepath.Base(again), base)
	}
	if _, ok := StrippedSum(again); !ok {
		t.Error("its name carries no whole hash")
	}
}

// TestStrippedCopyKnownByName: an image made from a stripped copy of the
// cache, whose name is the hash of its bytes, is known again by that
// name while the cache lists it, with no look at the copy's size and
// time; a memo an older folio wrote without that name gains it.
func TestStrippedCopyKnownByName(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(t.TempDir(), "a.jpg")
	if err := os.WriteFile(src, cameraJPEG(t, photo(600, 400), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	first := newProcessor(t, dir)
	copied, err := first.StrippedFile("static/a.jpg", src)
	if err != nil {
		t.Fatal(err)
	}
	img, err := first.ProcessFile("static/a.jpg", copied)
	if err != nil {
		t.Fatal(err)
	}
	if got := first.memo["static/a.jpg"].Source; got != filepath.Base(copied) {
		t.Errorf("the memo names the source %q, want %q", got, filepath.Base(copied))
	}
	// As an older folio kept it: no source's name.
	m := first.memo["static/a.jpg"]
	m.Source = ""
	first.memo["static/a.jpg"] = m
	first.memoDirty = true
	if err := first.SaveMemo(); err != nil {
		t.Fatal(err)
	}
	second := newProcessor(t, dir)
	if _, err := second.ProcessFile("static/a.jpg", copied); err != nil {
		t.Fatal(err)
	}
	if err := second.SaveMemo(); err != nil {
		t.Fatal(err)
	}
	// Its time changed (a restore, a copy of the cache without times):
	// its name still tells its bytes.
	old := time.Now().Add(-48 * time.Hour)
	if err := os.Chtimes(copied, old, old); err != nil {
		t.Fatal(err)
	}
	third := newProcessor(t, dir)
	got, err := third.ProcessFile("static/a.jpg", copied)
	if err != nil {
		t.Fatal(err)
	}
	if made, reused := third.Counts(); made != 0 || reused != 1 || !reflect.DeepEqual(got, img) {
		t.Errorf("made %d, reused %d, %+v; want the entry reused", made, reused, got)
	}
	if third.memoDirty {
		t.Error("the copy was looked at again: its new time is in the memo")
	}
	// Any other file is still told by its size and time.
	other := newProcessor(t, dir)
	if _, err := other.ProcessFile("static/b.jpg", src); err != nil {
		t.Fatal(err)
	}
	if other.memo["static/b.jpg"].Source != "" {
		t.Error("a file outside the cache was taken for a stripped copy")
	}
}

// TestFallbackSizes: an image is made in WebP at every width, and in its
// fallback format at the narrowest and at the widest up to
// FallbackWidth only; the cache holds no other fallback file.
func TestFallbackSizes(t *testing.T) {
	dir := t.TempDir()
	img, err := newProcessor(t, dir).Process("photo.jpg", cameraJPEG(t, photo(2000, 1000), 1))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, z := range img.Sizes {
		if z.WebP == "" || z.WebPSum == "" {
			t.Errorf("size %d has no WebP", z.Width)
		}
		if (z.Fallback != "") != img.FallbackAt(i) || (z.Fallback == "") != (z.FallbackSum == "") {
			t.Errorf("size %d: fallback %q, sum %q, FallbackAt %v", z.Width, z.Fallback, z.FallbackSum, img.FallbackAt(i))
		}
		if z.Fallback != "" {
			got = append(got, strconv.Itoa(z.Width))
		}
	}
	if strings.Join(got, " ") != "480 1200" {
		t.Errorf("fallbacks at %v, want 480 and 1200", got)
	}
	jpegs, _ := filepath.Glob(filepath.Join(dir, "*.jpg"))
	if len(jpegs) != 2 {
		t.Errorf("the cache holds %d JPEG files, want 2: %v", len(jpegs), jpegs)
	}

	for _, c := range []struct {
		widths []int
		want   string
	}{
		{[]int{480, 800, 1200, 1600}, "480 1200"},
		{[]int{480, 800, 1000}, "480 1000"}, // a 1000-pixel image
		{[]int{400}, "400"},
		{[]int{1600, 2400}, "1600"},
		{[]int{320, 640, 1280, 1920}, "320 640"},
	} {
		im := &Image{}
		for _, w := range c.widths {
			im.Sizes = append(im.Sizes, Size{Width: w})
		}
		var at []string
		for i := range im.Sizes {
			if im.FallbackAt(i) {
				at = append(at, strconv.Itoa(c.widths[i]))
			}
		}
		if got := strings.Join(at, " "); got != c.want {
			t.Errorf("FallbackAt over %v: %s, want %s", c.widths, got, c.want)
		}
	}
}

// TestDamagedAncillaryChunk: a PNG whose colour profile has a wrong
// checksum, as a diagram on Linkerd's blog has (browsers show it: libpng
// leaves such a chunk out), is made and published without that chunk;
// one whose picture data has a wrong checksum is refused as damaged.
func TestDamagedAncillaryChunk(t *testing.T) {
	var b bytes.Buffer
	png.Encode(&b, photo(40, 30))
	raw := b.Bytes()
	iccp := pngChunk("iCCP", []byte("broken\x00\x00not a profile"))
	iccp[len(iccp)-1] ^= 0xff // its checksum, wrong
	// After IHDR (8 + 25 bytes).
	damaged := append(append(append([]byte{}, raw[:33]...), iccp...), raw[33:]...)
	if _, err := png.Decode(bytes.NewReader(damaged)); err == nil {
		t.Fatal("Go's decoder took the damaged chunk: the test shows nothing")
	}
	p := newProcessor(t, t.TempDir())
	img, err := p.Process("diagram.png", damaged)
	if err != nil {
		t.Fatalf("refused: %v", err)
	}
	if img.Width != 40 || img.Height != 30 || len(img.Sizes) == 0 {
		t.Errorf("made %d×%d, %d sizes", img.Width, img.Height, len(img.Sizes))
	}
	stripped := StripPNG(damaged)
	if !bytes.Equal(stripped, raw) {
		t.Error("the published copy keeps the damaged chunk, or lost more")
	}
	if !bytes.Equal(soundPNG(raw), raw) || &soundPNG(raw)[0] != &raw[0] {
		t.Error("a sound PNG is copied or changed")
	}

	// A wrong checksum on IDAT, the picture itself.
	bad := append([]byte{}, raw...)
	idat := bytes.Index(bad, []byte("IDAT"))
	n := int(binary.BigEndian.Uint32(bad[idat-4:]))
	bad[idat+4+n+3] ^= 0xff
	if _, err := p.Process("picture.png", bad); err == nil || !strings.HasPrefix(err.Error(), "picture.png is damaged: png: invalid format: invalid checksum") {
		t.Errorf("damaged picture data: got %v", err)
	}
}
