package migrate

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// fake is a Source handing out fixed docs.
type fake struct {
	cfg  *Config
	docs []*Doc
	fail error
}

func (f *fake) Config() (*Config, error) { return f.cfg, nil }
func (f *fake) Walk(s Sink) error {
	for _, d := range f.docs {
		if err := s.Article(d); err != nil {
			return err
		}
	}
	s.Note(Item{Group: "Shortcode templates not translated", File: "layouts/shortcodes/x.html", Line: 3, What: "uses partial"})
	if err := s.Copy("static", "static"); err != nil {
		return err
	}
	return f.fail
}

func fakeReader(f *fake) Reader {
	return Reader{Name: "Fake", Detect: func(string) bool { return true }, Open: func(string, Options) (Source, error) { return f, nil }}
}

func TestRunRefusesDest(t *testing.T) {
	src := t.TempDir()
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "x"), nil, 0o644)
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	inside := filepath.Join(src, "new")
	for _, c := range []struct{ dest, want string }{
		{full, "destination " + full + " is not empty: give a new folder, or an empty one, so that nothing is overwritten"},
		{file, "destination " + file + " exists and is not a folder: give a new folder's name"},
		{inside, "destination " + inside + " is inside the source site " + src + ", which the migration never changes: choose a folder outside it"},
	} {
		_, err := Run(src, c.dest, fakeReader(&fake{cfg: &Config{}}), Options{})
		if err == nil || err.Error() != c.want {
			t.Errorf("dest %s: got %v, want %q", c.dest, err, c.want)
		}
	}
	if _, err := os.Stat(inside); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("something was written inside the source: %v", err)
	}
}

func TestRunWritesSiteAndReport(t *testing.T) {
	src := t.TempDir()
	os.MkdirAll(filepath.Join(src, "static", "img"), 0o755)
	os.WriteFile(filepath.Join(src, "static", "img", "a.png"), []byte("png"), 0o644)
	os.Symlink("/etc/passwd", filepath.Join(src, "static", "out"))
	dest := filepath.Join(t.TempDir(), "new")
	d := time.Date(2015, 6, 29, 1, 0, 0, 0, time.UTC)
	f := &fake{cfg: &Config{Title: "T", Permalink: "/:year/:slug/"}, docs: []*Doc{
		{Source: "content/a.md", Path: ArticlePath(d, "same"), Front: map[string]any{"zeta": 1, "title": "A", "date": "2015-06-29 1:00:00 -0400", "aliases": []string{"/old/"}}, Body: []byte("Text")},
		{Source: "content/b.md", Path: ArticlePath(d, "same"), Front: map[string]any{"title": "B"}, Body: []byte("More\n")},
	}}
	rep, err := Run(src, dest, fakeReader(f), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dest, "content/articles/2015/06/same.md"))
	want := "---\ntitle: A\ndate: \"2015-06-29 1:00:00 -0400\"\naliases:\n  - /old/\nzeta: 1\n---\nText\n"
	if string(got) != want {
		t.Errorf("article:\n%s\nwant:\n%s", got, want)
	}
	got, _ = os.ReadFile(filepath.Join(dest, "content/articles/2015/06/same-2.md"))
	if want := "---\ntitle: B\nslug: same\n---\nMore\n"; string(got) != want {
		t.Errorf("renamed article:\n%s\nwant:\n%s", got, want)
	}
	if _, err := os.Lstat(filepath.Join(dest, "static", "out")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a link out of the source was copied: %v", err)
	}
	md, _ := os.ReadFile(filepath.Join(dest, "MIGRATION.md"))
	for _, line := range []string{
		"- articles: 2\n", "- redirects (old URLs kept working): 1\n", "- static files: 1\n",
		"### Shortcode templates not translated (1)\n\n- layouts/shortcodes/x.html:3: uses partial\n",
		"- content/b.md: written as content/articles/2015/06/same-2.md, as content/articles/2015/06/same.md was taken\n",
		"- static/out: a link to a file outside the site (or a broken link), which the migration does not follow\n",
	} {
		if !strings.Contains(string(md), line) {
			t.Errorf("MIGRATION.md lacks %q:\n%s", line, md)
		}
	}
	var out bytes.Buffer
	rep.Print(&out)
	if !strings.HasPrefix(out.String(), "migrated a Fake site from "+src+" into "+dest+": 2 articles, 1 redirect (old URL kept working), 1 static file\n3 items need a person") {
		t.Errorf("summary:\n%s", out.String())
	}
	cfg, _ := os.ReadFile(filepath.Join(dest, "config.yaml"))
	if !strings.Contains(string(cfg), "title: T\npermalinks:\n  articles: /:year/:slug/\n") {
		t.Errorf("config.yaml:\n%s", cfg)
	}
}

