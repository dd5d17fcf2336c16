package build_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/build"
	"folio/generator/diag"
	"folio/generator/imaging"
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

// TestControlCharactersNeverReachOutputs gives an article control
// characters in every kind of front matter text, escaped, and in its body,
// raw: no page, feed or other text output holds them (they become U+FFFD,
// as the XML outputs made them already), and the title reads as written.
func TestControlCharactersNeverReachOutputs(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	write(t, root, "content/articles/odd/control.md", "---\n"+
		"title: \"Bell\\x01 and \\x1b[2J escape\"\n"+
		"date: 2024-07-01\n"+
		"summary: \"A \\x07summary\"\n"+
		"people: [\"Jane\\x1b Doe\"]\n"+
		"topics: [\"Control\\x7f\\u0085 codes\"]\n"+
		"---\nA body with \x01 a raw \x1b[31m control character.\n")
	if _, err := build.Run(build.Options{Source: root}); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(root, "public")
	checked := 0
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) == ".bin" || imaging.Raster(p) { // the search index and images are binary
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		checked++
		if i := bytes.IndexFunc(b, func(r rune) bool {
			return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f
		}); i >= 0 {
			t.Errorf("%s holds a control character: %q", p, b[max(0, i-40):min(len(b), i+40)])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(public, "articles/control/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h1>Bell\uFFFD and \uFFFD[2J escape</h1>", "Jane\uFFFD Doe", "A \uFFFDsummary", "A body with \uFFFD a raw \uFFFD[31m control"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the article's page lacks %q", want)
		}
	}
	t.Logf("%d files checked", checked)
}
