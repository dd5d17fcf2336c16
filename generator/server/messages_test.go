package server

import (
	"encoding/json"
	"errors"
	"testing"

	"folio/generator/build"
)

// TestDescribeEscapesNames checks the terminal line of a rebuild: a file
// named with an escape sequence and a line break is shown quoted.
func TestDescribeEscapesNames(t *testing.T) {
	tests := []struct {
		changed build.Changes
		want    string
	}{
		{nil, "full check"},
		{build.Changes{"content/articles/zürich.md"}, "content/articles/zürich.md"},
		{build.Changes{"content/articles/a\x1b[2J\nb.md"}, `"content/articles/a\x1b[2J\nb.md"`},
		{build.Changes{"a", "b"}, "a, b"},
		{build.Changes{"a", "b\x1b", "c", "d", "e"}, `a, "b\x1b", c and 2 more`},
	}
	for _, tt := range tests {
		if got := describe(tt.changed); got != tt.want {
			t.Errorf("describe(%q) = %s, want %s", tt.changed, got, tt.want)
		}
	}
}

// TestProblemsEventTextIsOneLine: the overlay shows each problem's text
// on a line of its own, so an error that is not a problem must not bring
// line breaks or escape sequences of its own.
func TestProblemsEventTextIsOneLine(t *testing.T) {
	ev := problemsEvent(errors.New("cannot read /site/a\x1b[2J\nb"))
	var got struct {
		Problems []struct{ Text string }
	}
	if err := json.Unmarshal([]byte(ev.data), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Problems) != 1 || got.Problems[0].Text != `cannot read /site/a\x1b[2J\nb` {
		t.Errorf("problems = %+v", got.Problems)
	}
}
