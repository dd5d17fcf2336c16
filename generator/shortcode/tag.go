// Package shortcode expands Hugo-style shortcodes in Markdown:
// {{< name args >}} (its output is HTML) and {{% name args %}} (its output
// is Markdown), alone or paired with a closing tag around an inner text. It
// is a goldmark extension, so code spans and code blocks keep their text,
// and every problem names the file and line of the call. Shortcodes are the
// built-in ones and a site's layouts/shortcodes/NAME.html templates.
package shortcode

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// tag is one shortcode tag as written: an opening, closing, self-closing
// or commented-out one.
type tag struct {
	start, end  int // offsets of its "{{" and just past its "}}"
	name        string
	markdown    bool // {{% %}} rather than {{< >}}
	closing     bool // {{< /name >}}
	selfClosing bool // {{< name />}}
	comment     bool // {{</* name */>}}: printed as written, without /* */
	positional  []any
	named       []Param
}

// Param is a named argument.
type Param struct {
	Key   string
	Value any
}

// tagError is a problem with a tag, at an offset of the source.
type tagError struct {
	off int
	msg string
}

func (e *tagError) Error() string { return e.msg }

// maxTag bounds the length of one tag, so that an opening "{{<" that is
// never closed costs a bounded look ahead, not one to the end of the file.
const maxTag = 64 << 10

// isOpen reports whether src[i:] starts a shortcode tag.
func isOpen(src []byte, i int) bool {
	return i+2 < len(src) && src[i] == '{' && src[i+1] == '{' && (src[i+2] == '<' || src[i+2] == '%')
}

// scanTag reads the tag at src[i:], which starts with "{{<" or "{{%",
// looking no further than limit.
func scanTag(src []byte, i, limit int) (tag, error) {
	limit = min(limit, len(src), i+maxTag)
	t := tag{start: i, markdown: src[i+2] == '%'}
	closer := ">}}"
	if t.markdown {
		closer = "%}}"
	}
	j := skipSpace(src, i+3, limit)
	if j+1 < limit && src[j] == '/' && src[j+1] == '*' {
		// A comment: everything up to "*/>}}" is shown as written.
		end := bytes.Index(src[j:limit], []byte("*/"+closer))
		if end < 0 {
			return t, &tagError{i, fmt.Sprintf("the commented-out shortcode %s/* is not closed with */%s", string(src[i:i+3]), closer)}
		}
		t.comment = true
		t.end = j + end + 2 + len(closer)
		return t, nil
	}
	if j < limit && src[j] == '/' {
		t.closing = true
		j = skipSpace(src, j+1, limit)
	}
	n := j
	for n < limit && isNameByte(src[n]) && (src[n] != '/' || !bytes.HasPrefix(src[n+1:limit], []byte(closer))) {
		n++
	}
	t.name = string(src[j:n])
	if t.name == "" {
		return t, &tagError{i, fmt.Sprintf("a shortcode name must follow %s", string(src[i:i+3]))}
	}
	if strings.Trim(t.name, "/") != t.name || strings.Contains(t.name, "//") || strings.Contains(t.name, "..") {
		return t, &tagError{i, fmt.Sprintf("%q is not a shortcode name", t.name)}
	}
	for j = n; ; {
		j = skipSpace(src, j, limit)
		if j >= limit {
			return t, &tagError{i, fmt.Sprintf("shortcode %q: the tag is not closed with %s", t.name, closer)}
		}
		if bytes.HasPrefix(src[j:limit], []byte(closer)) {
			t.end = j + len(closer)
			break
		}
		if src[j] == '/' && bytes.HasPrefix(src[j+1:limit], []byte(closer)) {
			t.selfClosing = true
			t.end = j + 1 + len(closer)
			break
		}
		if other := ">}}"; t.markdown && bytes.HasPrefix(src[j:limit], []byte(other)) || !t.markdown && bytes.HasPrefix(src[j:limit], []byte("%}}")) {
			return t, &tagError{i, fmt.Sprintf("shortcode %q: opened with %s but closed with %s", t.name, string(src[i:i+3]), string(src[j:j+3]))}
		}
		if t.closing {
			return t, &tagError{i, fmt.Sprintf("the closing tag of shortcode %q takes no arguments", t.name)}
		}
		var err error
		if j, err = t.scanArg(src, j, limit); err != nil {
			return t, err
		}
	}
	if t.selfClosing && t.closing {
		return t, &tagError{i, fmt.Sprintf("shortcode %q: a closing tag cannot also be self-closing", t.name)}
	}
	if len(t.named) > 0 && len(t.positional) > 0 {
		return t, &tagError{i, fmt.Sprintf("shortcode %q mixes named and positional arguments: use one kind", t.name)}
	}
	return t, nil
}