func TestRunLeavesNothingOnFailure(t *testing.T) {
	src := t.TempDir()
	parent := t.TempDir()
	dest := filepath.Join(parent, "new")
	f := &fake{cfg: &Config{}, docs: []*Doc{{Source: "a.md", Path: "content/articles/a.md", Front: map[string]any{}}}, fail: errors.New("boom")}
	if _, err := Run(src, dest, fakeReader(f), Options{}); err == nil || err.Error() != "boom" {
		t.Fatalf("got %v", err)
	}
	if names, _ := os.ReadDir(parent); len(names) != 0 {
		t.Errorf("left behind: %v", names)
	}
}

func TestDetect(t *testing.T) {
	yes := Reader{Name: "A", Detect: func(string) bool { return true }}
	no := Reader{Name: "B", Detect: func(string) bool { return false }}
	if r, err := Detect("s", []Reader{no, yes}); err != nil || r.Name != "A" {
		t.Errorf("got %v %v", r.Name, err)
	}
	_, err := Detect("s", []Reader{no})
	if want := "s is not a site folio can migrate: no configuration file of B found (hugo.toml, config.toml, _config.yml, eleventy.config.js…, a WordPress export .xml)"; err == nil || err.Error() != want {
		t.Errorf("got %v", err)
	}
	_, err = Detect("s", []Reader{yes, yes})
	if want := "s has the configuration files of several tools (A, A): migrate a copy holding only one"; err == nil || err.Error() != want {
		t.Errorf("got %v", err)
	}
}

// TestEncodeRoundTrip checks that what Encode writes reads back as the
// same values, whichever characters the text holds.
func TestEncodeRoundTrip(t *testing.T) {
	texts := []string{"plain text", "It’s Müller’s", "yes", "No", "null", "~", "12", "1e3", "2015-06-29 1:00:19 -0400",
		"a: b", "a #b", "ends:", "#x", "- x", "'q'", "\"dq\"", "{x}", "[x]", "*a", "&a", "!t", "%p", "@a", "`b`", "|", ">",
		" lead", "trail ", "", "tab\there", "line\nbreak", "back\\slash", "nel\u0085", "bom\ufeff", "ctl\x01", "日本語", "x,y", "a?b"}
	for _, s := range texts {
		front := map[string]any{"title": s, "tags": []string{s}, "list": []any{s, 3, true}, "n": 1.5, "params": map[string]any{"k": s}}
		data, err := Encode(front, nil)
		if err != nil {
			t.Fatal(err)
		}
		var back map[string]any
		if err := yaml.Unmarshal(bytes.TrimSuffix(bytes.TrimPrefix(data, []byte("---\n")), []byte("---\n")), &back); err != nil {
			t.Fatalf("%q: %v\n%s", s, err, data)
		}
		if back["title"] != s || back["tags"].([]any)[0] != s || back["list"].([]any)[0] != s || back["list"].([]any)[1] != 3 ||
			back["list"].([]any)[2] != true || back["n"] != 1.5 || back["params"].(map[string]any)["k"] != s {
			t.Errorf("%q came back as %#v from\n%s", s, back, data)
		}
	}
}

