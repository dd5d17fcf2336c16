package build_test

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"folio/generator/build"
	"folio/generator/diag"
	"folio/generator/sitetest"
)

// TestPermalinksNeverChange: the build records the address each article
// is published at in content/permalinks.tsv; when an article's URL
// changes (a new slug), its old address redirects to the new one, on
// this build and on a build of a fresh copy of the site (CI's clone)
// that has only the record; a page that later takes the old address
// keeps it; a preview build (-drafts) records nothing; a damaged line is
// a warning naming it.
func TestPermalinksNeverChange(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	const name = "content/articles/2010/01/talks.md"
	write(t, root, name, "---\ntitle: Talks\ndate: 2010-01-05\n---\nText.\n")
	dest := filepath.Join(t.TempDir(), "public")
	built := func(root, dest string, opts build.Options) *build.Result {
		t.Helper()
		opts.Source, opts.Dest = root, dest
		res, err := build.Run(opts)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	built(root, dest, build.Options{})
	record := readOut(t, root, "content/permalinks.tsv")
	if !strings.Contains(record, name+"\t/articles/talks/\n") || !strings.HasPrefix(record, "# ") {
		t.Fatalf("the record lacks the article:\n%s", record)
	}
	write(t, root, name, "---\ntitle: Talks\ndate: 2010-01-05\nslug: talks-resume\n---\nText.\n")
	sitetest.Age(t, root)
	built(root, dest, build.Options{})
	redirect := readOut(t, dest, "articles/talks/index.html")
	if !strings.Contains(redirect, `<meta http-equiv="refresh" content="0; url=../talks-resume/">`) {
		t.Errorf("the old address does not redirect to the new one:\n%s", redirect)
	}
	if !strings.Contains(readOut(t, dest, "_redirects"), "/articles/talks/ /articles/talks-resume/ 301") {
		t.Error("the host's redirect file lacks the old address")
	}
	if record := readOut(t, root, "content/permalinks.tsv"); !strings.Contains(record, name+"\t/articles/talks/\n"+name+"\t/articles/talks-resume/\n") {
		t.Errorf("the record lacks the new address after the old:\n%s", record)
	}
	// A fresh copy with the record, as CI clones it: the redirect stays.
	fresh := sitetest.Copy(t, root)
	freshDest := filepath.Join(t.TempDir(), "public")
	built(fresh, freshDest, build.Options{})
	if !strings.Contains(readOut(t, freshDest, "articles/talks/index.html"), "url=../talks-resume/") {
		t.Error("a fresh copy of the site lost the old address")
	}
	// Another article takes the old address: its page, not the redirect.
	write(t, root, "content/articles/2011/01/talks.md", "---\ntitle: Other talks\ndate: 2011-01-05\n---\nOther.\n")
	built(root, dest, build.Options{})
	if page := readOut(t, dest, "articles/talks/index.html"); !strings.Contains(page, "<h1>Other talks</h1>") {
		t.Error("the old address is not the page that took it")
	}
	// A preview records nothing.
	write(t, root, "content/articles/2012/01/draft.md", "---\ntitle: Draft\ndate: 2012-01-05\ndraft: true\n---\nText.\n")
	built(root, filepath.Join(t.TempDir(), "preview"), build.Options{Drafts: true})
	if strings.Contains(readOut(t, root, "content/permalinks.tsv"), "draft.md") {
		t.Error("a build with -drafts recorded a draft's address")
	}
	// A damaged line.
	rec := readOut(t, root, "content/permalinks.tsv")
	write(t, root, "content/permalinks.tsv", rec+"no tab here\n")
	res := built(root, dest, build.Options{Force: true})
	n := strings.Count(rec, "\n") + 1
	want := "content/permalinks.tsv:" + strconv.Itoa(n) + `: warning: not a file and an address apart by a tab: "no tab here" (dropped)`
	if !slices.ContainsFunc(res.Warnings, func(p *diag.Problem) bool { return p.Error() == want }) {
		t.Errorf("warnings %v lack %s", res.Warnings, want)
	}
	if _, err := os.Stat(filepath.Join(root, "content", "permalinks.tsv")); err != nil {
		t.Fatal(err)
	}
}
