package content

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"time"
)

// recordWriter appends the fields of a cache record (see articles.go):
// lengths and numbers as varints, strings as their bytes after their
// length. It is written by hand, not with gob, for what gob loses (a
// date's time zone by name, nil against empty) and for speed: a record
// is read for every unchanged article of every build.
type recordWriter struct {
	b []byte
	// site is the site's time zone: a date in it is written as such and
	// read back in the zone the reader is given, the same one.
	site *time.Location
	err  error
}

var errUnrecordable = errors.New("a value a record does not keep")

func (w *recordWriter) str(s string) {
	w.b = binary.AppendUvarint(w.b, uint64(len(s)))
	w.b = append(w.b, s...)
}

func (w *recordWriter) num(n int) { w.b = binary.AppendVarint(w.b, int64(n)) }

func (w *recordWriter) flag(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}

// count writes a slice's or a map's length, 0 standing for nil: a parse
// that gives an empty list and one that gives none differ to a reader of
// the Article.
func (w *recordWriter) count(n int, isNil bool) {
	if isNil {
		w.num(0)
		return
	}
	w.num(n + 1)
}

// Time zones of dates in a record.
const (
	zoneUTC   = iota // time.UTC
	zoneSite         // the site's (config's timezone)
	zoneLocal        // time.Local
	zoneFixed        // a fixed offset with its name, as parsing makes them
)

func (w *recordWriter) time(t time.Time) {
	loc := t.Location()
	switch {
	case loc == time.UTC:
		w.b = append(w.b, zoneUTC)
	case loc == w.site:
		w.b = append(w.b, zoneSite)
	case loc == time.Local:
		w.b = append(w.b, zoneLocal)
	default:
		// A zone with transitions other than the site's would need its
		// rules kept: such a date is not recorded.
		if start, end := t.ZoneBounds(); !start.IsZero() || !end.IsZero() {
			w.err = errUnrecordable
			return
		}
		name, offset := t.Zone()
		w.b = append(w.b, zoneFixed)
		w.str(name)
		w.num(offset)
	}
	w.b = binary.AppendVarint(w.b, t.Unix())
	w.num(t.Nanosecond())
}

// Kinds of front matter values (matter's: string, bool, int64, float64,
// time.Time, []any, map[string]any or nil).
const (
	valueNil = iota
	valueString
	valueTrue
	valueFalse
	valueInt
	valueFloat
	valueTime
	valueList
	valueMap
)

func (w *recordWriter) value(v any) {
	switch v := v.(type) {
	case nil:
		w.b = append(w.b, valueNil)
	case string:
		w.b = append(w.b, valueString)
		w.str(v)
	case bool:
		if v {
			w.b = append(w.b, valueTrue)
		} else {
			w.b = append(w.b, valueFalse)
		}
	case int64:
		w.b = append(w.b, valueInt)
		w.b = binary.AppendVarint(w.b, v)
	case float64:
		w.b = append(w.b, valueFloat)
		w.b = binary.LittleEndian.AppendUint64(w.b, math.Float64bits(v))
	case time.Time:
		w.b = append(w.b, valueTime)
		w.time(v)
	case []any:
		w.b = append(w.b, valueList)
		w.count(len(v), v == nil)
		for _, item := range v {
			w.value(item)
		}
	case map[string]any:
		w.b = append(w.b, valueMap)
		w.values(v)
	default:
		w.err = errUnrecordable
	}
}

// values writes a map of values in the order of its keys, so that a
// record of the same article is the same bytes.
func (w *recordWriter) values(m map[string]any) {
	w.count(len(m), m == nil)
	for _, k := range sortedKeys(m) {
		w.str(k)
		w.value(m[k])
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// recordReader reads what a recordWriter wrote. Any damage (a length
// past the end, an unknown kind) sets err and makes every later read
// return zero values: the caller checks err once, at the end.
type recordReader struct {
	b    []byte
	site *time.Location
	err  error
	// depth is how deep in lists and maps value is: bounded, so that a
	// damaged record cannot recurse without end.
	depth int
}

// maxValueDepth bounds the nesting of a front matter value in a record,
// far above what the front matter readers let through.
const maxValueDepth = 100

var errRecord = errors.New("not a record of this folio")

func (r *recordReader) fail() {
	r.err, r.b = errRecord, nil
}

func (r *recordReader) str() string {
	n, k := binary.Uvarint(r.b)
	if k <= 0 || uint64(len(r.b)-k) < n {
		r.fail()
		return ""
	}
	s := string(r.b[k : k+int(n)])
	r.b = r.b[k+int(n):]
	return s
}

func (r *recordReader) varint() int64 {
	n, k := binary.Varint(r.b)
	if k <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[k:]
	return n
}

// num reads a count or a line: never negative, never past what an int
// holds on any machine.
func (r *recordReader) num() int {
	n := r.varint()
	if n < 0 || n > math.MaxInt32 {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *recordReader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *recordReader) flag() bool {
	switch r.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	r.fail()
	return false
}

// count reads what recordWriter.count wrote: n, and whether the slice or
// map was nil. Each item takes at least min bytes of the record: a count
// larger than the bytes left allow is damage, so that a damaged record
// cannot ask for a huge slice.
func (r *recordReader) count(min int) (n int, isNil bool) {
	c := r.num()
	if c == 0 {
		return 0, true
	}
	if c-1 > len(r.b)/min {
		r.fail()
		return 0, true
	}
	return c - 1, false
}

func (r *recordReader) time() time.Time {
	var loc *time.Location
	switch r.byte() {
	case zoneUTC:
		loc = time.UTC
	case zoneSite:
		loc = r.site
	case zoneLocal:
		loc = time.Local
	case zoneFixed:
		name, offset := r.str(), r.varint()
		if offset < -86400 || offset > 86400 {
			r.fail()
		}
		loc = time.FixedZone(name, int(offset))
	default:
		r.fail()
	}
	sec := r.varint()
	nsec := r.num()
	if r.err != nil {
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).In(loc)
}

func (r *recordReader) value() any {
	switch r.byte() {
	case valueNil:
		return nil
	case valueString:
		return r.str()
	case valueTrue:
		return true
	case valueFalse:
		return false
	case valueInt:
		return r.varint()
	case valueFloat:
		if len(r.b) < 8 {
			r.fail()
			return nil
		}
		f := math.Float64frombits(binary.LittleEndian.Uint64(r.b))
		r.b = r.b[8:]
		return f
	case valueTime:
		return r.time()
	case valueList:
		n, isNil := r.count(1)
		if isNil {
			return []any(nil)
		}
		if r.depth++; r.depth > maxValueDepth {
			r.fail()
			return nil
		}
		list := make([]any, n)
		for i := range list {
			list[i] = r.value()
		}
		r.depth--
		return list
	case valueMap:
		if r.depth++; r.depth > maxValueDepth {
			r.fail()
			return nil
		}
		m := r.values()
		r.depth--
		return m
	}
	r.fail()
	return nil
}

func (r *recordReader) values() map[string]any {
	n, isNil := r.count(2)
	if isNil {
		return nil
	}
	m := make(map[string]any, n)
	for range n {
		k := r.str()
		m[k] = r.value()
	}
	return m
}
