package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"folio/generator/build"
)

// staticHost serves a built site as GitHub Pages or S3 do: files as
// they are, and 404.html, with status 404, for any path that is none.
func staticHost(dest string) http.Handler {
	files := http.FileServer(http.Dir(dest))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Join(dest, filepath.FromSlash(r.URL.Path))
		if strings.HasSuffix(r.URL.Path, "/") {
			p = filepath.Join(p, "index.html")
		}
		if _, err := os.Stat(p); err != nil {
			b, _ := os.ReadFile(filepath.Join(dest, "404.html"))
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(b)
			return
		}
		files.ServeHTTP(w, r)
	})
}

// TestBrowserQueryRedirects follows old addresses with a query (an
// article's alias /?p=12, config's /index.php?page_id=7) in chromium on
// a host that knows nothing of redirects: the home page's script and the
// 404 page's send the reader on; an address the map does not have stays
// where it is.
func TestBrowserQueryRedirects(t *testing.T) {
	ctx := browser(t)
	root := copyExample(t)
	replaceIn(t, root, "content/articles/2023/05/a-short-history-of-the-moscow-washington-hotline.md",
		"topics: [Diplomacy]", "topics: [Diplomacy]\naliases: [\"/?p=12\"]")
	// Enough addresses for the map to have several shards.
	var more strings.Builder
	for id := 1000; id < 1600; id++ {
		fmt.Fprintf(&more, "  - {from: \"/?p=%d\", to: /%d/}\n", id, 2019+id%8)
	}
	replaceIn(t, root, "config.yaml", "baseURL:", "redirects:\n  - from: /index.php?page_id=7\n    to: /archive/\n"+more.String()+"baseURL:")
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest, Fingerprint: true}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(staticHost(dest))
	defer srv.Close()

	for _, c := range []struct{ from, want string }{
		{"/?p=12", "/articles/a-short-history-of-the-moscow-washington-hotline/"},
		{"/?utm_source=feed&p=12#top", "/articles/a-short-history-of-the-moscow-washington-hotline/#top"},
		{"/index.php?page_id=7", "/archive/"},
		{"/?p=1234", "/2021/"},
		{"/?p=1599", "/2026/"},
	} {
		if _, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+c.from)); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, c.from+" to lead to "+c.want, `location.pathname + location.hash === "`+c.want+`"`)
	}

	// An id the map lacks: the script reads its shard and leaves the
	// home page as it is.
	if _, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/?p=13")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the script to read a shard of the map", `performance.getEntriesByType("resource").some((e) => /query-redirects\/\d+\.json$/.test(e.name))`)
	where, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.search + " " + document.body.className`))
	if err != nil {
		t.Fatal(err)
	}
	if where != "/?p=13 kind-home" {
		t.Errorf("/?p=13, which no page had, led to %q", where)
	}
}
