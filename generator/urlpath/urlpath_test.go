package urlpath

import (
	"strings"
	"testing"
)

// The expected slugs are the folders Hugo 0.165 wrote for the same
// slug: fields (permalinks posts = "/:year/:month/:day/:slug/").
func TestSlug(t *testing.T) {
	long := "this-is-a-very-long-slug-that-goes-on-and-on-well-past-eighty-characters-in-length-really-it-does"
	for _, tc := range []struct{ in, want, err string }{
		{in: long, want: long},
		{in: "My Story: Part 2?", want: "my-story-part-2"},
		{in: "  Lead  Trail  ", want: "lead-trail"},
		{in: "a+b", want: "a-b"},
		{in: "e%41f", want: "eaf"},
		{in: "O’Brien (2) — «x» 京都", want: "obrien-2-x-京都"},
		{in: "x=y&z;w,v", want: "xyzwv"},
		{in: "what is ... this!", want: "what-is-...-this"},
		{in: "ÉtÉ naïve", want: "été-naïve"},
		{in: "a - b", want: "a-b"},
		{in: "a/b", err: "holds a / or \\, which would split it into folders: a slug is one segment of the URL (to give the whole path, use url:)"},
		{in: `a\b`, err: "holds a / or \\, which would split it into folders: a slug is one segment of the URL (to give the whole path, use url:)"},
		{in: "c#d", err: "holds a #, which would end the URL's path: browsers take what follows for a place in the page"},
		{in: "50%", err: "holds a % that does not start an escape such as %20: write the character itself"},
		{in: "a%2Fb", err: "holds an escape (%2F, %23, %00…) of a character a slug cannot have"},
		{in: "a\x01b", err: "holds a control character: remove it"},
		{in: "a\ufffdb", err: "holds a control character: remove it"},
		{in: "?!", err: "has no letters or digits to make a URL from"},
		{in: "..", err: `would be the path segment "..", which means this folder or the one above it`},
		{in: strings.Repeat("x", 256), err: "is 256 bytes long: a folder name can have at most 255"},
		{in: " . ", err: `would be the path segment ".", which means this folder or the one above it`},
	} {
		got, err := Slug(tc.in)
		if tc.err == "" && (err != nil || got != tc.want) {
			t.Errorf("Slug(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
		if tc.err != "" && (err == nil || err.Error() != tc.err) {
			t.Errorf("Slug(%q) = %q, %v; want the error %q", tc.in, got, err, tc.err)
		}
	}
}

func TestPageAndAlias(t *testing.T) {
	for _, tc := range []struct {
		in               string
		page, alias      string
		pageErr, aliasOK string
	}{
		{in: "/news/2015/06/foo/", page: "/news/2015/06/foo/", alias: "/news/2015/06/foo/"},
		{in: "/news/old-style.html", page: "/news/old-style.html", alias: "/news/old-style.html"},
		{in: "/news/noslash", page: "/news/noslash/", alias: "/news/noslash"},
		{in: "/News/Foo Bar/", page: "/News/Foo Bar/", alias: "/News/Foo Bar/"},
		{in: "/caf%C3%A9/", page: "/café/", alias: "/café/"},
		{in: "old-name", pageErr: "must start with /: write the whole path from the site's root, such as /news/2015/06/some-title/", alias: "old-name"},
	} {
		if got, err := Page(tc.in); tc.pageErr == "" && (err != nil || got != tc.page) || tc.pageErr != "" && (err == nil || err.Error() != tc.pageErr) {
			t.Errorf("Page(%q) = %q, %v; want %q, %q", tc.in, got, err, tc.page, tc.pageErr)
		}
		if got, err := Alias(tc.in); err != nil || got != tc.alias {
			t.Errorf("Alias(%q) = %q, %v; want %q", tc.in, got, err, tc.alias)
		}
	}
	for _, tc := range []struct{ in, err string }{
		{"", "is empty"},
		{"/", "is the home page's path: a redirect there would hide the home page"},
		{"https://example.org/old/", "is an address on a host, not a path: write the path from the site's root, such as /news/some-title/"},
		{"javascript:alert(1)", "is an address on a host, not a path: write the path from the site's root, such as /news/some-title/"},
		{"//evil.example/x", "is an address on a host, not a path: write the path from the site's root, such as /news/some-title/"},
		{"/a/../../etc/", "has a . or .. segment, which would lead out of the folder it names: write the path without it"},
		{"/a/./b/", "has a . or .. segment, which would lead out of the folder it names: write the path without it"},
		{"/a//b/", "has an empty segment (//)"},
		{`/a\b/`, "holds a \\: separate folders with /"},
		{"/a?p=1", "holds a ? or #, which end a URL's path: a page cannot be written at a query or a place in a page"},
		{"/a#top", "holds a ? or #, which end a URL's path: a page cannot be written at a query or a place in a page"},
		{"/100%/", "holds a % that does not start an escape such as %20: write the character itself"},
		{"/a%2F..%2Fb/", "holds an escape (%2F, %3F, %00…) of a character a path cannot have"},
		{"/a\x1b[31m/", "holds a control character: remove it"},
		{"/a/" + strings.Repeat("x", 256) + ".html", "has a segment of 261 bytes: a file or folder name can have at most 255"},
	} {
		if got, err := Alias(tc.in); err == nil || err.Error() != tc.err {
			t.Errorf("Alias(%q) = %q, %v; want the error %q", tc.in, got, err, tc.err)
		}
	}
}

func TestResolveAliasFileEscape(t *testing.T) {
	// Hugo writes a relative alias in the page's folder.
	if got := ResolveAlias("relative-alias", "/2015/06/29/g/"); got != "/2015/06/29/relative-alias" {
		t.Errorf("ResolveAlias = %q", got)
	}
	if got := ResolveAlias("old.html", "/news/new.html"); got != "/news/old.html" {
		t.Errorf("ResolveAlias = %q", got)
	}
	for in, want := range map[string]string{"/a/": "a/index.html", "/a.html": "a.html", "/old.php/": "old.php/index.html"} {
		if got := File(in); got != want {
			t.Errorf("File(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"/a/b/": "/a/b/", "/café bar/": "/caf%C3%A9%20bar/", "/a\"b/": "/a%22b/"} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTarget: a redirect may lead to a file, such as an old feed's to the
// new one, as well as to a page.
func TestTarget(t *testing.T) {
	for in, want := range map[string]string{
		"/index.xml":             "/index.xml",
		"/topics/news/index.xml": "/topics/news/index.xml",
		"/files/Report 2.PDF":    "/files/Report 2.PDF",
		"/news/old-style.html":   "/news/old-style.html",
		"/archive":               "/archive/",
		"/archive/":              "/archive/",
		"/docs/v1.2":             "/docs/v1.2/",
		"/docs/x.tar.gz":         "/docs/x.tar.gz",
		"/a.b/":                  "/a.b/",
		"/.well-known":           "/.well-known/",
		"/a.toolongext":          "/a.toolongext/",
	} {
		if got, err := Target(in); err != nil || got != want {
			t.Errorf("Target(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := Target("/"); err == nil {
		t.Error("Target(/) is taken")
	}
}
