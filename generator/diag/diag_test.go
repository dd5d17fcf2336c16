package diag

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestErrorEscapes(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{Path: "content/articles/zürich.md", Line: 3, Field: "date", Message: `"x" is not a date`},
			`content/articles/zürich.md:3: date: "x" is not a date`},
		{Problem{Path: `static/back\slash.txt`, Message: "m"},
			`static/back\slash.txt: m`},
		{Problem{Path: "content/articles/a\x1b[2J\ncontent/b.md:1: fake.md", Line: 2, Message: "m"},
			`"content/articles/a\x1b[2J\ncontent/b.md:1: fake.md":2: m`},
		{Problem{Path: "a.md", Field: "ti\ntle", Message: "line one\nline\x1b[2J two \xff\u202e"},
			`a.md: "ti\ntle": line one\nline\x1b[2J two \xff\u202e`},
		{Problem{Path: `"quoted".md`, Message: "m", Warning: true},
			`"\"quoted\".md": warning: m`},
	}
	for _, tt := range tests {
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("Error() = %s\nwant       %s", got, tt.want)
		}
	}
}

func TestListOneLineEach(t *testing.T) {
	l := List{
		Errorf("content/articles/\x1b[2J\n.md", 1, "title", "missing"),
		Errorf("content/articles/b.md", 2, "", "a\nb"),
	}
	out := l.Error()
	if n := strings.Count(out, "\n") + 1; n != len(l) {
		t.Errorf("%d lines for %d problems:\n%s", n, len(l), out)
	}
	if !printable(strings.ReplaceAll(out, "\n", "")) {
		t.Errorf("control characters in %q", out)
	}
}

func TestFormat(t *testing.T) {
	if got, want := Format(errors.New("cannot watch /tmp/a\x1b[2J\nb")), `cannot watch /tmp/a\x1b[2J\nb`; got != want {
		t.Errorf("Format = %s, want %s", got, want)
	}
	l := List{Errorf("a.md", 1, "", "x"), Errorf("b.md", 1, "", "y")}
	if got, want := Format(l), "a.md:1: x\nb.md:1: y"; got != want {
		t.Errorf("Format(list) = %q, want %q", got, want)
	}
	// Wrapped, a list still prints one problem a line.
	if got, want := Format(fmt.Errorf("loading: %w", l)), "a.md:1: x\nb.md:1: y"; got != want {
		t.Errorf("Format(wrapped list) = %q, want %q", got, want)
	}
}
