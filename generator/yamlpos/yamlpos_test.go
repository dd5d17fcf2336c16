package yamlpos

import (
	"testing"

	"gopkg.in/yaml.v3"
)

func TestOf(t *testing.T) {
	tests := []struct {
		src  string
		line int
		msg  string
	}{
		// A scanner error: yaml.v3 numbers it from 1 already.
		{"a: 1\nb: \"open\n", 2, "found unexpected end of stream"},
		// Parser errors: numbered from 0 by yaml.v3, from 1 here.
		{"a: [1, 2\nb: 3\n", 2, "did not find expected ',' or ']'"},
		{"- a\nb: 1\n", 2, "did not find expected '-' indicator"},
		// A type error names its line.
		{"a: [1]\n", 1, "cannot unmarshal !!seq into string"},
	}
	for _, tt := range tests {
		var v struct{ A string }
		err := yaml.Unmarshal([]byte(tt.src), &v)
		if err == nil {
			t.Fatalf("%q: no error", tt.src)
		}
		line, msg := Of(err)
		if line != tt.line || msg != tt.msg {
			t.Errorf("%q: Of(%q) = %d, %q; want %d, %q", tt.src, err, line, msg, tt.line, tt.msg)
		}
	}
}
