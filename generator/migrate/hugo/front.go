package hugo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// field is one front matter key as written: its value, its line in the
// file, and for a scalar its text as written (dates are kept that way).
type field struct {
	Key   string
	Value any
	Raw   string
	Line  int
}

// front is a page's front matter, keys in the order written, each once.
type front struct {
	fields []field
	// repeated lists the keys written more than once (the last value is
	// kept, as Hugo did before 0.152; since then Hugo refuses the file).
	repeated []field
}

// get returns the field named key, in any case, as Hugo's keys are.
func (f *front) get(key string) (field, bool) {
	for _, fl := range f.fields {
		if strings.EqualFold(fl.Key, key) {
			return fl, true
		}
	}
	return field{}, false
}

// str returns a scalar field as text, "" when absent or not a scalar.
func (f *front) str(key string) string {
	fl, ok := f.get(key)
	if !ok {
		return ""
	}
	switch v := fl.Value.(type) {
	case string:
		return v
	case nil, map[string]any, []any:
		return ""
	}
	return fl.Raw
}

// add sets key, a later value replacing an earlier one in its place.
func (f *front) add(fl field) {
	for i := range f.fields {
		if strings.EqualFold(f.fields[i].Key, fl.Key) {
			f.repeated = append(f.repeated, fl)
			f.fields[i] = fl
			return
		}
	}
	f.fields = append(f.fields, fl)
}

// split separates a content file into its front matter (parsed) and
// body; bodyLine is the body's first line. A file without front matter
// has an empty one.
func split(src []byte) (fm *front, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	// Hugo reads front matter after blank lines too (digital.gov has
	// hundreds of such files); the lines given keep the file's numbering.
	blank := 0
	for {
		line, rest, ok := bytes.Cut(src, []byte("\n"))
		if !ok || len(bytes.TrimSpace(line)) > 0 {
			break
		}
		src, blank = rest, blank+1
	}
	if blank == 0 {
		return splitAtTop(src)
	}
	fm, body, bodyLine, err = splitAtTop(src)
	if fm != nil {
		for i := range fm.fields {
			fm.fields[i].Line += blank
		}
		for i := range fm.repeated {
			fm.repeated[i].Line += blank
		}
	}
	return fm, body, bodyLine + blank, err
}

