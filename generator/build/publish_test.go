package build_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"folio/generator/build"
	"folio/generator/config"
	"folio/generator/diag"
	"folio/generator/sitetest"
)

// Articles past their expiryDate were published anyway, silently (78% of
// one real Hugo archive). They are left out and counted, unless -expired;
// one with a publishDate to come is left out until then, unless -future;
// and the no-op check builds again when either moment comes.
func TestPublishAndExpiryDatesBound(t *testing.T) {
	root := copySite(t)
	// The clock's time: the no-op check compares it with the sources'.
	now := time.Now().UTC().Truncate(time.Second)
	at := func(d time.Duration) string { return now.Add(d).Format(time.RFC3339) }
	write(t, root, "content/articles/2024/07/expired.md", "---\ntitle: Expired\ndate: 2024-07-01\nexpiryDate: 2025-01-01\n---\n\nGone.\n")
	write(t, root, "content/articles/2024/07/expiring.md", "---\ntitle: Expiring\ndate: 2024-07-01\nexpirydate: "+at(30*time.Hour)+"\n---\n\nSoon gone.\n")
	write(t, root, "content/articles/2024/07/scheduled.md", "---\ntitle: Scheduled\ndate: 2024-07-01\npublishDate: "+at(20*time.Hour)+"\n---\n\nSoon here.\n")
	sitetest.Age(t, root)

	dest := filepath.Join(t.TempDir(), "public")
	built := func(opts build.Options) *build.Result {
		t.Helper()
		opts.Source, opts.Dest = root, dest
		res, err := build.Run(opts)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	page := func(slug string) bool {
		_, err := os.Stat(filepath.Join(dest, "articles", slug, "index.html"))
		return err == nil
	}
	res := built(build.Options{Now: now})
	if res.Expired != 1 || res.Future != 1 || page("expired") || page("scheduled") || !page("expiring") {
		t.Errorf("expired %d, future %d; pages: expired %v, scheduled %v, expiring %v",
			res.Expired, res.Future, page("expired"), page("scheduled"), page("expiring"))
	}
	want := "content/articles/2024/07/scheduled.md:4: warning: publishDate: " + now.Add(20*time.Hour).In(zone(t, root)).Format("2006-01-02 15:04") +
		" is in the future: the article is left out until then (build with -future to include it)"
	if !slices.ContainsFunc(res.Warnings, func(p *diag.Problem) bool { return p.Error() == want }) {
		t.Errorf("warnings %v lack %q", res.Warnings, want)
	}
	if res := built(build.Options{Now: now.Add(time.Hour)}); !res.UpToDate {
		t.Error("nothing came due, yet the site was built again")
	}
	// The publish date comes: built again, with the article.
	if res := built(build.Options{Now: now.Add(22 * time.Hour)}); res.UpToDate || !page("scheduled") {
		t.Errorf("after the publish date: up to date %v, page %v", res.UpToDate, page("scheduled"))
	}
	// The expiry date comes: built again, without the article.
	if res := built(build.Options{Now: now.Add(32 * time.Hour)}); res.UpToDate || page("expiring") || res.Expired != 2 {
		t.Errorf("after the expiry date: up to date %v, page %v, expired %d", res.UpToDate, page("expiring"), res.Expired)
	}
	// -expired and -future take them all in.
	if res := built(build.Options{Now: now, Expired: true, Future: true}); res.Expired != 0 || res.Future != 0 || !page("expired") || !page("scheduled") {
		t.Errorf("with -expired -future: expired %d, future %d", res.Expired, res.Future)
	}
}

// zone is the time zone of the site at root.
func zone(t *testing.T, root string) *time.Location {
	t.Helper()
	cfg, err := config.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	return cfg.Location
}
