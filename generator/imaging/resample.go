package imaging

import (
	"image"
	"image/draw"
	"math"
)

// Scaling is half of the work of a photograph's sizes. x/image/draw's
// kernels take any image and work in float64 a sample; this resampler
// takes 8-bit RGBA, computes each output's weights once, and sums in
// fixed point, row by row: the same Catmull-Rom filter at about a third
// of the time (BenchmarkScale).

// weightBits is the precision of the fixed-point weights: a sum of up to
// a few hundred 8-bit samples times 1<<14 stays well inside an int32.
const weightBits = 14

// taps are the weights of every output sample along one axis: output i
// sums in[first[i]+k]*w[off[i]+k] for k below n[i].
type taps struct {
	first, off, n []int32
	w             []int32
}

// catmullRom is the filter's kernel, zero from |x| = 2.
func catmullRom(x float64) float64 {
	x = math.Abs(x)
	switch {
	case x < 1:
		return (1.5*x-2.5)*x*x + 1
	case x < 2:
		return ((-0.5*x+2.5)*x-4)*x + 2
	}
	return 0
}

// makeTaps computes the weights that take in samples to out. The kernel
// is widened by the reduction so that every source sample counts; at the
// edges it is cut off and the weights that remain renormalised, so that a
// flat picture stays flat to its border.
func makeTaps(in, out int) taps {
	ratio := float64(in) / float64(out)
	widen := math.Max(ratio, 1)
	support := 2 * widen
	t := taps{first: make([]int32, out), off: make([]int32, out), n: make([]int32, out)}
	t.w = make([]int32, 0, out*(int(math.Ceil(support))*2+1))
	var fw []float64
	for i := 0; i < out; i++ {
		center := (float64(i) + 0.5) * ratio
		lo := max(0, int(math.Floor(center-support)))
		hi := min(in, int(math.Ceil(center+support)))
		fw = fw[:0]
		sum := 0.0
		for j := lo; j < hi; j++ {
			v := catmullRom((float64(j) + 0.5 - center) / widen)
			fw = append(fw, v)
			sum += v
		}
		// Trim zero weights at both ends: fewer taps to sum.
		a, b := 0, len(fw)
		for a < b && fw[a] == 0 {
			a++
		}
		for b > a && fw[b-1] == 0 {
			b--
		}
		t.first[i], t.off[i], t.n[i] = int32(lo+a), int32(len(t.w)), int32(b-a)
		// Rounded weights that sum to exactly one, the error on the
		// largest, so that flat areas keep their value.
		total, largest := int32(0), -1
		for k := a; k < b; k++ {
			q := int32(math.Round(fw[k] / sum * (1 << weightBits)))
			t.w = append(t.w, q)
			total += q
			if largest < 0 || q > t.w[int(t.off[i])+largest] {
				largest = k - a
			}
		}
		if largest >= 0 {
			t.w[int(t.off[i])+largest] += 1<<weightBits - total
		}
	}
	return t
}

// clamp8 takes a fixed-point sum back to a sample.
func clamp8(v int32) uint8 {
	v = (v + 1<<(weightBits-1)) >> weightBits
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return uint8(v)
}

// opaqueImage tells whether every pixel of img is opaque, where its type
// can say so (a JPEG's YCbCr always is; a PNG's NRGBA is checked).
func opaqueImage(img image.Image) bool {
	o, ok := img.(interface{ Opaque() bool })
	return ok && o.Opaque()
}

// scale resamples from to w×h with the Catmull-Rom filter: across each
// row first, then down each column of the result. The pass between keeps
// extraBits of fraction and the filter's overshoot below 0 and above 255:
// clamping it to 8 bits there would cut the ringing of one pass before
// the other could cancel it, and hard edges would come out up to 16
// levels off (TestScaleMatchesXDraw).
func scale(from image.Image, w, h int) *image.RGBA {
	const extraBits = 4
	const down = weightBits - extraBits
	b0 := from.Bounds()
	sw, sh := b0.Dx(), b0.Dy()
	across := make([]int16, w*4*sh)
	tx := makeTaps(sw, w)
	opaque := opaqueImage(from)
	// Each source row is taken to 8-bit premultiplied RGBA as it is
	// needed, not the whole picture at once: at 100 megapixels that copy
	// alone would be 400 MB.
	line := image.NewRGBA(image.Rect(0, 0, sw, 1))
	src, direct := from.(*image.RGBA)
	for y := 0; y < sh; y++ {
		var in []uint8
		if direct {
			i := src.PixOffset(b0.Min.X, b0.Min.Y+y)
			in = src.Pix[i : i+sw*4]
		} else {
			draw.Draw(line, line.Rect, from, image.Pt(b0.Min.X, b0.Min.Y+y), draw.Src)
			in = line.Pix[:sw*4]
		}
		out := across[y*w*4 : (y+1)*w*4]
		for x := 0; x < w; x++ {
			ws := tx.w[tx.off[x] : tx.off[x]+tx.n[x]]
			p := in[int(tx.first[x])*4:]
			var r, g, b, a int32
			if opaque {
				// A photograph's alpha is 255 throughout: a quarter of
				// the sums saved.
				for k, c := range ws {
					q := p[k*4 : k*4+3 : k*4+3]
					r += int32(q[0]) * c
					g += int32(q[1]) * c
					b += int32(q[2]) * c
				}
				a = 255 << weightBits
			} else {
				for k, c := range ws {
					q := p[k*4 : k*4+4 : k*4+4]
					r += int32(q[0]) * c
					g += int32(q[1]) * c
					b += int32(q[2]) * c
					a += int32(q[3]) * c
				}
			}
			q := out[x*4 : x*4+4 : x*4+4]
			const half = 1 << (down - 1)
			q[0], q[1], q[2], q[3] = int16((r+half)>>down), int16((g+half)>>down), int16((b+half)>>down), int16((a+half)>>down)
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	ty := makeTaps(sh, h)
	acc := make([]int32, w*4)
	for y := 0; y < h; y++ {
		clear(acc)
		first := int(ty.first[y])
		for k, c := range ty.w[ty.off[y] : ty.off[y]+ty.n[y]] {
			row := across[(first+k)*w*4 : (first+k+1)*w*4]
			sum := acc[:len(row)] // one bounds check, not one a sample
			for i, v := range row {
				sum[i] += int32(v) * c
			}
		}
		out := dst.Pix[y*dst.Stride : y*dst.Stride+w*4]
		for x := 0; x < w; x++ {
			put(out[x*4:x*4+4:x*4+4], acc[x*4]>>extraBits, acc[x*4+1]>>extraBits, acc[x*4+2]>>extraBits, acc[x*4+3]>>extraBits)
		}
	}
	return dst
}

// put stores one premultiplied pixel. The filter's negative lobes can
// ring a colour above its alpha, which premultiplied RGBA cannot hold.
func put(q []uint8, r, g, b, a int32) {
	av := clamp8(a)
	q[3] = av
	q[0] = min(clamp8(r), av)
	q[1] = min(clamp8(g), av)
	q[2] = min(clamp8(b), av)
}
