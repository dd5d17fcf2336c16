package build_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/build"
	"folio/generator/diag"
)

// hasControl reports whether s holds a control character other than the
// line breaks between problems.
func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return r != '\n' && (r < 0x20 || r >= 0x7f && r < 0xa0)
	})
}

// TestFileNamesCannotForgeMessages names bad articles with an escape
// sequence that would clear the screen and with a line break that would
// start a fake problem: each problem stays one line of printable text,
// while an ordinary name, accents and all, stays as it is.
func TestFileNamesCannotForgeMessages(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "content/articles/bad/clear\x1b[2J.md", "---\ntitle: Clear\n---\n")
	write(t, root, "content/articles/bad/fake\ncontent/articles/x.md:1: forged.md", "---\ntitle: Forged\n---\n")
	write(t, root, "content/articles/bad/zürich.md", "---\ntitle: Zürich\n---\n")
	_, err := build.Run(build.Options{Source: root})
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("err = %v", err)
	}
	want := []string{
		`"content/articles/bad/clear\x1b[2J.md":1: date: missing: add a line such as date: 2024-07-22 to the front matter`,
		`"content/articles/bad/fake\ncontent/articles/x.md:1: forged.md":1: date: missing: add a line such as date: 2024-07-22 to the front matter`,
		`content/articles/bad/zürich.md:1: date: missing: add a line such as date: 2024-07-22 to the front matter`,
	}
	out := list.Error()
	if out != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", out, strings.Join(want, "\n"))
	}
	if hasControl(out) || strings.Count(out, "\n")+1 != len(list) {
		t.Errorf("%d problems, not one a line of printable text: %q", len(list), out)
	}
}

// TestStaticProblemsNameTheSiteFile checks that problems with static
// files name them relative to the site root: not by absolute path, not
// as ".", and with the line and column of a script's syntax error.
func TestStaticProblemsNameTheSiteFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, body, want string
	}{
		{"backslash", `static/back\slash.txt`, "x",
			`static/back\slash.txt: refusing to write "back\\slash.txt": it is not a plain path inside the site`},
		{"collision", "static/index.html", "x",
			`static/index.html: the generated page / has the same file name: rename or remove the static file`},
		{"search index", "static/search/x.json", "x",
			`static/search/x.json: the search index is written under /search/: move the file, or set search: false in config.yaml`},
		{"script syntax", "static/js/bad.js", "var a = 1;\nfunction ( {\n",
			`static/js/bad.js:2:10: expected Identifier instead of ( in function declaration`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := copySite(t)
			write(t, root, tt.file, tt.body)
			cfg, err := os.ReadFile(filepath.Join(root, "config.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			write(t, root, "config.yaml", string(cfg)+"\nminify: true\n")
			_, err = build.Run(build.Options{Source: root})
			if err == nil || err.Error() != tt.want {
				t.Errorf("err:\n%v\nwant:\n%s", err, tt.want)
			}
		})
	}
}