// TestHostRedirectsKeptAside: the site's own static/_redirects would be
// the same file as the one folio's build writes; it is kept aside,
// reported.
func TestHostRedirectsKeptAside(t *testing.T) {
	src := t.TempDir()
	os.MkdirAll(filepath.Join(src, "static"), 0o755)
	os.WriteFile(filepath.Join(src, "static", "_redirects"), []byte("/a /b 301\n"), 0o644)
	os.WriteFile(filepath.Join(src, "static", "x.css"), []byte("x"), 0o644)
	dest := filepath.Join(t.TempDir(), "new")
	rep, err := Run(src, dest, fakeReader(&fake{cfg: &Config{Title: "T"}}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dest, "_redirects.old")); err != nil || string(b) != "/a /b 301\n" {
		t.Errorf("_redirects.old: %q %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(dest, "static", "_redirects")); err == nil {
		t.Error("static/_redirects was copied")
	}
	items := rep.Items()["Host redirects kept aside"]
	if len(items) != 1 || items[0].String() != "static/_redirects: the site's own redirects file for the host: folio writes public/_redirects itself, from the redirects it knows; this one is kept as _redirects.old at the new site's root: add its lines to the host's configuration, or make them aliases" {
		t.Errorf("got %v", items)
	}
}

// TestBuiltFilesKeptAside: Ruby's site has index.html and robots.txt
// among its plain files; folio's build writes both, refused to build the
// migrated site for them, and they are now kept aside, reported. A file
// of the same name deeper down is copied.
func TestBuiltFilesKeptAside(t *testing.T) {
	src := t.TempDir()
	os.MkdirAll(filepath.Join(src, "static", "docs"), 0o755)
	for name, text := range map[string]string{"robots.txt": "User-agent: *\n", "index.html": "<html>home</html>", "docs/index.html": "<p>docs</p>"} {
		os.WriteFile(filepath.Join(src, "static", filepath.FromSlash(name)), []byte(text), 0o644)
	}
	dest := filepath.Join(t.TempDir(), "new")
	rep, err := Run(src, dest, fakeReader(&fake{cfg: &Config{Title: "T"}}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"robots.txt.old": "User-agent: *\n", "index.html.old": "<html>home</html>", "static/docs/index.html": "<p>docs</p>"} {
		if b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name))); err != nil || string(b) != want {
			t.Errorf("%s: %q %v", name, b, err)
		}
	}
	for _, name := range []string{"static/robots.txt", "static/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(name))); err == nil {
			t.Errorf("%s was copied", name)
		}
	}
	got := rep.Lines("Files folio writes itself, kept aside")
	want := "static/index.html: folio writes public/index.html itself (the home page): this one is kept as index.html.old at the new site's root, unpublished\n" +
		"static/robots.txt: folio writes public/robots.txt itself (with the address of its sitemap): this one is kept as robots.txt.old at the new site's root, unpublished"
	if strings.Join(got, "\n") != want {
		t.Errorf("report:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// The site's redirects no file carries, and a taxonomy's path, reach
// config.yaml (after the taxonomies) and the report's count.
func TestConfigRedirects(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "new")
	f := &fake{cfg: &Config{Title: "T",
		Taxonomies: []Taxonomy{{Name: "tags", Title: "Tags"}, {Name: "article", Title: "Articles", Singular: "Article", Path: "article-series"}},
		Redirects:  []Redirect{{From: "/news/", To: "/archive/"}, {From: "/authors/jdoe/", To: "/authors/"}},
		Params:     map[string]any{"x": 1}}}
	rep, err := Run(t.TempDir(), dest, fakeReader(f), Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := os.ReadFile(filepath.Join(dest, "config.yaml"))
	want := "title: T\ntaxonomies:\n  - name: tags\n    title: Tags\n  - name: article\n    title: Articles\n    singular: Article\n    path: article-series\n" +
		"redirects:\n  - from: /news/\n    to: /archive/\n  - from: /authors/jdoe/\n    to: /authors/\nparams:\n  x: 1\n"
	if !strings.HasSuffix(string(cfg), want) {
		t.Errorf("config.yaml:\n%s\nwant it to end:\n%s", cfg, want)
	}
	if n := rep.Counts[Redirects]; n != 2 {
		t.Errorf("%d redirects counted", n)
	}
}

// TestCopyFileStaysInDir: CopyFile copies a file of a folder outside the
// source site and follows a link only while it stays in that folder: a
// link to a file or through a folder outside it is refused, saying why.
// CheckCopy answers as CopyFile, without copying (a file already copied
// is CopyFile's own error).
func TestCopyFileStaysInDir(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "uploads")
	os.MkdirAll(filepath.Join(dir, "2016"), 0o755)
	os.MkdirAll(filepath.Join(root, "elsewhere"), 0o755)
	os.WriteFile(filepath.Join(dir, "2016", "a.jpg"), []byte("a"), 0o644)
	os.WriteFile(filepath.Join(root, "elsewhere", "b.jpg"), []byte("b"), 0o644)
	os.Symlink("a.jpg", filepath.Join(dir, "2016", "same.jpg"))
	os.Symlink(filepath.Join(root, "elsewhere", "b.jpg"), filepath.Join(dir, "2016", "out.jpg"))
	os.Symlink(filepath.Join(root, "elsewhere"), filepath.Join(dir, "2017"))
	dest := t.TempDir()
	sink, rep, err := NewWriter(root, dest, "Test")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ rel, want string }{
		{"2016/a.jpg", ""},
		{"2016/same.jpg", ""},
		{"2016/a.jpg", "static/2016/a.jpg: file exists"},
		{"2016/none.jpg", "2016/none.jpg: file does not exist"},
		{"2016/out.jpg", "2016/out.jpg: a link to a file outside " + dir + ", which the migration does not follow"},
		{"2017/b.jpg", "2017/b.jpg: a link to a file outside " + dir + ", which the migration does not follow"},
		{"../elsewhere/b.jpg", "../elsewhere/b.jpg: not a path inside " + dir},
	} {
		check := ""
		if err := CheckCopy(dir, c.rel); err != nil {
			check = err.Error()
		}
		if want := strings.TrimPrefix(c.want, "static/2016/a.jpg: file exists"); check != want {
			t.Errorf("%s: CheckCopy: %q, want %q", c.rel, check, want)
		}
		err := sink.CopyFile(dir, c.rel, "static/"+c.rel, Uploads)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.rel, got, c.want)
		}
	}
	for rel, want := range map[string]string{"static/2016/a.jpg": "a", "static/2016/same.jpg": "a"} {
		if b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(rel))); err != nil || string(b) != want {
			t.Errorf("%s: %q, %v", rel, b, err)
		}
	}
	for _, rel := range []string{"static/2016/out.jpg", "static/2017/b.jpg", "elsewhere/b.jpg"} {
		if _, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(rel))); err == nil {
			t.Errorf("%s was written", rel)
		}
	}
	if n := rep.Counts[Uploads]; n != 2 {
		t.Errorf("%d files counted, want 2", n)
	}
}

