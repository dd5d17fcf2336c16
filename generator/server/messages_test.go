package server

import (
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
		{build.Changes{"a", "b"}, "2 changes"},
	}
	for _, tt := range tests {
		if got := describe(tt.changed); got != tt.want {
			t.Errorf("describe(%q) = %s, want %s", tt.changed, got, tt.want)
		}
	}
}
