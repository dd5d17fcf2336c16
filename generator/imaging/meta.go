package imaging

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
)

// Metadata is read and removed by hand, at the byte level, for the three
// formats a camera or an editor writes it into: a published file must
// never carry the EXIF, XMP or IPTC of its source (a photographer's GPS
// position, a source's camera serial), and stripping must not re-encode
// the picture. What a file needs to be shown as it was (a JPEG's JFIF
// and Adobe segments, ICC colour profiles, a PNG's gAMA, cHRM, sRGB and
// iCCP) is kept.

// jpegOrientation is the EXIF orientation of a JPEG (1 to 8), 1 when it
// has none or it cannot be read.
func jpegOrientation(b []byte) int {
	for _, seg := range jpegSegments(b) {
		if seg.marker == 0xE1 && bytes.HasPrefix(seg.data, []byte("Exif\x00\x00")) {
			if o := tiffOrientation(seg.data[6:]); o >= 1 && o <= 8 {
				return o
			}
		}
	}
	return 1
}

// tiffOrientation reads tag 0x0112 of the first IFD of a TIFF structure.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 0
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0
	}
	off := int(bo.Uint32(t[4:8]))
	if off < 8 || off+2 > len(t) {
		return 0
	}
	n := int(bo.Uint16(t[off:]))
	for i := 0; i < n; i++ {
		e := off + 2 + 12*i
		if e+12 > len(t) {
			return 0
		}
		if bo.Uint16(t[e:]) == 0x0112 && bo.Uint16(t[e+2:]) == 3 {
			return int(bo.Uint16(t[e+8:]))
		}
	}
	return 0
}

type jpegSegment struct {
	marker byte
	// start and end bound the whole segment in the file, marker included.
	start, end int
	data       []byte
}

// jpegSegments lists the marker segments before the image data (SOS).
// A file it cannot walk gives what it read so far.
func jpegSegments(b []byte) []jpegSegment {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return nil
	}
	var out []jpegSegment
	i := 2
	for i+4 <= len(b) {
		if b[i] != 0xFF {
			return out
		}
		m := b[i+1]
		if m == 0xFF { // fill byte
			i++
			continue
		}
		if m == 0xDA || m == 0xD9 { // start of scan, end of image
			return out
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 || i+2+n > len(b) {
			return out
		}
		out = append(out, jpegSegment{marker: m, start: i, end: i + 2 + n, data: b[i+4 : i+2+n]})
		i += 2 + n
	}
	return out
}

// minimalExif is an APP1 segment holding only an orientation: what a
// stripped JPEG keeps so that browsers still turn it upright.
func minimalExif(orientation int) []byte {
	t := []byte{'M', 'M', 0, 42, 0, 0, 0, 8, // header, IFD at 8
		0, 1, // one entry
		0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, byte(orientation), 0, 0, // orientation SHORT 1
		0, 0, 0, 0} // no next IFD
	seg := append([]byte("Exif\x00\x00"), t...)
	out := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(out[2:], uint16(len(seg)+2))
	return append(out, seg...)
}

// StripJPEG removes a JPEG's metadata segments: EXIF and XMP (APP1),
// IPTC and Photoshop's (APP13), comments and the other application
// segments, keeping JFIF (APP0), ICC profiles (APP2 ICC_PROFILE) and
// Adobe's colour transform (APP14). An orientation other than upright is
// kept, alone, in a minimal EXIF segment. The image data is untouched.
func StripJPEG(b []byte) []byte {
	segs := jpegSegments(b)
	if len(segs) == 0 {
		return b
	}
	orientation := jpegOrientation(b)
	out := make([]byte, 0, len(b))
	out = append(out, b[:2]...)
	wroteExif := orientation == 1
	for _, s := range segs {
		keep := true
		switch {
		case s.marker == 0xFE: // comment
			keep = false
		case s.marker >= 0xE0 && s.marker <= 0xEF:
			keep = s.marker == 0xE0 || s.marker == 0xEE ||
				s.marker == 0xE2 && bytes.HasPrefix(s.data, []byte("ICC_PROFILE\x00"))
		}
		if !keep {
			continue
		}
		// The orientation goes after JFIF, as a camera writes it.
		if !wroteExif && s.marker != 0xE0 {
			out = append(out, minimalExif(orientation)...)
			wroteExif = true
		}
		out = append(out, b[s.start:s.end]...)
	}
	if !wroteExif {
		out = append(out, minimalExif(orientation)...)
	}
	return append(out, b[segs[len(segs)-1].end:]...)
}

