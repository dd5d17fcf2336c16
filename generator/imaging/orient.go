package imaging

import (
	"image"
	"image/draw"
)

// orient turns an image as its EXIF orientation (1 to 8) says a viewer
// should: the published sizes carry no EXIF, so they must be upright.
func orient(img image.Image, o int) image.Image {
	if o <= 1 || o > 8 {
		return img
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if o >= 5 {
		w, h = h, w
	}
	src := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(src, src.Bounds(), img, b.Min, draw.Src)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	sw, sh := b.Dx(), b.Dy()
	for y := 0; y < sh; y++ {
		for x := 0; x < sw; x++ {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = sw-1-x, y
			case 3: // upside down
				dx, dy = sw-1-x, sh-1-y
			case 4: // upside down, mirrored
				dx, dy = x, sh-1-y
			case 5: // transposed
				dx, dy = y, x
			case 6: // turned right: the top is at the right
				dx, dy = sh-1-y, x
			case 7: // transverse
				dx, dy = sh-1-y, sw-1-x
			case 8: // turned left
				dx, dy = y, sw-1-x
			}
			i, j := src.PixOffset(x, y), dst.PixOffset(dx, dy)
			copy(dst.Pix[j:j+4], src.Pix[i:i+4])
		}
	}
	return dst
}
