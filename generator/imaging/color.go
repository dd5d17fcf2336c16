package imaging

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"image"
	"image/draw"
	"io"
	"math"
	"sort"
)

// The sizes carry no colour profile, so browsers show them as sRGB. A
// photo with a profile of a wider space (a phone's Display P3, a
// camera's Adobe RGB) is converted to sRGB first, or its colours would
// show dull. Profiles of the common kind (three primaries and a tone
// curve each: "matrix/TRC") are read by hand; others (CMYK, grey,
// lookup-table profiles) are left as they are.

// profile is the part of an RGB matrix/TRC ICC profile that converts its
// colours to the profile connection space (XYZ, D50).
type profile struct {
	// toXYZ has the primaries as columns: rXYZ, gXYZ, bXYZ.
	toXYZ [3][3]float64
	// curve is each channel's tone curve, from 0-255 to linear light.
	curve [3][256]float64
}

// sRGBD50 is sRGB's primaries adapted to D50 (Bradford), as the ICC's
// sRGB profile gives them.
var sRGBD50 = [3][3]float64{
	{0.4360747, 0.3850649, 0.1430804},
	{0.2225045, 0.7168786, 0.0606169},
	{0.0139322, 0.0971045, 0.7141733},
}

// iccOf finds an image file's embedded ICC profile.
func iccOf(format string, b []byte) []byte {
	switch format {
	case "jpeg":
		type part struct {
			seq  byte
			data []byte
		}
		var parts []part
		for _, s := range jpegSegments(b) {
			if s.marker == 0xE2 && len(s.data) > 14 && bytes.HasPrefix(s.data, []byte("ICC_PROFILE\x00")) {
				parts = append(parts, part{s.data[12], s.data[14:]})
			}
		}
		sort.SliceStable(parts, func(i, j int) bool { return parts[i].seq < parts[j].seq })
		var out []byte
		for _, p := range parts {
			out = append(out, p.data...)
		}
		return out
	case "png":
		const sig = 8
		for i := sig; i+12 <= len(b); {
			n := int(binary.BigEndian.Uint32(b[i:]))
			if n < 0 || i+12+n > len(b) {
				return nil
			}
			typ := string(b[i+4 : i+8])
			if typ == "iCCP" {
				d := b[i+8 : i+8+n]
				z := bytes.IndexByte(d, 0)
				if z < 0 || z+2 > len(d) {
					return nil
				}
				r, err := zlib.NewReader(bytes.NewReader(d[z+2:]))
				if err != nil {
					return nil
				}
				out, err := io.ReadAll(io.LimitReader(r, 4<<20))
				if err != nil {
					return nil
				}
				return out
			}
			if typ == "IDAT" || typ == "IEND" {
				return nil
			}
			i += 12 + n
		}
	case "webp":
		for i := 12; i+8 <= len(b); {
			n := int(binary.LittleEndian.Uint32(b[i+4:]))
			if n < 0 || i+8+n > len(b) {
				return nil
			}
			if string(b[i:i+4]) == "ICCP" {
				return b[i+8 : i+8+n]
			}
			i += 8 + n + n%2
		}
	}
	return nil
}

// parseICC reads an RGB matrix/TRC profile; ok is false for any other.
func parseICC(p []byte) (prof profile, ok bool) {
	if len(p) < 132 || string(p[16:20]) != "RGB " || string(p[20:24]) != "XYZ " {
		return prof, false
	}
	count := int(binary.BigEndian.Uint32(p[128:]))
	tags := map[string][]byte{}
	for i := 0; i < count && 132+12*i+12 <= len(p); i++ {
		e := p[132+12*i:]
		off, size := int(binary.BigEndian.Uint32(e[4:])), int(binary.BigEndian.Uint32(e[8:]))
		if off < 0 || size < 0 || off+size > len(p) {
			return prof, false
		}
		tags[string(e[:4])] = p[off : off+size]
	}
	for c, name := range []string{"rXYZ", "gXYZ", "bXYZ"} {
		t := tags[name]
		if len(t) < 20 || string(t[:4]) != "XYZ " {
			return prof, false
		}
		for r := 0; r < 3; r++ {
			prof.toXYZ[r][c] = s15f16(t[8+4*r:])
		}
	}
	for c, name := range []string{"rTRC", "gTRC", "bTRC"} {
		f, ok := toneCurve(tags[name])
		if !ok {
			return prof, false
		}
		for v := 0; v < 256; v++ {
			prof.curve[c][v] = f(float64(v) / 255)
		}
	}
	return prof, true
}

func s15f16(b []byte) float64 { return float64(int32(binary.BigEndian.Uint32(b))) / 65536 }

