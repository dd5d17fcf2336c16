package imaging

import (
	"encoding/binary"
	"errors"
	"math"
)

// The memo's body, version 2: a count, then for each source its name,
// size, modification time and key, and its entry when it has one (a
// flag: 0 none, 1 an entry, 2 an entry made from a stripped copy, whose
// name comes first). Ints are varints, strings a length and their bytes. It is written by hand,
// not as a gob: decoding 10,000 entries by reflection took a tenth of a
// second of every warm build; this takes a few milliseconds.

func appendMemo(b []byte, m map[string]memo) []byte {
	b = binary.AppendUvarint(b, uint64(len(m)))
	for name, e := range m {
		b = appendString(b, name)
		b = binary.AppendVarint(b, e.Size)
		b = binary.AppendVarint(b, e.ModTime)
		b = appendString(b, e.Key)
		if e.Image == nil {
			b = append(b, 0)
			continue
		}
		img := e.Image
		if e.Source != "" {
			b = appendString(append(b, 2), e.Source)
		} else {
			b = append(b, 1)
		}
		b = binary.AppendVarint(b, int64(img.Width))
		b = binary.AppendVarint(b, int64(img.Height))
		b = appendString(b, img.Format)
		b = appendString(b, img.Fallback)
		b = binary.AppendUvarint(b, uint64(len(img.Sizes)))
		for _, z := range img.Sizes {
			b = binary.AppendVarint(b, int64(z.Width))
			b = binary.AppendVarint(b, int64(z.Height))
			b = appendString(b, z.WebP)
			b = appendString(b, z.Fallback)
			b = appendString(b, z.WebPSum)
			b = appendString(b, z.FallbackSum)
		}
	}
	return b
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errMemo = errors.New("damaged memo")

// memoReader reads a body, remembering its first error.
type memoReader struct {
	b   []byte
	err error
}

func (r *memoReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *memoReader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// int is a varint that must fit an int of any platform and not be
// negative (a width, a height).
func (r *memoReader) int() int {
	v := r.varint()
	if v < 0 || v > math.MaxInt32 {
		r.fail()
		return 0
	}
	return int(v)
}

// count is a count of items of at least min bytes each, bounded by the
// bytes left, so that a damaged count cannot make a huge slice or map.
func (r *memoReader) count(min int) int {
	v := r.uvarint()
	if v > uint64(len(r.b)/min) {
		r.fail()
		return 0
	}
	return int(v)
}

func (r *memoReader) string() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *memoReader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *memoReader) fail() {
	if r.err == nil {
		r.err = errMemo
	}
	r.b = nil
}

// decodeMemo reads a body appendMemo wrote; anything else is an error.
func decodeMemo(b []byte) (map[string]memo, error) {
	r := &memoReader{b: b}
	// An entry is at least a name, size, time and key, and its flag.
	n := r.count(5)
	m := make(map[string]memo, n)
	for range n {
		name := r.string()
		e := memo{Size: r.varint(), ModTime: r.varint(), Key: r.string()}
		switch flag := r.byte(); flag {
		case 0:
		case 1, 2:
			if flag == 2 {
				e.Source = r.string()
			}
			img := &Image{Width: r.int(), Height: r.int(), Format: r.string(), Fallback: r.string()}
			// A size is at least two ints and four strings.
			img.Sizes = make([]Size, r.count(6))
			for i := range img.Sizes {
				img.Sizes[i] = Size{Width: r.int(), Height: r.int(), WebP: r.string(), Fallback: r.string(),
					WebPSum: r.string(), FallbackSum: r.string()}
			}
			e.Image = img
		default:
			r.fail()
		}
		if r.err != nil {
			return nil, r.err
		}
		m[name] = e
	}
	if r.err == nil && len(r.b) > 0 {
		r.fail()
	}
	return m, r.err
}
