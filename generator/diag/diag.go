// Package diag holds the problems a build reports about the user's files:
// errors that stop a build and warnings that do not. Every problem names the
// file and, where known, the line and the front matter field, so a writer
// can go straight to it.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Problem is one thing wrong with one file.
type Problem struct {
	Path    string // file, relative to the site root, slash-separated
	Line    int    // 1-based; 0 when unknown
	Column  int    // 1-based; 0 when unknown
	Field   string // front matter or config field; empty when none applies
	Message string
	Warning bool
}

// Error formats the problem the way compilers do, so editors and terminals
// turn it into a link: "content/a.md:3: date: not a date". It is one line
// of printable text whatever the file is named (see Name and Text).
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(Name(p.Path))
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	b.WriteString(": ")
	if p.Warning {
		b.WriteString("warning: ")
	}
	if p.Field != "" {
		b.WriteString(Name(p.Field))
		b.WriteString(": ")
	}
	b.WriteString(Text(p.Message))
	return b.String()
}

// Name returns a file name or a field as it is when every character of it
// is printable (zürich.md, back\slash.txt), and quoted the way Go quotes
// strings otherwise ("a\x1b[2J.md"). Printed raw, an escape sequence in a
// name would act on the terminal, and a line break would start a fake
// problem of its own.
func Name(s string) string {
	if printable(s) && !strings.HasPrefix(s, `"`) {
		return s
	}
	return strconv.Quote(s)
}

// Text returns text with what is not printable escaped as Go escapes it
// in strings (\x1b, \n, \u202e), unquoted, so that a message quoting a
// file or a value stays one line of plain text.
func Text(s string) string {
	if printable(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unicode.IsPrint(r):
			b.WriteString(s[i : i+size])
		default:
			q := strconv.QuoteRune(r) // '\x1b'
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}

// printable reports whether s is valid UTF-8 made of printable characters
// and plain spaces only.
func printable(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || !unicode.IsPrint(r) {
			return false
		}
		i += size
	}
	return true
}

// Format returns an error's text fit for a terminal: a problem or a list
// of problems one line each, any other error escaped as Text.
func Format(err error) string {
	var list List
	var one *Problem
	switch {
	case errors.As(err, &list):
		return list.Error()
	case errors.As(err, &one):
		return one.Error()
	}
	return Text(err.Error())
}

// Errorf is a shorthand for an error Problem.
func Errorf(path string, line int, field, format string, args ...any) *Problem {
	return &Problem{Path: path, Line: line, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Warnf is a shorthand for a warning Problem.
func Warnf(path string, line int, field, format string, args ...any) *Problem {
	p := Errorf(path, line, field, format, args...)
	p.Warning = true
	return p
}

// List is every problem of one build. As an error it prints one problem a
// line, sorted by file and line, so that all bad files are fixed in one pass.
type List []*Problem

// Sort orders the list by file, line, column and message.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b *Problem) int {
		return cmp.Or(
			strings.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			strings.Compare(a.Field, b.Field),
			strings.Compare(a.Message, b.Message),
		)
	})
}

// Errors returns only the problems that stop a build.
func (l List) Errors() List {
	var out List
	for _, p := range l {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// Warnings returns only the problems that do not stop a build.
func (l List) Warnings() List {
	var out List
	for _, p := range l {
		if p.Warning {
			out = append(out, p)
		}
	}
	return out
}

func (l List) Error() string {
	lines := make([]string, len(l))
	for i, p := range l {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns the list's errors as an error, or nil when there are none.
func (l List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	errs.Sort()
	return errs
}
