package build_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"folio/generator/build"
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
// without its EXIF and XMP, its picture untouched.
func TestStaticImagesLoseTheirMetadata(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	src := phoneJPEG(t, 64, 48)
	write(t, root, "static/img/phone.jpg", string(src))
	dest := filepath.Join(root, "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
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
