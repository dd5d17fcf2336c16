package shortcode

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"maps"
	"math"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/yuin/goldmark"

	"folio/generator/slug"
)

// Funcs returns the functions shortcode templates can call: Hugo's that
// real sites' shortcodes use (hugoFuncs), then the layouts' (layout),
// which win where a name is in both; markdownify is the site's own when
// layout has one.
func Funcs(layout template.FuncMap) template.FuncMap {
	m := hugoFuncs()
	maps.Copy(m, moreFuncs())
	maps.Copy(m, layout)
	return m
}

// FuncNames lists the functions a shortcode template can call besides the
// layouts' and Go's built-in ones (and, or, not, len, index, printf, eq…),
// for a translator to check a template against.
func FuncNames() []string {
	m := hugoFuncs()
	maps.Copy(m, moreFuncs())
	return slices.Sorted(maps.Keys(m))
}

// plainMarkdown renders markdownify's text when the site gives none of
// its own: goldmark's defaults leave raw HTML out.
var plainMarkdown = goldmark.New()

func hugoFuncs() template.FuncMap {
	markdownify := func(v any) template.HTML {
		var b bytes.Buffer
		if err := plainMarkdown.Convert([]byte(toString(v)), &b); err != nil {
			return ""
		}
		return template.HTML(trimParagraph(b.String()))
	}
	return template.FuncMap{
		"default": func(def any, given ...any) any {
			if len(given) == 0 || !truth(given[0]) {
				return def
			}
			return given[0]
		},
		"cond": func(c bool, a, b any) any {
			if c {
				return a
			}
			return b
		},
		"in":         in,
		"isset":      isset,
		"lower":      func(v any) string { return strings.ToLower(toString(v)) },
		"upper":      func(v any) string { return strings.ToUpper(toString(v)) },
		"title":      title,
		"humanize":   humanize,
		"trim":       func(v any, cut string) string { return strings.Trim(toString(v), cut) },
		"chomp":      func(v any) string { return strings.TrimRight(toString(v), "\r\n") },
		"replace":    func(v any, old, new string) string { return strings.ReplaceAll(toString(v), old, new) },
		"replaceRE":  replaceRE,
		"findRE":     findRE,
		"split":      func(v any, sep string) []string { return strings.Split(toString(v), sep) },
		"substr":     substr,
		"hasPrefix":  func(v any, p string) bool { return strings.HasPrefix(toString(v), p) },
		"urlize":     func(v any) string { return urlize(toString(v)) },
		"anchorize":  func(v any) string { return slug.Make(toString(v)) },
		"relURL":     relURL,
		"relLangURL": relURL,
		"absURL":     func(v any) string { return relURL(v) },
		"absLangURL": func(v any) string { return relURL(v) },
		"safeHTML":   func(v any) template.HTML { return template.HTML(toString(v)) },
		"safeHTMLAttr": func(v any) template.HTMLAttr {
			return template.HTMLAttr(toString(v))
		},
		"safeURL":      func(v any) template.URL { return template.URL(toString(v)) },
		"safeCSS":      func(v any) template.CSS { return template.CSS(toString(v)) },
		"safeJS":       func(v any) template.JS { return template.JS(toString(v)) },
		"htmlEscape":   func(v any) string { return html.EscapeString(toString(v)) },
		"htmlUnescape": func(v any) string { return html.UnescapeString(toString(v)) },
		"markdownify":  markdownify,
		"plainify":     func(v any) string { return plainify(toString(v)) },
		"emojify":      func(v any) string { return toString(v) },
		"dict":         dict,
		"slice":        func(v ...any) []any { return v },
		"seq":          seq,
		"first":        first,
		"last":         last,
		"after":        after,
		"delimit":      delimit,
		"where":        where,
		"sort":         sortList,
		"uniq":         uniq,
		"int":          toInt,
		"float":        toFloat,
		"string":       toString,
		"add":          func(a, b any) any { return arith(a, b, '+') },
		"sub":          func(a, b any) any { return arith(a, b, '-') },
		"mul":          func(a, b any) any { return arith(a, b, '*') },
		"div":          func(a, b any) any { return arith(a, b, '/') },
		"mod":          func(a, b any) int { return toInt(a) % max(1, toInt(b)) },
		"now":          time.Now,
		"dateFormat":   dateFormat,
		"errorf":       func(format string, args ...any) (string, error) { return "", fmt.Errorf(format, args...) },
		"warnf":        func(string, ...any) string { return "" },
		"jsonify":      jsonify,
		"countwords":   func(v any) int { return len(strings.Fields(plainify(toString(v)))) },
		"strings":      func() stringsNS { return stringsNS{} },
		"time":         func() timeNS { return timeNS{} },
		"math":         func() mathNS { return mathNS{} },
		"safe":         func() safeNS { return safeNS{} },
		"urls":         func() urlsNS { return urlsNS{} },
		"transform":    func() transformNS { return transformNS{markdownify} },
		"collections":  func() collectionsNS { return collectionsNS{} },
		// partial and partialCached are the set's own (see parseSet).
		"partial":       func(string, ...any) (any, error) { return nil, errors.New("no partials here") },
		"partialCached": func(string, any, ...any) (any, error) { return nil, errors.New("no partials here") },
		// return ends a partial with a value, as in Hugo: the partial's
		// call is then that value rather than its output.
		"return": func(v ...any) (string, error) {
			r := &returned{}
			if len(v) > 0 {
				r.v = v[0]
			}
			return "", r
		},
	}
}

