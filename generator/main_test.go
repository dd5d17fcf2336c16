package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/sitetest"
)

// plainLines fails the test when out holds a control character other
// than line breaks, or a number of lines other than want.
func plainLines(t *testing.T, what, out string, want int) {
	t.Helper()
	if strings.ContainsFunc(out, func(r rune) bool { return r != '\n' && (r < 0x20 || r == 0x7f) }) {
		t.Errorf("%s holds control characters: %q", what, out)
	}
	if n := strings.Count(strings.TrimSuffix(out, "\n"), "\n") + 1; n != want {
		t.Errorf("%s is %d lines, want %d: %q", what, n, want, out)
	}
}

// TestMessagesEscapeNames runs every command on a site, files and
// folders whose names hold an escape sequence and a line break: what the
// commands print names them quoted, one message a line.
func TestMessagesEscapeNames(t *testing.T) {
	t.Parallel()
	odd := "x\x1b[2J\ny"
	root := filepath.Join(t.TempDir(), "site"+odd)
	if err := os.Rename(sitetest.Copy(t, ".."), root); err != nil {
		t.Fatal(err)
	}
	quotedRoot := `"` + strings.ReplaceAll(root[:len(root)-len(odd)], `\`, `\\`) + `x\x1b[2J\ny`

	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-source", root}, &stdout, &stderr); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr.String())
	}
	plainLines(t, "build's summary", stdout.String(), 1)
	if !strings.Contains(stdout.String(), " into "+quotedRoot+`/public": `) {
		t.Errorf("build's summary does not name the output folder quoted: %q", stdout.String())
	}

	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"build", "-source", root, "-dest", root}, &stdout, &stderr); code != 1 {
		t.Fatalf("build into the site: exit %d", code)
	}
	plainLines(t, "build's failure", stderr.String(), 1)
	if want := `build failed: output folder ` + quotedRoot[1:] + ` contains the site's own files: choose another -dest`; strings.TrimSpace(stderr.String()) != want {
		t.Errorf("build into the site:\n%s\nwant\n%s", stderr.String(), want)
	}

	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"new", "-source", root, "A title"}, &stdout, &stderr); code != 0 {
		t.Fatalf("new: exit %d: %s", code, stderr.String())
	}
	plainLines(t, "new's output", stdout.String(), 1)
	if !strings.HasPrefix(stdout.String(), quotedRoot+"/content/articles/") {
		t.Errorf("new does not name the file quoted: %q", stdout.String())
	}

	text := filepath.Join(t.TempDir(), "notes"+odd+".txt")
	if err := os.WriteFile(text, []byte("Imported title\n\nA paragraph.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"import", "-source", root, text, text + ".missing"}, &stdout, &stderr); code != 1 {
		t.Fatalf("import: exit %d: %s", code, stderr.String())
	}
	plainLines(t, "import's output", stdout.String(), 1)
	plainLines(t, "import's errors", stderr.String(), 1)
	if !strings.Contains(stderr.String(), `notesx\x1b[2J\ny.txt.missing": no such file or directory`) {
		t.Errorf("import does not escape the missing file's name: %q", stderr.String())
	}
}

// TestImportRefusesYearZero: RFC 3339 has no year 0, so an article dated
// in it would only fail the next build.
func TestImportRefusesYearZero(t *testing.T) {
	t.Parallel()
	root := sitetest.Copy(t, "..")
	text := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(text, []byte("Imported title\n\nA paragraph.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"import", "-source", root, "-date", "0000-01-01", text}, &stdout, &stderr)
	if want := "-date \"0000-01-01\" is out of range: write a date from the year 1 to the year 9999\n"; code != 2 || stderr.String() != want {
		t.Errorf("exit %d, %q; want 2, %q", code, stderr.String(), want)
	}
}

// TestMigrateUploadsFlag: -uploads is a WordPress export's: given for
// another tool's site, or naming no folder, the migration refuses it
// before writing anything.
func TestMigrateUploadsFlag(t *testing.T) {
	hugo := t.TempDir()
	os.WriteFile(filepath.Join(hugo, "hugo.toml"), []byte("title = 'T'\n"), 0o644)
	export := filepath.Join("migrate", "wordpress", "testdata", "uploads", "export.xml")
	missing := filepath.Join(t.TempDir(), "none")
	wpContent := t.TempDir()
	os.MkdirAll(filepath.Join(wpContent, "uploads", "2016"), 0o755)
	os.MkdirAll(filepath.Join(wpContent, "themes"), 0o755)
	for _, c := range []struct {
		src, uploads string
		code         int
		want         string
	}{
		{hugo, t.TempDir(), 2, "migrate: -uploads is for a WordPress export; " + hugo + " is a Hugo site, whose files are copied from its own folders"},
		{export, missing, 1, "migrate failed: -uploads " + missing + ": not a folder: give a copy of the old site's wp-content/uploads"},
		{export, wpContent, 1, "migrate failed: -uploads " + wpContent + " is wp-content: give its uploads folder, whose paths the links name"},
	} {
		dest := filepath.Join(t.TempDir(), "new")
		var stdout, stderr bytes.Buffer
		if code := run([]string{"migrate", "-uploads", c.uploads, c.src, dest}, &stdout, &stderr); code != c.code || strings.TrimSpace(stderr.String()) != c.want {
			t.Errorf("%s: exit %d, %q; want %d, %q", c.src, code, stderr.String(), c.code, c.want)
		}
		if _, err := os.Stat(dest); err == nil {
			t.Errorf("%s: %s was written", c.src, dest)
		}
	}
}

// TestMigrateTypesFlag: -types takes WordPress post types besides post as
// articles, as the report's list of types not migrated says.
func TestMigrateTypesFlag(t *testing.T) {
	src := filepath.Join(t.TempDir(), "export.xml")
	os.WriteFile(src, []byte(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>T</title><link>https://ex.org</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://ex.org</wp:base_blog_url>
<item><title>Gala</title><link>https://ex.org/event/gala/</link><content:encoded><![CDATA[Text.]]></content:encoded><wp:post_id>1</wp:post_id><wp:post_date>2020-01-02 10:00:00</wp:post_date><wp:post_date_gmt>2020-01-02 10:00:00</wp:post_date_gmt><wp:post_name>gala</wp:post_name><wp:status>publish</wp:status><wp:post_type>event</wp:post_type></item>
</channel></rss>
`), 0o644)
	for _, args := range [][]string{{"-types", "event"}, {}} {
		dest := filepath.Join(t.TempDir(), "new")
		var stdout, stderr bytes.Buffer
		if code := run(append(append([]string{"migrate"}, args...), "-look", "", src, dest), &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
		}
		_, err := os.Stat(filepath.Join(dest, "content", "articles", "2020", "01", "gala.md"))
		if (err == nil) != (len(args) > 0) {
			t.Errorf("%v: gala.md: %v", args, err)
		}
	}
}