// splitAtTop is split for a file whose first line opens the front matter,
// if it has any.
func splitAtTop(src []byte) (fm *front, body []byte, bodyLine int, err error) {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	first = bytes.TrimRight(first, " \t\r")
	var delim string
	switch {
	case string(first) == "---":
		delim = "---"
	case string(first) == "+++":
		delim = "+++"
	case bytes.HasPrefix(bytes.TrimSpace(src), []byte("{")):
		return splitJSON(src)
	default:
		return &front{}, src, 1, nil
	}
	// Find the closing line.
	off, line := 0, 2
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		if string(bytes.TrimRight(l, " \t\r")) == delim {
			head := rest[:off]
			body = nil
			if end >= 0 {
				body = rest[off+end+1:]
			}
			if delim == "---" {
				fm, err = parseYAML(head)
			} else {
				fm, err = parseTOML(head)
			}
			return fm, body, line + 1, err
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	return nil, nil, 0, fmt.Errorf("the front matter opened by %s on line 1 is never closed", delim)
}

func parseYAML(head []byte) (*front, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(head, &doc); err != nil {
		return nil, fmt.Errorf("YAML front matter: %s", fileLines(strings.TrimPrefix(err.Error(), "yaml: ")))
	}
	fm := &front{}
	if len(doc.Content) == 0 {
		return fm, nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, errors.New("YAML front matter is not a list of keys and values")
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		var val any
		if err := v.Decode(&val); err != nil {
			return nil, fmt.Errorf("line %d: %s: %s", v.Line+1, k.Value, strings.TrimPrefix(err.Error(), "yaml: "))
		}
		raw := ""
		if v.Kind == yaml.ScalarNode {
			raw = v.Value
		}
		if _, ok := val.(time.Time); ok {
			val = v.Value // a date is kept as written
		}
		fm.add(field{Key: k.Value, Value: normalise(val), Raw: raw, Line: k.Line + 1})
	}
	return fm, nil
}

// fileLines turns "line N: …" of a front matter error into the line of
// the file, one further down for the opening ---.
func fileLines(msg string) string {
	var n int
	if _, err := fmt.Sscanf(msg, "line %d:", &n); err == nil {
		return fmt.Sprintf("line %d:%s", n+1, strings.SplitN(msg, ":", 2)[1])
	}
	return msg
}

func parseTOML(head []byte) (*front, error) {
	var m map[string]any
	md, err := toml.Decode(string(head), &m)
	if err != nil {
		return nil, fmt.Errorf("TOML front matter: %s", err)
	}
	lines := tomlKeyLines(head)
	fm := &front{}
	seen := map[string]bool{}
	for _, k := range md.Keys() {
		if len(k) != 1 || seen[k[0]] {
			continue
		}
		seen[k[0]] = true
		v := m[k[0]]
		raw := ""
		if t, ok := v.(time.Time); ok {
			raw = tomlTime(t)
			v = raw
		} else if v != nil {
			raw = fmt.Sprint(v)
		}
		fm.add(field{Key: k[0], Value: normalise(v), Raw: raw, Line: lines[k[0]] + 2})
	}
	return fm, nil
}

// tomlTime writes a TOML date back in the form it was written: with its
// offset, or without one (a local date-time or a day).
func tomlTime(t time.Time) string {
	switch t.Location().String() {
	case "date-local":
		return t.Format("2006-01-02")
	case "datetime-local":
		return t.Format("2006-01-02T15:04:05.999999999")
	case "time-local":
		return t.Format("15:04:05.999999999")
	}
	return t.Format(time.RFC3339Nano)
}

// tomlKeyLines finds the line (0-based, within head) of each top-level
// key: the keys before the first [table].
func tomlKeyLines(head []byte) map[string]int {
	lines := map[string]int{}
	for i, l := range strings.Split(string(head), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "[") {
			// Keys of tables are not top-level; the table name is.
			name := strings.Trim(l, "[] \t")
			if j := strings.IndexByte(name, '.'); j >= 0 {
				name = name[:j]
			}
			if _, ok := lines[name]; !ok {
				lines[strings.Trim(name, `"`)] = i
			}
			continue
		}
		if k, _, ok := strings.Cut(l, "="); ok {
			k = strings.Trim(strings.TrimSpace(k), `"'`)
			if _, dup := lines[k]; !dup {
				lines[k] = i
			}
		}
	}
	return lines
}

// splitJSON reads JSON front matter: an object at the top of the file,
// the body after it. Repeated keys: the last wins, as in encoding/json,
// which Hugo uses.
func splitJSON(src []byte) (*front, []byte, int, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	lineAt := func(off int64) int { return bytes.Count(src[:off], []byte("\n")) + 1 }
	if _, err := dec.Token(); err != nil {
		return nil, nil, 0, fmt.Errorf("JSON front matter: %w", err)
	}
	fm := &front{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, 0, fmt.Errorf("JSON front matter: %w", err)
		}
		key, _ := tok.(string)
		line := lineAt(dec.InputOffset())
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, nil, 0, fmt.Errorf("JSON front matter, line %d: %s: %w", line, key, err)
		}
		raw := ""
		if v != nil {
			raw = fmt.Sprint(v)
		}
		fm.add(field{Key: key, Value: normalise(v), Raw: raw, Line: line})
	}
	if _, err := dec.Token(); err != nil && !errors.Is(err, io.EOF) {
		return nil, nil, 0, fmt.Errorf("JSON front matter: %w", err)
	}
	off := dec.InputOffset()
	body := src[off:]
	body = bytes.TrimLeft(body, " \t\r")
	body = bytes.TrimPrefix(body, []byte("\n"))
	return fm, body, lineAt(int64(len(src) - len(body))), nil
}

// normalise turns decoded values into the plain forms the YAML writer
// and the checks expect: maps with string keys, json.Number as numbers.
func normalise(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = normalise(e)
		}
		return v
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[fmt.Sprint(k)] = normalise(e)
		}
		return m
	case []map[string]any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = normalise(e)
		}
		return out
	case []any:
		for i, e := range v {
			v[i] = normalise(e)
		}
		return v
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	case time.Time:
		return v.Format(time.RFC3339Nano)
	}
	return v
}
