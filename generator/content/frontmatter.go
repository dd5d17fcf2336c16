package content

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"

	"folio/generator/yamlpos"
)

// matter is decoded front matter, format-neutral: values are string, bool,
// int64, float64, time.Time (TOML dates), []any, map[string]any or nil.
// YAML timestamps stay strings so that a zone-less date can be read in the
// site's time zone instead of the decoder's.
type matter struct {
	format string
	fields map[string]any
	// lines maps each top-level key to its line within the front matter
	// block (1 = the first line after the opening delimiter).
	lines map[string]int
	// zoneless marks TOML local dates, which carry no offset.
	zoneless map[string]bool
	// itemLines holds, for a YAML list of sets of fields (comments:),
	// the line of each item within the block, for problems in one of
	// them; lists of names (the most common) do not need it.
	itemLines map[string][]int
}

// formats are the front matter formats we read, YAML first. Each decodes
// into a *matter.
func formats() []*frontmatter.Format {
	yamlF := func(data []byte, v any) error { return v.(*matter).decodeYAML(data) }
	// yamlValue counts YAML's values as it converts them; TOML and JSON
	// are counted once decoded.
	tomlF := func(data []byte, v any) error { return counted(v.(*matter), v.(*matter).decodeTOML(data)) }
	jsonF := func(data []byte, v any) error { return counted(v.(*matter), v.(*matter).decodeJSON(data)) }
	jsonBraces := frontmatter.NewFormat("{", "}", jsonF)
	jsonBraces.UnmarshalDelims = true
	jsonBraces.RequiresNewLine = true
	return []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", yamlF),
		frontmatter.NewFormat("---yaml", "---", yamlF),
		frontmatter.NewFormat("+++", "+++", tomlF),
		frontmatter.NewFormat("---toml", "---", tomlF),
		frontmatter.NewFormat(";;;", ";;;", jsonF),
		frontmatter.NewFormat("---json", "---", jsonF),
		jsonBraces,
	}
}

// positionError is a decoding error at a line of the front matter block,
// in a field when field is not empty.
type positionError struct {
	line, col int
	field     string
	msg       string
}

func (e *positionError) Error() string { return e.msg }

func (m *matter) decodeYAML(data []byte) error {
	m.format = "YAML"
	doc, err := yamlpos.Parse(data)
	if err != nil {
		var ye *yamlpos.Error
		if errors.As(err, &ye) {
			return &positionError{line: ye.Line, col: ye.Column, field: ye.Key, msg: ye.Message}
		}
		return &positionError{msg: err.Error()}
	}
	m.fields, m.lines = map[string]any{}, map[string]int{}
	if len(doc.Content) == 0 {
		return nil // empty front matter
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return &positionError{line: root.Line, col: root.Column, msg: "front matter must be a list of \"key: value\" lines"}
	}
	budget := MaxValues
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if _, dup := m.fields[k.Value]; dup {
			return &positionError{line: k.Line, col: k.Column, msg: fmt.Sprintf("%s is given twice", k.Value)}
		}
		val, err := yamlValue(v, &budget)
		if err != nil {
			return &positionError{line: v.Line, col: v.Column, msg: k.Value + ": " + err.Error()}
		}
		m.fields[k.Value] = val
		m.lines[k.Value] = k.Line
		if v.Kind == yaml.SequenceNode && len(v.Content) > 0 && v.Content[0].Kind == yaml.MappingNode {
			lines := make([]int, len(v.Content))
			for i, item := range v.Content {
				lines[i] = item.Line
			}
			if m.itemLines == nil {
				m.itemLines = map[string][]int{}
			}
			m.itemLines[k.Value] = lines
		}
	}
	return nil
}

// MaxValues bounds the values of one front matter, in any format: each
// list or map counts as one, and so does each of its items, a YAML alias
// as the values it stands for. Aliases can refer to aliases, so a few
// lines can stand for billions of values ("billion laughs"), and every
// name listed costs pages; no real front matter comes near this.
const MaxValues = 100_000

// yamlValue converts a node to a plain value, keeping timestamps as text.
// budget counts down the values still allowed, aliases expanded.
func yamlValue(n *yaml.Node, budget *int) (any, error) {
	// An alias is never the target of another (anchors name values), so
	// counting only what it leads to still ends every chain.
	if n.Kind != yaml.AliasNode {
		if *budget--; *budget < 0 {
			return nil, fmt.Errorf("expands to more than %d values: too many aliases (*name) or a far too long list", MaxValues)
		}
	}
	switch n.Kind {
	case yaml.AliasNode:
		return yamlValue(n.Alias, budget)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := yamlValue(c, budget)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := yamlValue(n.Content[i+1], budget)
			if err != nil {
				return nil, err
			}
			out[n.Content[i].Value] = v
		}
		return out, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil, nil
		case "!!bool", "!!int", "!!float":
			var v any
			if err := n.Decode(&v); err != nil {
				return nil, err
			}
			if i, ok := v.(int); ok {
				return int64(i), nil
			}
			return v, nil
		default: // !!str, !!timestamp, !!binary and custom tags: keep the text
			return n.Value, nil
		}
	}
	return nil, fmt.Errorf("unsupported value")
}