// toneCurve reads a curveType or parametricCurveType as a function from
// encoded values (0 to 1) to linear light.
func toneCurve(t []byte) (func(float64) float64, bool) {
	if len(t) < 12 {
		return nil, false
	}
	switch string(t[:4]) {
	case "curv":
		n := int(binary.BigEndian.Uint32(t[8:]))
		switch {
		case n == 0:
			return func(x float64) float64 { return x }, true
		case n == 1 && len(t) >= 14:
			g := float64(binary.BigEndian.Uint16(t[12:])) / 256
			return func(x float64) float64 { return math.Pow(x, g) }, true
		case n > 1 && len(t) >= 12+2*n:
			table := make([]float64, n)
			for i := range table {
				table[i] = float64(binary.BigEndian.Uint16(t[12+2*i:])) / 65535
			}
			return func(x float64) float64 {
				pos := x * float64(n-1)
				i := int(pos)
				if i >= n-1 {
					return table[n-1]
				}
				f := pos - float64(i)
				return table[i]*(1-f) + table[i+1]*f
			}, true
		}
	case "para":
		kind := int(binary.BigEndian.Uint16(t[8:]))
		need := []int{1, 3, 4, 5, 7}
		if kind < 0 || kind >= len(need) || len(t) < 12+4*need[kind] {
			return nil, false
		}
		var g [7]float64
		for i := 0; i < need[kind]; i++ {
			g[i] = s15f16(t[12+4*i:])
		}
		G, a, b, c, d, e, f := g[0], g[1], g[2], g[3], g[4], g[5], g[6]
		pow := func(x float64) float64 {
			if x <= 0 {
				return 0
			}
			return math.Pow(x, G)
		}
		switch kind {
		case 0:
			return pow, true
		case 1:
			return func(x float64) float64 {
				if x >= -b/a {
					return pow(a*x + b)
				}
				return 0
			}, true
		case 2:
			return func(x float64) float64 {
				if x >= -b/a {
					return pow(a*x+b) + c
				}
				return c
			}, true
		case 3:
			return func(x float64) float64 {
				if x >= d {
					return pow(a*x + b)
				}
				return c * x
			}, true
		case 4:
			return func(x float64) float64 {
				if x >= d {
					return pow(a*x+b) + e
				}
				return c*x + f
			}, true
		}
	}
	return nil, false
}

// isSRGB reports whether a profile's primaries are sRGB's: converting
// would change nothing worth the time.
func (p profile) isSRGB() bool {
	for r := 0; r < 3; r++ {
		for c := 0; c < 3; c++ {
			if math.Abs(p.toXYZ[r][c]-sRGBD50[r][c]) > 0.003 {
				return false
			}
		}
	}
	return true
}

// toSRGB converts an image in the profile's colours to sRGB, clipping
// what sRGB cannot show.
func toSRGB(img image.Image, p profile) *image.RGBA {
	m := mul(invert(sRGBD50), p.toXYZ)
	var enc [4096]uint8
	for i := range enc {
		x := float64(i) / 4095
		if x <= 0.0031308 {
			x *= 12.92
		} else {
			x = 1.055*math.Pow(x, 1/2.4) - 0.055
		}
		enc[i] = uint8(math.Round(math.Max(0, math.Min(1, x)) * 255))
	}
	b := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Bounds(), img, b.Min, draw.Src)
	for i := 0; i+3 < len(out.Pix); i += 4 {
		r, g, bl := p.curve[0][out.Pix[i]], p.curve[1][out.Pix[i+1]], p.curve[2][out.Pix[i+2]]
		for c := 0; c < 3; c++ {
			v := m[c][0]*r + m[c][1]*g + m[c][2]*bl
			out.Pix[i+c] = enc[int(math.Max(0, math.Min(1, v))*4095+0.5)]
		}
	}
	return out
}

func mul(a, b [3][3]float64) (m [3][3]float64) {
	for r := 0; r < 3; r++ {
		for c := 0; c < 3; c++ {
			for k := 0; k < 3; k++ {
				m[r][c] += a[r][k] * b[k][c]
			}
		}
	}
	return m
}

func invert(a [3][3]float64) (m [3][3]float64) {
	det := a[0][0]*(a[1][1]*a[2][2]-a[1][2]*a[2][1]) - a[0][1]*(a[1][0]*a[2][2]-a[1][2]*a[2][0]) + a[0][2]*(a[1][0]*a[2][1]-a[1][1]*a[2][0])
	m[0][0] = (a[1][1]*a[2][2] - a[1][2]*a[2][1]) / det
	m[0][1] = (a[0][2]*a[2][1] - a[0][1]*a[2][2]) / det
	m[0][2] = (a[0][1]*a[1][2] - a[0][2]*a[1][1]) / det
	m[1][0] = (a[1][2]*a[2][0] - a[1][0]*a[2][2]) / det
	m[1][1] = (a[0][0]*a[2][2] - a[0][2]*a[2][0]) / det
	m[1][2] = (a[0][2]*a[1][0] - a[0][0]*a[1][2]) / det
	m[2][0] = (a[1][0]*a[2][1] - a[1][1]*a[2][0]) / det
	m[2][1] = (a[0][1]*a[2][0] - a[0][0]*a[2][1]) / det
	m[2][2] = (a[0][0]*a[1][1] - a[0][1]*a[1][0]) / det
	return m
}
