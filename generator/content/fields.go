package content

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"folio/generator/diag"
	"folio/generator/urlpath"
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

// itemLine is the file line of item i of the list key, when the format
// tells it (YAML), else the key's.
func (r *fieldReader) itemLine(key string, i int) int {
	if lines := r.m.itemLines[key]; i < len(lines) {
		return r.delimLine + lines[i]
	}
	return r.line(key)
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

// paths reads a list of old URL paths (or one path), as aliases: and
// redirect_from: give them, each checked by urlpath.OldAddress.
func (r *fieldReader) paths(key string) []string {
	v, ok := r.m.fields[key]
	if !ok || v == nil {
		return nil
	}
	one, isText := v.(string)
	list, isList := v.([]any)
	switch {
	case isText:
		p, err := urlpath.OldAddress(strings.TrimSpace(one))
		if err != nil {
			r.fail(key, "%q %v", one, err)
			return nil
		}
		return []string{p}
	case !isList:
		r.fail(key, "must be a list of paths such as [/2015/06/old-title/], not %s", describe(v))
		return nil
	}
	out := make([]string, 0, len(list))
	for i, item := range list {
		s, ok := item.(string)
		if !ok {
			r.fail(key, "item %d must be a path such as /2015/06/old-title/, not %s", i+1, describe(item))
			continue
		}
		p, err := urlpath.OldAddress(strings.TrimSpace(s))
		if err != nil {
			r.fail(key, "item %d, %q, %v", i+1, s, err)
			continue
		}
		out = append(out, p)
	}
	return out
}

// image reads image and image_alt. The image must be an http(s) address
// or a path: any other scheme (javascript:, data:) is refused, since the
// address ends up in src attributes, feeds and JSON-LD.
func (r *fieldReader) image() (src, alt string) {
	src, alt = r.text("image"), r.text("image_alt")
	if src == "" {
		return "", alt
	}
	if !safeURL(src) {
		r.fail("image", "%q is not an http(s) address or a path to a file of the site", src)
	}
	if !r.has("image_alt") {
		r.fail("image_alt", "missing: describe the image for readers who cannot see it (or set image_alt: \"\" for a decorative image)")
	}
	return src, alt
}

// language reads a page's own language, when it is not the site's: a
// language tag as <html lang> takes it (el, pt-BR, zh-Hant).
func (r *fieldReader) language() string {
	tag := r.text("language")
	if tag == "" || !r.has("language") {
		return ""
	}
	if !IsLanguageTag(tag) {
		r.fail("language", "%q is not a language tag such as en, el or pt-BR", tag)
		return ""
	}
	return tag
}

// IsLanguageTag tells a BCP 47 tag's shape: a primary language of two
// or three letters, then subtags of one to eight letters or digits.
func IsLanguageTag(tag string) bool {
	for i, sub := range strings.Split(tag, "-") {
		if len(sub) < 1 || len(sub) > 8 || i == 0 && (len(sub) < 2 || len(sub) > 3) {
			return false
		}
		for _, c := range []byte(sub) {
			letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
			if !letter && (i == 0 || c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}

// safeURL reports whether a URL written in front matter is an http(s)
// address or a path, with no other scheme and no control characters (nor
// the U+FFFD they are replaced with).
func safeURL(s string) bool {
	if strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || r == utf8.RuneError }) >= 0 {
		return false
	}
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	return u.Scheme == "" && u.Host == "" && !strings.HasPrefix(s, "//") || (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