func (m *matter) decodeTOML(data []byte) error {
	m.format = "TOML"
	m.fields, m.lines, m.zoneless = map[string]any{}, map[string]int{}, map[string]bool{}
	if _, err := toml.Decode(string(data), &m.fields); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return &positionError{line: pe.Position.Line, col: pe.Position.Col, msg: pe.Message}
		}
		return &positionError{msg: err.Error()}
	}
	for k, v := range m.fields {
		switch v := v.(type) {
		case time.Time:
			m.zoneless[k] = tomlZoneless(v)
		case int:
			m.fields[k] = int64(v)
		}
	}
	m.lines = searchKeyLines(data, m.fields, true)
	return nil
}

// tomlZoneless reports whether the TOML decoder read t without an
// offset: it marks such dates with zones of these names.
func tomlZoneless(t time.Time) bool {
	name := t.Location().String()
	return name == "date-local" || name == "datetime-local"
}

// tomlTimeOfDay names the zone the TOML decoder gives a time of day
// written without a date ("07:30:00"), which it dates in the year 0.
const tomlTimeOfDay = "time-local"

func (m *matter) decodeJSON(data []byte) error {
	m.format = "JSON"
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var fields map[string]any
	if err := dec.Decode(&fields); err != nil {
		line, col := 0, 0
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		// Offset counts the offending byte.
		case errors.As(err, &se):
			line, col = lineCol(data, int(se.Offset)-1)
		case errors.As(err, &te):
			line, col = lineCol(data, int(te.Offset)-1)
		}
		return &positionError{line: line, col: col, msg: err.Error()}
	}
	if fields == nil {
		fields = map[string]any{}
	}
	for k, v := range fields {
		fields[k] = jsonValue(v)
	}
	m.fields = fields
	m.lines = searchKeyLines(data, fields, false)
	return nil
}

// counted is err, or when decoding succeeded, m.countValues().
func counted(m *matter, err error) error {
	if err != nil {
		return err
	}
	return m.countValues()
}

// countValues holds decoded TOML or JSON to MaxValues, as yamlValue does
// YAML, naming the first field, in the order written, that passes it.
func (m *matter) countValues() error {
	keys := slices.SortedFunc(maps.Keys(m.fields), func(a, b string) int {
		return cmp.Or(cmp.Compare(m.lines[a], m.lines[b]), strings.Compare(a, b))
	})
	budget := MaxValues
	for _, k := range keys {
		if !countValues(m.fields[k], &budget) {
			return &positionError{line: m.lines[k], msg: fmt.Sprintf("%s: has more than %d values: a far too long list", k, MaxValues)}
		}
	}
	return nil
}

// countValues counts v down from budget, reporting whether it fits.
func countValues(v any, budget *int) bool {
	if *budget--; *budget < 0 {
		return false
	}
	switch v := v.(type) {
	case []any:
		for _, item := range v {
			if !countValues(item, budget) {
				return false
			}
		}
	case []map[string]any: // TOML's arrays of tables
		for _, item := range v {
			if !countValues(item, budget) {
				return false
			}
		}
	case map[string]any:
		for _, item := range v {
			if !countValues(item, budget) {
				return false
			}
		}
	}
	return true
}

func jsonValue(v any) any {
	switch v := v.(type) {
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i
		}
		f, _ := v.Float64()
		return f
	case []any:
		for i := range v {
			v[i] = jsonValue(v[i])
		}
	case map[string]any:
		for k := range v {
			v[k] = jsonValue(v[k])
		}
	}
	return v
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(data []byte, off int) (int, int) {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	return line, off - bytes.LastIndexByte(before, '\n')
}

// searchKeyLines finds the line of each top-level key of TOML or JSON front
// matter, whose decoders do not report positions: the first line that
// starts with the key (bare or quoted) followed by "=" or ":", or, with
// tables, a TOML table header ("[key]", "[[key]]", "[key.sub]").
func searchKeyLines(data []byte, fields map[string]any, tables bool) map[string]int {
	lines := map[string]int{}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimLeft(line, " \t{,")
		ends := `"'=: `
		if tables && strings.HasPrefix(line, "[") {
			line = strings.TrimLeft(line, "[ \t")
			ends = `"'.] `
		}
		for _, q := range []string{`"`, "'", ""} {
			if !strings.HasPrefix(line, q) {
				continue
			}
			rest := line[len(q):]
			end := strings.IndexAny(rest, ends)
			if end <= 0 {
				continue
			}
			key := rest[:end]
			if _, ok := fields[key]; ok && lines[key] == 0 {
				lines[key] = i + 1
			}
			break
		}
	}
	return lines
}