// truth is Go template truth: not the zero value.
func truth(v any) bool {
	if v == nil {
		return false
	}
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.Slice, reflect.Map, reflect.String, reflect.Array:
		return r.Len() > 0
	}
	return !r.IsZero()
}

func toString(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case template.HTML:
		return string(v)
	case template.URL:
		return string(v)
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(v)
}

func toInt(v any) int {
	switch v := v.(type) {
	case int:
		return v
	case int64:
		return int(v)
	case float64:
		return int(v)
	case bool:
		if v {
			return 1
		}
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimSpace(toString(v)))
	return n
}

func toFloat(v any) float64 {
	switch v := v.(type) {
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case float64:
		return v
	}
	f, _ := strconv.ParseFloat(strings.TrimSpace(toString(v)), 64)
	return f
}

func arith(a, b any, op byte) any {
	_, af := a.(float64)
	_, bf := b.(float64)
	if af || bf {
		x, y := toFloat(a), toFloat(b)
		switch op {
		case '+':
			return x + y
		case '-':
			return x - y
		case '*':
			return x * y
		}
		if y == 0 {
			return math.Inf(1)
		}
		return x / y
	}
	x, y := toInt(a), toInt(b)
	switch op {
	case '+':
		return x + y
	case '-':
		return x - y
	case '*':
		return x * y
	}
	if y == 0 {
		return 0
	}
	return x / y
}

func in(list any, v any) bool {
	if s, ok := list.(string); ok {
		return strings.Contains(s, toString(v))
	}
	r := reflect.ValueOf(list)
	if r.Kind() != reflect.Slice && r.Kind() != reflect.Array {
		return false
	}
	for i := range r.Len() {
		if fmt.Sprint(r.Index(i).Interface()) == fmt.Sprint(v) {
			return true
		}
	}
	return false
}

func isset(c any, key any) bool {
	r := reflect.ValueOf(c)
	switch r.Kind() {
	case reflect.Map:
		return r.MapIndex(reflect.ValueOf(key)).IsValid()
	case reflect.Slice, reflect.Array:
		i := toInt(key)
		return i >= 0 && i < r.Len()
	}
	if ctx, ok := c.(*Context); ok {
		return ctx.Get(key) != ""
	}
	return false
}

