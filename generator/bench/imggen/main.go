// Command imggen writes N distinct photo-like JPEGs of about 2
// megapixels (1,732 × 1,155), deterministic for a seed, for the image
// benchmark (generator/bench/images.sh): smooth light, a few soft shapes
// and sensor-like noise, which encoders find about as hard as a photo.
//
//	go run ./generator/bench/imggen -n 1000 -out DIR
package main

import (
	"bufio"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"log"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

func main() {
	n := flag.Int("n", 100, "how many images")
	out := flag.String("out", "", "folder to write a-1.jpg … a-N.jpg into")
	seed := flag.Int64("seed", 1, "seed")
	w := flag.Int("w", 1732, "width")
	h := flag.Int("h", 1155, "height")
	flag.Parse()
	if *out == "" {
		log.Fatal("imggen: -out is required")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if err := write(filepath.Join(*out, fmt.Sprintf("a-%d.jpg", i)), picture(*w, *h, *seed*1_000_003+int64(i))); err != nil {
					log.Fatal(err)
				}
			}
		}()
	}
	for i := 1; i <= *n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}

func picture(w, h int, seed int64) *image.YCbCr {
	rng := rand.New(rand.NewSource(seed))
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	type blob struct{ x, y, r, l, cb, cr float64 }
	blobs := make([]blob, 6+rng.Intn(6))
	for i := range blobs {
		blobs[i] = blob{rng.Float64() * float64(w), rng.Float64() * float64(h), (0.05 + rng.Float64()*0.25) * float64(w),
			rng.Float64()*160 - 80, rng.Float64()*60 - 30, rng.Float64()*60 - 30}
	}
	base, tilt := 60+rng.Float64()*120, rng.Float64()*60-30
	fx, fy := 0.002+rng.Float64()*0.01, 0.002+rng.Float64()*0.01
	// The light and the blobs are separable, exp(a+b) = exp(a)·exp(b):
	// their factors are computed once a row and once a column, not once
	// a pixel, which made 10,000 pictures a matter of hours.
	sinX := make([]float64, w)
	for x := range sinX {
		sinX[x] = 12 * math.Sin(float64(x)*fx)
	}
	ex := make([][]float64, len(blobs))
	for i, b := range blobs {
		ex[i] = make([]float64, w)
		for x := range ex[i] {
			dx := float64(x) - b.x
			ex[i][x] = math.Exp(-dx * dx / (2 * b.r * b.r))
		}
	}
	ey := make([]float64, len(blobs))
	for y := 0; y < h; y++ {
		for i, b := range blobs {
			dy := float64(y) - b.y
			ey[i] = math.Exp(-dy * dy / (2 * b.r * b.r))
		}
		row := base + tilt*float64(y)/float64(h)
		cosY := math.Cos(float64(y) * fy)
		for x := 0; x < w; x++ {
			l := row + sinX[x]*cosY
			cb, cr := 0.0, 0.0
			for i, b := range blobs {
				k := ex[i][x] * ey[i]
				l += b.l * k
				cb += b.cb * k
				cr += b.cr * k
			}
			l += rng.NormFloat64() * 4
			img.Y[img.YOffset(x, y)] = clamp(l)
			if x%2 == 0 && y%2 == 0 {
				o := img.COffset(x, y)
				img.Cb[o], img.Cr[o] = clamp(128+cb), clamp(128+cr)
			}
		}
	}
	return img
}

func clamp(v float64) uint8 {
	return uint8(math.Max(0, math.Min(255, v)))
}

func write(name string, img image.Image) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	if err := jpeg.Encode(bw, img, &jpeg.Options{Quality: 90}); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
