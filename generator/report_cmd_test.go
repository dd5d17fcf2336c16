package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"folio/generator/sitetest"
)

// TestReport: report writes one page outside public/ with the archive in
// numbers, every warning grouped by kind with its file and line (two
// names that look like one side by side), the articles past their expiry
// date, and, the second time, what changed since the first; it writes
// no site.
func TestReport(t *testing.T) {
	t.Parallel()
	root := sitetest.Copy(t, "..")
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/articles/2010/01/links.md", "---\ntitle: Links\ndate: 2010-01-05\npeople: [John Smith]\n---\nSee [the gone one](/articles/gone/).\n")
	write("content/articles/2010/02/names.md", "---\ntitle: Names\ndate: 2010-02-05\npeople: [\"Smith, John\"]\n---\nText.\n")
	write("content/articles/2010/03/old.md", "---\ntitle: Old\ndate: 2010-03-05\nexpiryDate: 2011-01-01\n---\nText.\n")
	write("content/articles/2010/03/pic.md", "---\ntitle: Pic\ndate: 2010-03-06\n---\nText.\n\n![](/img/gone.jpg)\n")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"report", "-source", root}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	out := filepath.Join(root, ".folio-cache", "report.html")
	if want := "wrote the report of 23 articles and 3 warnings to "; !strings.HasPrefix(stdout.String(), want) || !strings.Contains(stdout.String(), "report.html") {
		t.Errorf("stdout %q, want it to begin %q", stdout.String(), want)
	}
	page := read(t, out)
	for _, want := range []string{
		`<li><strong>23</strong> articles</li>`,
		`<summary>Images without a text alternative: 1</summary>`,
		`<code>content/articles/2010/03/pic.md:7</code>: an image has no text alternative (line 7)`,
		`<summary>Broken links inside the site: 1</summary>`,
		`<code>content/articles/2010/01/links.md:6</code>: link to /articles/gone/: no page has this address</li>`,
		`<summary>Names that look like one: 1</summary>`,
		`&#34;Smith, John&#34; looks like &#34;John Smith&#34;`,
		`<summary>Past their expiry date, left out: 1</summary>`,
		`<li><code>content/articles/2010/03/old.md</code></li>`,
		`<li><span>2010</span> <span class="bar" aria-hidden="true"><span style="width: `,
		`This is the first report`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks\n%s", want)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "public")); !os.IsNotExist(err) {
		t.Errorf("report wrote a site: %v", err)
	}
	// Again, after an edit, an addition and a deletion.
	write("content/articles/2010/01/links.md", "---\ntitle: Links\ndate: 2010-01-05\npeople: [John Smith]\n---\nSee [the treaty](/articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/).\n")
	write("content/articles/2010/04/new.md", "---\ntitle: New\ndate: 2010-04-05\npeople: [Newcomer]\n---\nText.\n")
	for _, gone := range []string{"content/articles/2010/02/names.md", "content/articles/2010/03/pic.md"} {
		if err := os.Remove(filepath.Join(root, gone)); err != nil {
			t.Fatal(err)
		}
	}
	stdout.Reset()
	if code := run([]string{"report", "-source", root, "-o", filepath.Join(root, "keep", "r.html")}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	page = read(t, filepath.Join(root, "keep", "r.html"))
	for _, want := range []string{
		"<summary>Articles added: 1</summary>", "content/articles/2010/04/new.md",
		"<summary>Articles changed: 1</summary>", "<summary>Articles gone: 2</summary>",
		"<summary>New names: 1</summary>", "<li>Newcomer (people)</li>",
		"<p>The build warned of nothing.</p>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the second report lacks %s", want)
		}
	}
	if regexp.MustCompile(`[\x00-\x08\x0b\x0c\x0e-\x1f]`).MatchString(stdout.String()) {
		t.Error("control characters on the terminal")
	}
}

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReportStaysInTheSite: the report's folder, .folio-cache, is never
// followed out of the site: a link there to another folder is refused,
// and nothing is written through it.
func TestReportStaysInTheSite(t *testing.T) {
	t.Parallel()
	root := sitetest.Copy(t, "..")
	outside := t.TempDir()
	if err := os.RemoveAll(filepath.Join(root, ".folio-cache")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, ".folio-cache")); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"report", "-source", root}, &stdout, &stderr); code != 1 {
		t.Errorf("exit %d, want 1; stderr %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), ".folio-cache") {
		t.Errorf("the error does not name the folder: %s", stderr.String())
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("written through the link: %v", entries)
	}
}