func title(v any) string {
	words := strings.Fields(toString(v))
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

func humanize(v any) string {
	s := toString(v)
	if n, err := strconv.Atoi(s); err == nil {
		suffix := "th"
		if n%100 < 11 || n%100 > 13 {
			switch n % 10 {
			case 1:
				suffix = "st"
			case 2:
				suffix = "nd"
			case 3:
				suffix = "rd"
			}
		}
		return s + suffix
	}
	s = strings.NewReplacer("-", " ", "_", " ").Replace(s)
	if s == "" {
		return s
	}
	r := []rune(strings.ToLower(s))
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

func replaceRE(pattern, repl string, v any) (string, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return "", err
	}
	return re.ReplaceAllString(toString(v), repl), nil
}

func findRE(pattern string, v any, limit ...int) ([]string, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	n := -1
	if len(limit) > 0 {
		n = limit[0]
	}
	return re.FindAllString(toString(v), n), nil
}

func substr(v any, start int, length ...int) string {
	r := []rune(toString(v))
	if start < 0 {
		start = max(0, len(r)+start)
	}
	start = min(start, len(r))
	end := len(r)
	if len(length) > 0 {
		end = min(len(r), start+max(0, length[0]))
	}
	return string(r[start:end])
}

// urlize makes text a URL path segment, as Hugo does: lower case, spaces
// as hyphens, the rest percent-encoded.
func urlize(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), "-"))
	return (&url.URL{Path: s}).EscapedPath()
}

// relURL makes a path root-relative. Every root-relative address in a
// page becomes relative to it (see render.rebase), so absURL does the
// same: the site then works under any base URL, and from a copy on disk.
func relURL(v any) string {
	s := toString(v)
	if strings.Contains(s, "://") || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "#") || strings.HasPrefix(s, "mailto:") {
		return s
	}
	return "/" + s
}

var tags = regexp.MustCompile(`<[^>]*>`)

func plainify(s string) string {
	return strings.TrimSpace(html.UnescapeString(tags.ReplaceAllString(s, "")))
}

func trimParagraph(s string) string {
	s = strings.TrimSuffix(s, "\n")
	if in, ok := strings.CutPrefix(s, "<p>"); ok && strings.HasSuffix(in, "</p>") && !strings.Contains(in, "<p>") {
		return strings.TrimSuffix(in, "</p>")
	}
	return s
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict takes pairs of keys and values")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		m[toString(kv[i])] = kv[i+1]
	}
	return m, nil
}

func seq(args ...int) []int {
	first, last := 1, 0
	switch len(args) {
	case 1:
		last = args[0]
	case 2:
		first, last = args[0], args[1]
	}
	if last-first > 10000 {
		last = first + 10000
	}
	var out []int
	for i := first; i <= last; i++ {
		out = append(out, i)
	}
	return out
}

func listOf(v any) []any {
	r := reflect.ValueOf(v)
	if r.Kind() != reflect.Slice && r.Kind() != reflect.Array {
		return nil
	}
	out := make([]any, r.Len())
	for i := range out {
		out[i] = r.Index(i).Interface()
	}
	return out
}

func first(n int, list any) []any {
	l := listOf(list)
	return l[:min(max(n, 0), len(l))]
}

func last(n int, list any) []any {
	l := listOf(list)
	return l[len(l)-min(max(n, 0), len(l)):]
}

func after(n int, list any) []any {
	l := listOf(list)
	return l[min(max(n, 0), len(l)):]
}

func delimit(list any, sep string, lastSep ...string) string {
	var parts []string
	if m, ok := list.(map[string]any); ok {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			parts = append(parts, toString(m[k]))
		}
	} else {
		for _, v := range listOf(list) {
			parts = append(parts, toString(v))
		}
	}
	if len(lastSep) > 0 && len(parts) > 1 {
		return strings.Join(parts[:len(parts)-1], sep) + lastSep[0] + parts[len(parts)-1]
	}
	return strings.Join(parts, sep)
}

