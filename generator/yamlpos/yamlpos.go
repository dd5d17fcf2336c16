// Package yamlpos parses YAML with yaml.v3 and reports its errors at the
// line a writer must fix, correcting the library's numbering, so that
// config and front matter errors never point at the wrong line or at none.
package yamlpos

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Error is a YAML error at a line of the document.
type Error struct {
	Line   int // 1-based; 0 when unknown
	Column int // 1-based, in characters; 0 when unknown
	// Key is the top-level key whose value the error is in, when the
	// line alone says it: an error inside a quoted value.
	Key     string
	Message string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Message)
	}
	return e.Message
}

// Parse reads a YAML document into a node tree whose lines count from
// data's first line. A failure is an *Error.
func Parse(data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(pad(data), &doc); err != nil {
		return nil, of(err, data, func(data []byte) error {
			return yaml.Unmarshal(data, new(yaml.Node))
		})
	}
	unpad(&doc)
	return &doc, nil
}

// DecodeStrict decodes data into v as yaml.Unmarshal does, but refuses
// keys that v has no field for. A failure is an *Error; an empty document
// leaves v as it is.
func DecodeStrict(data []byte, v any) error {
	if err := decodeStrict(pad(data), v); err != nil {
		return of(err, data, func(data []byte) error { return decodeStrict(data, v) })
	}
	return nil
}