// pngKeep are the ancillary chunks that change how a PNG looks; every
// other one (tEXt, zTXt, iTXt, eXIf, tIME, and private ones) goes.
var pngKeep = map[string]bool{"PLTE": true, "tRNS": true, "gAMA": true, "cHRM": true, "sRGB": true, "iCCP": true, "sBIT": true, "bKGD": true, "pHYs": true,
	"acTL": true, "fcTL": true, "fdAT": true}

// pngSignature begins every PNG file.
const pngSignature = "\x89PNG\r\n\x1a\n"

// StripPNG removes a PNG's text, EXIF and time chunks, and the ancillary
// chunks whose checksum is wrong (see soundPNG). A file it cannot walk
// is returned as it is.
func StripPNG(b []byte) []byte {
	return filterPNG(b, func(typ string, critical, sound bool) bool {
		return critical || pngKeep[typ] && sound
	})
}

// soundPNG is b without its damaged ancillary chunks: those whose
// checksum is wrong, which libpng, and so browsers, leave out as they
// read the image (a real blog's diagram had a damaged colour profile,
// which Go's decoder refuses the whole file for). A damaged critical
// chunk stays, and the image is refused as damaged. b itself when every
// chunk is sound.
func soundPNG(b []byte) []byte {
	damaged := false
	pngChunks(b, func(_ []byte, _ string, critical, sound bool) {
		damaged = damaged || !critical && !sound
	})
	if !damaged {
		return b
	}
	return filterPNG(b, func(_ string, critical, sound bool) bool { return critical || sound })
}

// filterPNG is b with the chunks keep keeps, told each chunk's type,
// whether it is critical (IHDR, PLTE, IDAT, IEND) and whether its
// checksum is right. A file it cannot walk is returned as it is.
func filterPNG(b []byte, keep func(typ string, critical, sound bool) bool) []byte {
	out := make([]byte, 0, len(b))
	out = append(out, pngSignature...)
	whole := pngChunks(b, func(chunk []byte, typ string, critical, sound bool) {
		if keep(typ, critical, sound) {
			out = append(out, chunk...)
		}
	})
	if !whole {
		return b
	}
	return out
}

// pngChunks calls fn with each chunk of the PNG b, up to IEND: its
// bytes, its type, whether it is critical and whether its checksum is
// right. It reports whether it reached IEND.
func pngChunks(b []byte, fn func(chunk []byte, typ string, critical, sound bool)) bool {
	if !bytes.HasPrefix(b, []byte(pngSignature)) {
		return false
	}
	for i := len(pngSignature); i+12 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[i:]))
		end := i + 12 + n
		if n < 0 || end > len(b) {
			return false
		}
		typ := string(b[i+4 : i+8])
		critical := typ[0] >= 'A' && typ[0] <= 'Z'
		sound := crc32.ChecksumIEEE(b[i+4:end-4]) == binary.BigEndian.Uint32(b[end-4:])
		fn(b[i:end], typ, critical, sound)
		if typ == "IEND" {
			return true
		}
		i = end
	}
	return false
}

// StripWebP removes a WebP's EXIF and XMP chunks and clears their flags
// in the VP8X header. A file it cannot walk is returned as it is.
func StripWebP(b []byte) []byte {
	if len(b) < 12 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		return b
	}
	out := make([]byte, 0, len(b))
	out = append(out, b[:12]...)
	vp8x := -1
	for i := 12; i+8 <= len(b); {
		n := int(binary.LittleEndian.Uint32(b[i+4:]))
		end := i + 8 + n + n%2
		if n < 0 || i+8+n > len(b) {
			return b
		}
		end = min(end, len(b))
		switch string(b[i : i+4]) {
		case "EXIF", "XMP ":
		case "VP8X":
			vp8x = len(out)
			out = append(out, b[i:end]...)
		default:
			out = append(out, b[i:end]...)
		}
		i = end
	}
	if vp8x >= 0 && vp8x+8 < len(out) {
		out[vp8x+8] &^= 0x08 | 0x04 // EXIF and XMP present
	}
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out
}

// Stripper is the function that removes the metadata of a file whose
// name says it is an image, nil for other files. It goes by the bytes,
// not the name: a phone's JPEG saved as photo.png still carries its GPS
// position, and is stripped as the JPEG it is. A GIF carries no camera
// metadata, and is returned as it is.
func Stripper(name string) func([]byte) []byte {
	if _, ok := extFormat[lowerExt(name)]; !ok {
		return nil
	}
	return Strip
}

// Strip removes the metadata of a JPEG, PNG or WebP, told by its first
// bytes; other bytes are returned as they are.
func Strip(b []byte) []byte {
	switch sniff(b) {
	case "jpeg":
		return StripJPEG(b)
	case "png":
		return StripPNG(b)
	case "webp":
		return StripWebP(b)
	}
	return b
}