// field reads a key of a map, or a field of a struct, by a dotted path.
func field(v any, key string) any {
	for _, k := range strings.Split(strings.TrimPrefix(key, "."), ".") {
		r := reflect.ValueOf(v)
		for r.Kind() == reflect.Pointer || r.Kind() == reflect.Interface {
			r = r.Elem()
		}
		switch r.Kind() {
		case reflect.Map:
			x := r.MapIndex(reflect.ValueOf(k))
			if !x.IsValid() {
				return nil
			}
			v = x.Interface()
		case reflect.Struct:
			f := r.FieldByName(k)
			if !f.IsValid() || !f.CanInterface() {
				return nil
			}
			v = f.Interface()
		default:
			return nil
		}
	}
	return v
}

// where keeps the items of a list whose key equals a value, or compares
// with an operator: where $list "kind" "news", where $list "n" ">" 3.
func where(list any, key string, args ...any) ([]any, error) {
	op, want := "==", any(nil)
	switch len(args) {
	case 1:
		want = args[0]
	case 2:
		op, want = toString(args[0]), args[1]
	default:
		return nil, errors.New("where takes a list, a key, and a value or an operator and a value")
	}
	var out []any
	for _, item := range listOf(list) {
		got := field(item, key)
		var keep bool
		switch op {
		case "=", "==", "eq":
			keep = fmt.Sprint(got) == fmt.Sprint(want)
		case "!=", "<>", "ne":
			keep = fmt.Sprint(got) != fmt.Sprint(want)
		case ">", "gt":
			keep = toFloat(got) > toFloat(want)
		case ">=", "ge":
			keep = toFloat(got) >= toFloat(want)
		case "<", "lt":
			keep = toFloat(got) < toFloat(want)
		case "<=", "le":
			keep = toFloat(got) <= toFloat(want)
		case "in":
			keep = in(want, got)
		case "not in":
			keep = !in(want, got)
		default:
			return nil, fmt.Errorf("where: the operator %q is not one folio has", op)
		}
		if keep {
			out = append(out, item)
		}
	}
	return out, nil
}

func sortList(list any, args ...string) []any {
	l := slices.Clone(listOf(list))
	key, desc := "", false
	if len(args) > 0 && args[0] != "value" {
		key = args[0]
	}
	if len(args) > 1 {
		desc = strings.EqualFold(args[1], "desc")
	}
	slices.SortStableFunc(l, func(a, b any) int {
		if key != "" {
			a, b = field(a, key), field(b, key)
		}
		c := strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
		if fa, ok := a.(float64); ok {
			c = int(math.Copysign(1, fa-toFloat(b)))
		}
		if desc {
			return -c
		}
		return c
	})
	return l
}

