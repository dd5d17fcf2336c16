package imaging

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"testing"

	"golang.org/x/image/draw"
)

// benchPhoto is the picture the benchmarks process: the file
// FOLIO_BENCH_PHOTO names (a real photograph, as the kit's imggen makes
// them), else a 2-megapixel test picture.
func benchPhoto(b *testing.B) []byte {
	if name := os.Getenv("FOLIO_BENCH_PHOTO"); name != "" {
		src, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		return src
	}
	var w bytes.Buffer
	if err := jpeg.Encode(&w, photo(1732, 1155), &jpeg.Options{Quality: 90}); err != nil {
		b.Fatal(err)
	}
	return w.Bytes()
}

// BenchmarkProcess makes every size of a 2-megapixel photograph, with an
// empty cache each time.
func BenchmarkProcess(b *testing.B) {
	src := benchPhoto(b)
	for i := 0; i < b.N; i++ {
		opts := Defaults()
		opts.CacheDir = b.TempDir()
		p, err := New(opts)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.Process("photo.jpg", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScale is the scaling alone: the four default widths, each
// from the one before, as make does.
func BenchmarkScale(b *testing.B) {
	benchScale(b, func(from image.Image, w, h int) image.Image { return scale(from, w, h) })
}

// BenchmarkScaleXDraw is the same with x/image/draw's Catmull-Rom, which
// folio used before: the ratio of the two is what the resampler earns.
func BenchmarkScaleXDraw(b *testing.B) {
	benchScale(b, func(from image.Image, w, h int) image.Image {
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.CatmullRom.Scale(dst, dst.Rect, from, from.Bounds(), draw.Src, nil)
		return dst
	})
}

func benchScale(b *testing.B, scale func(image.Image, int, int) image.Image) {
	img, err := jpeg.Decode(bytes.NewReader(benchPhoto(b)))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		from := img
		for _, w := range []int{1600, 1200, 800, 480} {
			h := from.Bounds().Dy() * w / from.Bounds().Dx()
			from = scale(from, w, h)
		}
	}
}