// scanArg reads one argument at src[j:]: "quoted", `raw`, bare, or any of
// them after key=. An error is left only where Hugo gives one.
//
// As in Hugo's lexer, spaces and line breaks may stand on either side of
// the "=" (src = "a.png", src= "a.png"), a quoted name is a name ("x" =
// "y"), and a value after an "=" with no name before it is dropped.
func (t *tag) scanArg(src []byte, j, limit int) (int, error) {
	start := j
	key, stray := "", false
	k := j
	for k < limit && isNameByte(src[k]) && src[k] != '/' {
		k++
	}
	switch {
	case k > j:
		if e := skipSpace(src, k, limit); e < limit && src[e] == '=' {
			key, j = string(src[j:k]), e+1
		}
	case src[j] == '"':
		// A quoted name: only an "=" after the closing quote tells.
		if v, e, err := t.scanValue(src, j, limit, start, false); err == nil {
			if e = skipSpace(src, e, limit); e < limit && src[e] == '=' {
				key, j = v.(string), e+1
			}
		}
	case src[j] == '=':
		stray, j = true, j+1
	}
	if key != "" || stray {
		j = skipSpace(src, j, limit)
		if j >= limit || src[j] == '>' || src[j] == '%' || bytes.HasPrefix(src[j:limit], []byte("/>}}")) || bytes.HasPrefix(src[j:limit], []byte("/%}}")) {
			return 0, &tagError{start, fmt.Sprintf("shortcode %q: argument %s= needs a value", t.name, key)}
		}
	}
	if key != "" && len(t.positional) > 0 || key == "" && !stray && len(t.named) > 0 {
		// Reported here, as Hugo does, rather than as the quote that
		// a stray argument may leave open.
		return 0, &tagError{start, fmt.Sprintf("shortcode %q mixes named and positional arguments: use one kind", t.name)}
	}
	v, j, err := t.scanValue(src, j, limit, start, key != "" || stray)
	if err != nil || stray {
		return j, err
	}
	// A quoted argument needs no space after it: what follows is the next
	// argument, as in Hugo.
	if key != "" {
		t.named = append(t.named, Param{key, v})
	} else {
		t.positional = append(t.positional, v)
	}
	return j, nil
}

// scanValue reads a value at src[j:]; named tells whether it follows an
// "=". start is the argument's offset, for errors.
func (t *tag) scanValue(src []byte, j, limit, start int, named bool) (any, int, error) {
	switch src[j] {
	case '"':
		var b strings.Builder
		k := j + 1
		for ; k < limit && src[k] != '"'; k++ {
			if src[k] == '\\' && k+1 < limit && (src[k+1] == '"' || src[k+1] == '\\') {
				k++
			}
			b.WriteByte(src[k])
		}
		if k >= limit {
			return nil, 0, &tagError{start, fmt.Sprintf("shortcode %q: a quoted argument is not closed with \"", t.name)}
		}
		return b.String(), k + 1, nil
	case '`':
		k := bytes.IndexByte(src[j+1:limit], '`')
		if k < 0 {
			return nil, 0, &tagError{start, fmt.Sprintf("shortcode %q: a raw argument is not closed with `", t.name)}
		}
		return string(src[j+1 : j+1+k]), j + 2 + k, nil
	}
	// As Hugo's lexer has it: a quote ends a bare positional argument
	// and starts the next one ({{< link "a.pdf" see"" >}}), while a bare
	// named value runs to the next space, quotes and all
	// (href=http://a.gov/x.html"").
	k := j
	for k < limit && !isSpace(src[k]) && !bytes.HasPrefix(src[k:limit], []byte(">}}")) && !bytes.HasPrefix(src[k:limit], []byte("%}}")) &&
		!bytes.HasPrefix(src[k:limit], []byte("/>}}")) && !bytes.HasPrefix(src[k:limit], []byte("/%}}")) &&
		(named || src[k] != '"' && src[k] != '`') {
		k++
	}
	return typed(string(src[j:k])), k, nil
}

// typed gives a bare argument Hugo's type: true and false are booleans,
// numbers are numbers, anything else is text.
func typed(s string) any {
	switch s {
	case "true":
		return true
	case "false":
		return false
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && strings.ContainsAny(s, "0123456789") && !strings.ContainsAny(s, "xXpPnN_") {
		return f
	}
	return s
}

// literal is what a commented-out tag shows: the tag without /* and */.
func (t *tag) literal(src []byte) string {
	s := string(src[t.start:t.end])
	open, rest := s[:3], s[3:]
	rest = strings.TrimLeft(rest, " \t\n")
	rest = strings.TrimPrefix(rest, "/*")
	i := strings.LastIndex(rest, "*/")
	return open + rest[:i] + rest[i+2:]
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '/' || c == '.' || c >= 0x80
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpace(src []byte, j, limit int) int {
	for j < limit && isSpace(src[j]) {
		j++
	}
	return j
}