func decodeStrict(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// pad puts a blank line before data. yaml.v3 takes a position on the
// document's first line (line 0 inside it) for no position at all: an
// error in a quoted value opened there was reported where the scanner
// gave up, at the end of the front matter. Below a blank line, nothing
// is on line 0. A byte-order mark, which yaml.v3 skips at the start
// only, goes.
func pad(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	out := make([]byte, 0, len(data)+1)
	return append(append(out, '\n'), data...)
}

// unpad takes the padding line off the lines of a parsed tree. Aliases
// are not followed: the nodes they point at are in the tree already.
func unpad(n *yaml.Node) {
	if n.Line > 0 {
		n.Line--
	}
	for _, c := range n.Content {
		unpad(c)
	}
}

// parserError reports whether msg is an error of the YAML parser, as
// opposed to its scanner and its decoder: yaml.v3 numbers the parser's
// lines from 0, the others' from 1.
func parserError(msg string) bool {
	switch msg {
	case "did not find expected <stream-start>",
		"did not find expected <document start>",
		"found undefined tag handle",
		"did not find expected node content",
		"did not find expected '-' indicator",
		"did not find expected key",
		"did not find expected ',' or ']'",
		"did not find expected ',' or '}'",
		"found duplicate %YAML directive",
		"found incompatible YAML document",
		"found duplicate %TAG directive":
		return true
	}
	return false
}

// inQuoted rewrites the errors yaml.v3 reports at the start of a quoted
// value, where the writer must look; ok is false for other errors.
func inQuoted(msg string) (string, bool) {
	switch msg {
	case "found unexpected end of stream", "found unexpected document indicator":
		return "the quoted value that starts on this line is never closed: add the closing quote", true
	case "found invalid Unicode character escape code":
		return msg + ": \\uD800 to \\uDFFF, halves of a pair, and numbers past \\U0010FFFF are no characters", true
	case "found unknown escape character", "did not find expected hexdecimal number":
		return msg + " in a double-quoted value: write a backslash as \\\\", true
	}
	return msg, false
}

// of turns an error of yaml.v3 about pad(data) into an *Error about data.
// unpadded parses data as it is, for a second opinion.
//
// yaml.v3 reports an error where the construct in error opens (a quoted
// value, a mapping) or, when that is on line 0, where it gave up. For a
// quoted value, where it opens is the line to fix, which the padded parse
// gives; for anything else, where the parser gave up is more precise
// than the start of a whole mapping, which the unpadded parse gives when
// the mapping starts on the first line.
func of(err error, data []byte, unpadded func([]byte) error) *Error {
	line, msg := read(err, true)
	if line == 0 {
		e := &Error{Message: msg}
		// The reader's errors (a control character, bad UTF-8) name no
		// position; the first character it refuses is the one.
		if off, r, ok := firstRefused(data); ok {
			e.Line, e.Column = position(data, off)
			if r == utf8.RuneError {
				e.Message = fmt.Sprintf("byte 0x%02x is not UTF-8 text: save the file as UTF-8", data[off])
			} else {
				e.Message = fmt.Sprintf("the control character %U is not allowed in YAML: remove it", r)
			}
		}
		return e
	}
	if quoted, ok := inQuoted(msg); ok {
		return &Error{Line: line, Key: keyAt(data, line), Message: quoted}
	}
	if err := unpadded(data); err != nil {
		if l, m := read(err, false); l > 0 {
			line, msg = l, m
		}
	}
	return &Error{Line: line, Message: msg}
}

var (
	lineRe    = regexp.MustCompile(`^yaml: (?:unmarshal errors:\n\s*)?line (\d+): (.*)`)
	definedRe = regexp.MustCompile(`defined at line (\d+)`)
)

// read returns the 1-based line of data an error of yaml.v3 names (0 for
// none) and its message; padded says whether the parse was of pad(data).
func read(err error, padded bool) (int, string) {
	m := lineRe.FindStringSubmatch(err.Error())
	if m == nil {
		return 0, strings.TrimPrefix(err.Error(), "yaml: ")
	}
	line, _ := strconv.Atoi(m[1])
	msg := m[2]
	switch {
	case parserError(msg) && !padded:
		line++
	case !parserError(msg) && padded:
		line--
		// A duplicate key names the first one's line, padded too.
		msg = definedRe.ReplaceAllStringFunc(msg, func(s string) string {
			n, _ := strconv.Atoi(definedRe.FindStringSubmatch(s)[1])
			return "defined at line " + strconv.Itoa(n-1)
		})
	}
	return line, msg
}

// firstRefused finds the first character yaml.v3's reader refuses:
// anything but tab, line breaks and printable characters, or a byte that
// is not UTF-8.
func firstRefused(data []byte) (off int, r rune, ok bool) {
	for off < len(data) {
		r, size := utf8.DecodeRune(data[off:])
		switch {
		case r == utf8.RuneError && size == 1:
			return off, r, true
		case r == '\t', r == '\n', r == '\r', r >= 0x20 && r <= 0x7e, r == 0x85,
			r >= 0xa0 && r <= 0xd7ff, r >= 0xe000 && r <= 0xfffd, r >= 0x10000:
		default:
			return off, r, true
		}
		off += size
	}
	return 0, 0, false
}

// position is the 1-based line and column, in characters, of a byte
// offset.
func position(data []byte, off int) (line, col int) {
	before := data[:off]
	start := bytes.LastIndexByte(before, '\n') + 1
	return bytes.Count(before, []byte("\n")) + 1, utf8.RuneCount(before[start:]) + 1
}

// keyAt returns the top-level key at or above a line: the key whose
// value the line is in. It is "" when that is not a plain "key: value"
// line (a list, a flow mapping).
func keyAt(data []byte, line int) string {
	lines := strings.Split(string(data), "\n")
	for i := min(line, len(lines)) - 1; i >= 0; i-- {
		l := lines[i]
		if l == "" || l[0] == ' ' || l[0] == '\t' || l[0] == '#' {
			continue
		}
		return keyOf(l)
	}
	return ""
}

// keyOf reads the key of a "key: value" line, bare or quoted.
func keyOf(l string) string {
	if l[0] == '"' || l[0] == '\'' {
		if end := strings.IndexByte(l[1:], l[0]); end >= 0 && strings.HasPrefix(l[end+2:], ":") {
			return l[1 : end+1]
		}
		return ""
	}
	if strings.ContainsRune("-[{?&*!|>%@`", rune(l[0])) {
		return ""
	}
	for i := 0; i < len(l); i++ {
		if l[i] == ':' && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t') {
			return strings.TrimRight(l[:i], " \t")
		}
	}
	return ""
}