func uniq(list any) []any {
	var out []any
	seen := map[string]bool{}
	for _, v := range listOf(list) {
		k := fmt.Sprint(v)
		if !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	return out
}

// dateFormat formats a date with a Go layout: dateFormat "Jan 2, 2006" .Date.
func dateFormat(layout string, v any) (string, error) {
	t, err := asTime(v)
	if err != nil {
		return "", err
	}
	return t.Format(layout), nil
}

func asTime(v any) (time.Time, error) {
	switch v := v.(type) {
	case time.Time:
		return v, nil
	case string:
		for _, l := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", time.DateOnly} {
			if t, err := time.Parse(l, v); err == nil {
				return t, nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("%v is not a date", v)
}

func jsonify(v any) (template.JS, error) {
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(v); err != nil {
		return "", err
	}
	return template.JS(strings.TrimSpace(b.String())), nil
}

type stringsNS struct{}

func (stringsNS) HasPrefix(v any, p string) bool     { return strings.HasPrefix(toString(v), p) }
func (stringsNS) HasSuffix(v any, p string) bool     { return strings.HasSuffix(toString(v), p) }
func (stringsNS) TrimPrefix(p string, v any) string  { return strings.TrimPrefix(toString(v), p) }
func (stringsNS) TrimSuffix(p string, v any) string  { return strings.TrimSuffix(toString(v), p) }
func (stringsNS) TrimSpace(v any) string             { return strings.TrimSpace(toString(v)) }
func (stringsNS) TrimLeft(cut string, v any) string  { return strings.TrimLeft(toString(v), cut) }
func (stringsNS) TrimRight(cut string, v any) string { return strings.TrimRight(toString(v), cut) }
func (stringsNS) Trim(v any, cut string) string      { return strings.Trim(toString(v), cut) }
func (stringsNS) Contains(v any, sub string) bool    { return strings.Contains(toString(v), sub) }
func (stringsNS) ContainsAny(v any, c string) bool   { return strings.ContainsAny(toString(v), c) }
func (stringsNS) Count(sub string, v any) int        { return strings.Count(toString(v), sub) }
func (stringsNS) Repeat(n int, v any) string {
	return strings.Repeat(toString(v), max(0, min(n, 10000)))
}
func (stringsNS) ToLower(v any) string             { return strings.ToLower(toString(v)) }
func (stringsNS) ToUpper(v any) string             { return strings.ToUpper(toString(v)) }
func (stringsNS) Title(v any) string               { return title(v) }
func (stringsNS) Split(v any, sep string) []string { return strings.Split(toString(v), sep) }
func (stringsNS) Replace(v any, old, new string) string {
	return strings.ReplaceAll(toString(v), old, new)
}
func (stringsNS) FirstUpper(v any) string {
	r := []rune(toString(v))
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}
func (stringsNS) RuneCount(v any) int { return len([]rune(toString(v))) }

type timeNS struct{}

func (timeNS) Format(layout string, v any) (string, error) { return dateFormat(layout, v) }
func (timeNS) AsTime(v any) (time.Time, error)             { return asTime(v) }
func (timeNS) Now() time.Time                              { return time.Now() }

type mathNS struct{}

func (mathNS) Add(a, b any) any    { return arith(a, b, '+') }
func (mathNS) Sub(a, b any) any    { return arith(a, b, '-') }
func (mathNS) Mul(a, b any) any    { return arith(a, b, '*') }
func (mathNS) Div(a, b any) any    { return arith(a, b, '/') }
func (mathNS) Round(v any) float64 { return math.Round(toFloat(v)) }
func (mathNS) Floor(v any) float64 { return math.Floor(toFloat(v)) }
func (mathNS) Ceil(v any) float64  { return math.Ceil(toFloat(v)) }

type safeNS struct{}

func (safeNS) HTML(v any) template.HTML { return template.HTML(toString(v)) }
func (safeNS) URL(v any) template.URL   { return template.URL(toString(v)) }
func (safeNS) CSS(v any) template.CSS   { return template.CSS(toString(v)) }
func (safeNS) JS(v any) template.JS     { return template.JS(toString(v)) }

type urlsNS struct{}

func (urlsNS) RelURL(v any) string { return relURL(v) }
func (urlsNS) AbsURL(v any) string { return relURL(v) }

type transformNS struct{ md func(any) template.HTML }

func (t transformNS) Markdownify(v any) template.HTML { return t.md(v) }
func (transformNS) Plainify(v any) string             { return plainify(toString(v)) }
func (transformNS) HTMLEscape(v any) string           { return html.EscapeString(toString(v)) }
func (transformNS) HTMLUnescape(v any) string         { return html.UnescapeString(toString(v)) }

type collectionsNS struct{}

func (collectionsNS) First(n int, l any) []any                      { return first(n, l) }
func (collectionsNS) Last(n int, l any) []any                       { return last(n, l) }
func (collectionsNS) In(l, v any) bool                              { return in(l, v) }
func (collectionsNS) Delimit(l any, sep string, e ...string) string { return delimit(l, sep, e...) }
func (collectionsNS) Dict(kv ...any) (map[string]any, error)        { return dict(kv...) }
func (collectionsNS) Slice(v ...any) []any                          { return v }
func (collectionsNS) Where(l any, k string, a ...any) ([]any, error) {
	return where(l, k, a...)
}
