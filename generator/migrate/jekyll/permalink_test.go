package jekyll

import (
	"testing"
	"time"
)

func TestJekyllURL(t *testing.T) {
	d := doc{
		Date:       time.Date(2015, 3, 7, 9, 5, 0, 0, time.UTC),
		Slug:       "Hello World!",
		Categories: []string{"News", "Local", "news"},
		Collection: "posts",
		Path:       "_posts/2015-03-07-hello-world",
		Ext:        ".html",
	}
	for _, c := range []struct{ pattern, want string }{
		{"", "/news/local/2015/03/07/Hello-World!.html"},
		{"date", "/news/local/2015/03/07/Hello-World!.html"},
		{"pretty", "/news/local/2015/03/07/Hello-World!/"},
		{"ordinal", "/news/local/2015/066/Hello-World!.html"},
		{"weekdate", "/news/local/2015/W10/Sat/Hello-World!.html"},
		{"none", "/news/local/Hello-World!.html"},
		{"/:year/:i_month/:i_day/:slug", "/2015/3/7/hello-world"},
		{"/blog/:short_year/:month/:title/", "/blog/15/03/Hello-World!/"},
		{"/:categories/:title:output_ext", "/news/local/Hello-World!.html"},
		{"/:collection/:name/", "/posts/2015-03-07-hello-world/"},
		{"/:year/:hour-:minute/:slug.html", "/2015/09-05/hello-world.html"},
	} {
		if got := jekyllURL(c.pattern, d); got != c.want {
			t.Errorf("%q: got %s, want %s", c.pattern, got, c.want)
		}
	}
	d.Categories = nil
	if got := jekyllURL("date", d); got != "/2015/03/07/Hello-World!.html" {
		t.Errorf("no categories: got %s", got)
	}
}

func TestFolioPattern(t *testing.T) {
	for _, c := range []struct{ pattern, want string }{
		{"", "/:year/:month/:day/:slug/"},
		{"pretty", "/:year/:month/:day/:slug/"},
		{"none", "/:slug/"},
		{"/news/:year/:month/:day/:title/", "/news/:year/:month/:day/:slug/"},
		{"/blog/:year/:title", "/blog/:year/:slug/"},
		{"ordinal", ""},
		{"/:year/:i_month/:slug/", ""},
		{"/articles/:slug/", ""},
		{"/:year/", ""},
		{"/caf%C3%A9/:slug/", ""},
	} {
		got, ok := folioPattern(c.pattern)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("%q: got %q %v, want %q", c.pattern, got, ok, c.want)
		}
	}
}

func TestNewURL(t *testing.T) {
	for _, c := range []struct {
		old, want string
		redirect  bool
	}{
		{"/2015/03/07/x/", "/2015/03/07/x/", false},
		{"/2015/03/07/x.html", "/2015/03/07/x/", true},
		{"/blog/x", "/blog/x/", false},
		{"/blog/x/index.html", "/blog/x/", false},
	} {
		got, r := newURL(c.old)
		if got != c.want || r != c.redirect {
			t.Errorf("%s: got %s %v", c.old, got, r)
		}
	}
}
