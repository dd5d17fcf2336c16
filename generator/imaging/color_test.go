package imaging

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// displayP3 is a Display P3 ICC profile as phones embed it: P3's
// primaries adapted to D50 and sRGB's tone curve (parametric, type 3).
func displayP3() []byte {
	xyz := func(x, y, z float64) []byte {
		b := []byte("XYZ \x00\x00\x00\x00")
		for _, v := range []float64{x, y, z} {
			b = binary.BigEndian.AppendUint32(b, uint32(int32(math.Round(v*65536))))
		}
		return b
	}
	trc := []byte("para\x00\x00\x00\x00\x00\x03\x00\x00")
	for _, v := range []float64{2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045} {
		trc = binary.BigEndian.AppendUint32(trc, uint32(int32(math.Round(v*65536))))
	}
	tags := []struct {
		sig  string
		data []byte
	}{
		{"rXYZ", xyz(0.515102, 0.241182, -0.001050)},
		{"gXYZ", xyz(0.291965, 0.692236, 0.041881)},
		{"bXYZ", xyz(0.157153, 0.066582, 0.784378)},
		{"rTRC", trc}, {"gTRC", trc}, {"bTRC", trc},
	}
	header := make([]byte, 128)
	copy(header[12:], "mntr")
	copy(header[16:], "RGB ")
	copy(header[20:], "XYZ ")
	copy(header[36:], "acsp")
	table := binary.BigEndian.AppendUint32(nil, uint32(len(tags)))
	var data []byte
	off := 128 + 4 + 12*len(tags)
	for _, t := range tags {
		table = append(table, t.sig...)
		table = binary.BigEndian.AppendUint32(table, uint32(off+len(data)))
		table = binary.BigEndian.AppendUint32(table, uint32(len(t.data)))
		data = append(data, t.data...)
		for len(data)%4 != 0 {
			data = append(data, 0)
		}
	}
	p := append(append(header, table...), data...)
	binary.BigEndian.PutUint32(p, uint32(len(p)))
	return p
}

// withICC puts an ICC profile into a JPEG, after its start.
func withICC(jpg, icc []byte) []byte {
	seg := append([]byte("ICC_PROFILE\x00\x01\x01"), icc...)
	out := append([]byte{}, jpg[:2]...)
	out = append(out, 0xFF, 0xE2, byte((len(seg)+2)>>8), byte(len(seg)+2))
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

// TestDisplayP3BecomesSRGB: a phone's photo in Display P3 is published
// in sRGB, its colours as the standard P3-to-sRGB conversion gives them
// (not the same numbers read as sRGB, which would look dull); an sRGB
// photo's numbers are kept.
func TestDisplayP3BecomesSRGB(t *testing.T) {
	p3 := [3]uint8{60, 170, 110}
	img := image.NewRGBA(image.Rect(0, 0, 600, 64))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = p3[0], p3[1], p3[2], 255
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 100}); err != nil {
		t.Fatal(err)
	}
	plain := b.Bytes()
	decoded, _ := jpeg.Decode(bytes.NewReader(plain))
	r0, g0, b0, _ := decoded.At(300, 32).RGBA()
	src := [3]float64{float64(r0 >> 8), float64(g0 >> 8), float64(b0 >> 8)}

	// The expected colour, by the published linear P3 (D65) to sRGB
	// matrix, from the colour the JPEG holds.
	lin := func(v float64) float64 {
		v /= 255
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	enc := func(v float64) float64 {
		v = math.Max(0, math.Min(1, v))
		if v <= 0.0031308 {
			return 255 * 12.92 * v
		}
		return 255 * (1.055*math.Pow(v, 1/2.4) - 0.055)
	}
	m := [3][3]float64{{1.2249401, -0.2249404, 0}, {-0.0420569, 1.0420571, 0}, {-0.0196376, -0.0786361, 1.0982735}}
	var want [3]float64
	for c := 0; c < 3; c++ {
		want[c] = enc(m[c][0]*lin(src[0]) + m[c][1]*lin(src[1]) + m[c][2]*lin(src[2]))
	}

	dir := t.TempDir()
	p := newProcessor(t, dir)
	for _, c := range []struct {
		name string
		file []byte
		want [3]float64
	}{
		{"p3.jpg", withICC(plain, displayP3()), want},
		{"srgb.jpg", plain, src},
	} {
		got, err := p.Process(c.name, c.file)
		if err != nil {
			t.Fatal(err)
		}
		j, _ := os.ReadFile(filepath.Join(dir, got.Sizes[0].Fallback))
		out, err := jpeg.Decode(bytes.NewReader(j))
		if err != nil {
			t.Fatal(err)
		}
		px := color.RGBAModel.Convert(out.At(240, 25)).(color.RGBA)
		for i, v := range []uint8{px.R, px.G, px.B} {
			if math.Abs(float64(v)-c.want[i]) > 4 {
				t.Errorf("%s: channel %d is %d, want %.0f (source %v)", c.name, i, v, c.want[i], src)
			}
		}
	}
}
