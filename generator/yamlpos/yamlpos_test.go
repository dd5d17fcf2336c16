package yamlpos

import (
	"errors"
	"testing"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		src  string
		want Error
	}{
		// Scanner errors: yaml.v3 numbers them from 1 already.
		{"a: 1\nb: \"open\n", Error{Line: 2, Key: "b",
			Message: "the quoted value that starts on this line is never closed: add the closing quote"}},
		// A quote opened on the first line is reported there, not where
		// the scanner gave up.
		{"title: \"open\ndate: 2024-01-01\nx: 1\ny: 2\n", Error{Line: 1, Key: "title",
			Message: "the quoted value that starts on this line is never closed: add the closing quote"}},
		// A lone surrogate names its line and key, first line or not.
		{"title: \"Sur\\ud800\"\n", Error{Line: 1, Key: "title",
			Message: "found invalid Unicode character escape code: \\uD800 to \\uDFFF, halves of a pair, and numbers past \\U0010FFFF are no characters"}},
		{"a: 1\n\"quoted key\":\n  \"x\\ud800\"\n", Error{Line: 3, Key: "quoted key",
			Message: "found invalid Unicode character escape code: \\uD800 to \\uDFFF, halves of a pair, and numbers past \\U0010FFFF are no characters"}},
		{"path: \"C:\\users\"\n", Error{Line: 1, Key: "path",
			Message: "did not find expected hexdecimal number in a double-quoted value: write a backslash as \\\\"}},
		// Parser errors: numbered from 0 by yaml.v3, from 1 here, also on
		// the first line, which yaml.v3 leaves out.
		{"a: [1, 2\nb: 3\n", Error{Line: 2, Message: "did not find expected ',' or ']'"}},
		{"- a\nb: 1\n", Error{Line: 2, Message: "did not find expected '-' indicator"}},
		{"a: 1\n- b\n", Error{Line: 2, Message: "did not find expected key"}},
		// Other errors on the first line had no line at all.
		{"title: @x\n", Error{Line: 1, Message: "found character that cannot start any token"}},
		// Where the scanner gave up beats where a value on the first line
		// opened, when that value is not quoted.
		{"title: A\n\tdate: 2024-07-22\n", Error{Line: 2, Message: "found a tab character that violates indentation"}},
		// The reader's errors name no position: the first refused
		// character is found.
		{"a: 1\nb: x\x01y\n", Error{Line: 2, Column: 5, Message: "the control character U+0001 is not allowed in YAML: remove it"}},
		{"a: 1\nb: é\xffy\n", Error{Line: 2, Column: 5, Message: "byte 0xff is not UTF-8 text: save the file as UTF-8"}},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.src))
		var got *Error
		if !errors.As(err, &got) {
			t.Fatalf("%q: err = %v", tt.src, err)
		}
		if *got != tt.want {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.src, *got, tt.want)
		}
	}
}

func TestParseLines(t *testing.T) {
	doc, err := Parse([]byte("a: 1\nb:\n  - x\n  - &y z\nc: *y\n"))
	if err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	for i, want := range []int{1, 1, 2, 3, 5, 5} {
		if n := root.Content[i]; n.Line != want {
			t.Errorf("node %d (%s) on line %d, want %d", i, n.Value, n.Line, want)
		}
	}
	if l := root.Content[3].Content[1].Line; l != 4 {
		t.Errorf("list item on line %d, want 4", l)
	}
}

func TestDecodeStrict(t *testing.T) {
	var v struct {
		A string `yaml:"a"`
		B int    `yaml:"b"`
	}
	tests := []struct {
		src  string
		want Error
	}{
		{"a: x\nc: 1\n", Error{Line: 2, Message: "field c not found in type struct { A string \"yaml:\\\"a\\\"\"; B int \"yaml:\\\"b\\\"\" }"}},
		{"b: [1]\n", Error{Line: 1, Message: "cannot unmarshal !!seq into int"}},
		{"a: x\n\na: y\n", Error{Line: 3, Message: "mapping key \"a\" already defined at line 1"}},
		{"a: \"x\\ud800\"\n", Error{Line: 1, Key: "a",
			Message: "found invalid Unicode character escape code: \\uD800 to \\uDFFF, halves of a pair, and numbers past \\U0010FFFF are no characters"}},
	}
	for _, tt := range tests {
		err := DecodeStrict([]byte(tt.src), &v)
		var got *Error
		if !errors.As(err, &got) {
			t.Fatalf("%q: err = %v", tt.src, err)
		}
		if *got != tt.want {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.src, *got, tt.want)
		}
	}
	if err := DecodeStrict(nil, &v); err != nil {
		t.Errorf("empty document: %v", err)
	}
}
