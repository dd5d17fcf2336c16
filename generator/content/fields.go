package content

import (
	"strings"

	"folio/generator/diag"
)

// fieldReader reads typed fields out of decoded front matter, collecting a
// problem, with its file line, for every field of the wrong type.
type fieldReader struct {
	name      string // the file, for problems
	m         *matter
	delimLine int
	probs     diag.List
}

// line is the file line of key, or the opening delimiter's when the key
// is absent.
func (r *fieldReader) line(key string) int {
	if l, ok := r.m.lines[key]; ok {
		return r.delimLine + l
	}
	return r.delimLine
}

func (r *fieldReader) fail(key, format string, args ...any) {
	r.probs = append(r.probs, diag.Errorf(r.name, r.line(key), key, format, args...))
}

// has reports whether the front matter gives key.
func (r *fieldReader) has(key string) bool {
	_, ok := r.m.fields[key]
	return ok
}

// text reads a scalar as trimmed text; "" when absent.
func (r *fieldReader) text(key string) string {
	v, ok := r.m.fields[key]
	if !ok || v == nil {
		return ""
	}
	s, ok := scalarText(v)
	if !ok {
		r.fail(key, "must be text, not %s", describe(v))
	}
	return strings.TrimSpace(s)
}

// names reads a list of names (or one name).
func (r *fieldReader) names(key string) []string {
	v, ok := r.m.fields[key]
	if !ok {
		return nil
	}
	names, err := termList(v)
	if err != nil {
		r.fail(key, "%v", err)
	}
	return names
}