// TestRunNamesAsOneAtATime: Run writes documents on a goroutine of their
// own, and names them as the writer does one at a time, asking the file
// system: a taken name gets -2, -3…, a name a rename took too, a folder's
// name too, and names only the file system can compare (in another case,
// not ASCII) are asked of it.
func TestRunNamesAsOneAtATime(t *testing.T) {
	var docs []*Doc
	add := func(p string, i int) {
		docs = append(docs, &Doc{Source: "a.md", Path: p, Front: map[string]any{"title": fmt.Sprint("Doc ", i)}, Body: []byte(fmt.Sprint("Body ", i, "\n"))})
	}
	for i := range 30 {
		add("content/articles/2020/01/x.md", i)
	}
	add("content/articles/2020/01/x-3.md", 30)
	add("content/articles/2020/01/X.md", 31)
	add("content/articles/2020", 32)
	add("content/articles/café.md", 33)
	add("content/articles/café.md", 34)
	add("content/articles/2020/01/x.md", 35)
	clone := func() *fake {
		f := &fake{cfg: &Config{}}
		for _, d := range docs {
			f.docs = append(f.docs, &Doc{Source: d.Source, Path: d.Path, Front: maps.Clone(d.Front), Body: d.Body})
		}
		return f
	}
	one := t.TempDir()
	sink, rep, err := NewWriter(t.TempDir(), one, "Fake")
	if err != nil {
		t.Fatal(err)
	}
	if err := clone().Walk(sink); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "new")
	if _, err := Run(t.TempDir(), dest, fakeReader(clone()), Options{}); err != nil {
		t.Fatal(err)
	}
	want, got := readTree(t, filepath.Join(one, "content")), readTree(t, filepath.Join(dest, "content"))
	if !maps.Equal(got, want) {
		t.Errorf("written:\n%v\nwant:\n%v", got, want)
	}
	for _, name := range []string{"content/articles/2020/01/x-30.md", "content/articles/2020/01/x-3-2.md", "content/articles/2020/01/x-31.md", "content/articles/2020-2.md", "content/articles/café-2.md"} {
		if _, ok := got[name]; !ok {
			t.Errorf("%s not written", name)
		}
	}
	report, _ := os.ReadFile(filepath.Join(dest, "MIGRATION.md"))
	if n := strings.Count(string(report), "written as "); n != 33 || rep.Counts[Articles] != 36 {
		t.Errorf("%d renames reported:\n%s", n, report)
	}
}

