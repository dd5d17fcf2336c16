package imaging

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"

	"golang.org/x/image/draw"
)

// textured is a picture with detail at every scale: a gradient under
// noise and hard-edged blocks, as a photograph has.
func textured(w, h int) *image.RGBA {
	r := rand.New(rand.NewPCG(1, 2))
	img := photo(w, h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := img.PixOffset(x, y)
			for c := 0; c < 3; c++ {
				v := int(img.Pix[i+c]) + r.IntN(61) - 30
				if (x/7+y/5)%3 == 0 {
					v = 255 - v
				}
				img.Pix[i+c] = uint8(min(255, max(0, v)))
			}
		}
	}
	return img
}

// TestScaleMatchesXDraw holds the resampler to x/image/draw's
// Catmull-Rom, which it replaced: within rounding on average, and no
// sample far off, for reductions small and large and for enlargements
// along one axis.
func TestScaleMatchesXDraw(t *testing.T) {
	src := textured(731, 457)
	for _, size := range [][2]int{{700, 437}, {480, 300}, {200, 125}, {37, 23}, {731, 600}, {1, 1}} {
		got := scale(src, size[0], size[1])
		want := image.NewRGBA(image.Rect(0, 0, size[0], size[1]))
		draw.CatmullRom.Scale(want, want.Rect, src, src.Rect, draw.Src, nil)
		var sum, worst int
		for i := range got.Pix {
			d := int(got.Pix[i]) - int(want.Pix[i])
			d = max(d, -d)
			sum += d
			worst = max(worst, d)
		}
		mean := float64(sum) / float64(len(got.Pix))
		if mean > 0.25 || worst > 1 {
			t.Errorf("%dx%d: differs from x/image/draw by %.2f on average, %d at most", size[0], size[1], mean, worst)
		}
	}

	// A picture that does not start at the origin (a sub-image, as
	// orient and toSRGB may return) scales as its copy does.
	sub := src.SubImage(image.Rect(100, 50, 600, 400)).(*image.RGBA)
	copied := image.NewRGBA(image.Rect(0, 0, 500, 350))
	draw.Draw(copied, copied.Rect, sub, sub.Rect.Min, draw.Src)
	if a, b := scale(sub, 123, 86), scale(copied, 123, 86); string(a.Pix) != string(b.Pix) {
		t.Error("a sub-image scales differently from its copy")
	}
}

// TestScaleKeepsFlatAndTransparent: a flat colour stays exactly that
// colour to the border, and a half-transparent picture stays valid
// premultiplied RGBA (no colour above its alpha) with its alpha kept.
func TestScaleKeepsFlatAndTransparent(t *testing.T) {
	flat := image.NewRGBA(image.Rect(0, 0, 300, 200))
	draw.Draw(flat, flat.Rect, image.NewUniform(color.RGBA{200, 30, 90, 255}), image.Point{}, draw.Src)
	got := scale(flat, 97, 61)
	for i := 0; i < len(got.Pix); i += 4 {
		if c := got.Pix[i : i+4]; c[0] != 200 || c[1] != 30 || c[2] != 90 || c[3] != 255 {
			t.Fatalf("pixel %d of a flat picture became %v", i/4, c)
		}
	}

	// Opaque stripes beside transparent ones: the filter rings at each
	// edge, and the ringing must not lift a colour above its alpha.
	half := image.NewNRGBA(image.Rect(0, 0, 300, 200))
	for y := 0; y < 200; y++ {
		for x := 0; x < 300; x++ {
			if x/10%2 == 0 {
				half.Set(x, y, color.NRGBA{255, 255, 255, 255})
			} else {
				half.Set(x, y, color.NRGBA{0, 0, 0, 0})
			}
		}
	}
	got = scale(half, 140, 93)
	sawClear := false
	for i := 0; i < len(got.Pix); i += 4 {
		c := got.Pix[i : i+4]
		if c[0] > c[3] || c[1] > c[3] || c[2] > c[3] {
			t.Fatalf("pixel %d is %v: a colour above its alpha", i/4, c)
		}
		sawClear = sawClear || c[3] < 255
	}
	if !sawClear {
		t.Error("the transparency was lost")
	}
}