// readTree reads every file under dir, by slash-separated path from
// dir's parent (content/…).
func readTree(t *testing.T, dir string) map[string]string {
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(filepath.Dir(dir), p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestLanguageNotATagRenamed: folio reads language as the page's own
// language tag and stops at anything else; a language field of another
// tool's theme (rOpenSci's use cases: language: [English]) is kept as
// languages, or language_of_text when that is taken, and reported; a
// tag stays.
func TestLanguageNotATagRenamed(t *testing.T) {
	dest := t.TempDir()
	sink, rep, err := NewWriter(t.TempDir(), dest, "Test")
	if err != nil {
		t.Fatal(err)
	}
	for i, front := range []map[string]any{
		{"title": "A", "language": []any{"English", "Spanish"}},
		{"title": "B", "language": "English"},
		{"title": "C", "language": "pt-BR"},
		{"title": "D", "language": []any{"R"}, "languages": "taken"},
	} {
		d := &Doc{Source: fmt.Sprintf("content/%c.md", 'a'+i), Path: fmt.Sprintf("content/pages/%c.md", 'a'+i), Front: front, Body: []byte("x\n")}
		if err := sink.Page(d); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range map[string]string{
		"a.md": "languages:\n  - English\n  - Spanish\n",
		"b.md": "languages: English\n",
		"c.md": "language: pt-BR\n",
		"d.md": "language_of_text:\n  - R\nlanguages: taken\n",
	} {
		b, err := os.ReadFile(filepath.Join(dest, "content/pages", name))
		if err != nil || !strings.Contains(string(b), want) {
			t.Errorf("%s:\n%s\nwant it to hold:\n%s", name, b, want)
		}
		if name != "c.md" && strings.Contains(string(b), "\nlanguage:") {
			t.Errorf("%s keeps language:\n%s", name, b)
		}
	}
	notes := rep.Items()["Fields renamed (folio reads them otherwise)"]
	if len(notes) != 3 || !strings.Contains(notes[0].String(), "language: [English, Spanish] is not a language tag") {
		t.Errorf("notes %v", notes)
	}
}

// TestCopyStaysInTheSite: a folder named outside the site (an old site's
// staticDir: ../secrets) is not copied, and said so.
func TestCopyStaysInTheSite(t *testing.T) {
	top := t.TempDir()
	root := filepath.Join(top, "site")
	os.MkdirAll(filepath.Join(top, "secrets"), 0o755)
	os.MkdirAll(root, 0o755)
	os.WriteFile(filepath.Join(top, "secrets", "id_rsa"), []byte("key"), 0o600)
	dest := t.TempDir()
	sink, rep, err := NewWriter(root, dest, "Test")
	if err != nil {
		t.Fatal(err)
	}
	if err := sink.Copy("../secrets", "static"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(filepath.Join(dest, "static", "id_rsa")); err == nil {
		t.Error("a file outside the site was copied")
	}
	if got := rep.Lines("Files not copied"); len(got) != 1 || !strings.Contains(got[0], "../secrets: outside the site") {
		t.Errorf("notes: %q", got)
	}
}
