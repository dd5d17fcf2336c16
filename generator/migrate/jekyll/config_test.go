package jekyll

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"folio/generator/migrate"
)

func TestConfigMapping(t *testing.T) {
	for _, c := range []struct {
		config                           string
		title, base, lang, tz, permalink string
	}{
		{"title: A\nurl: https://ex.org\nbaseurl: /blog/\ntimezone: America/New_York\npermalink: pretty\nlang: pt_BR\n",
			"A", "https://ex.org/blog/", "pt-BR", "America/New_York", "/:year/:month/:day/:slug/"},
		{"name: B\nbaseurl: /b\n", "B", "/b/", "", "UTC", "/:year/:month/:day/:slug/"},
		{"title: C\npermalink: /blog/:year/:title\n", "C", "", "", "UTC", "/blog/:year/:slug/"},
		{"title: D\npermalink: ordinal\n", "D", "", "", "UTC", ""},
		{"title: E\ncollections:\n  posts:\n    permalink: /news/:year/:month/:day/:title/\n    output: true\n", "E", "", "", "UTC", "/news/:year/:month/:day/:slug/"},
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "_config.yml"), []byte(c.config), 0o644)
		src, err := open(dir, migrate.Options{}, false)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := src.Config()
		if got.Title != c.title || got.BaseURL != c.base || got.Language != c.lang || got.Timezone != c.tz || got.Permalink != c.permalink {
			t.Errorf("%q:\ngot  %q %q %q %q %q\nwant %q %q %q %q %q", c.config, got.Title, got.BaseURL, got.Language, got.Timezone, got.Permalink,
				c.title, c.base, c.lang, c.tz, c.permalink)
		}
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "_config.yml"), []byte("timezone: Mars/Base\n"), 0o644)
	if _, err := open(dir, migrate.Options{}, false); err == nil || err.Error() != `_config.yml: timezone: "Mars/Base" is not a known time zone` {
		t.Errorf("got %v", err)
	}
}

func TestEleventyPermalink(t *testing.T) {
	date := time.Date(2016, 10, 11, 3, 0, 0, 0, time.UTC)
	vars := map[string]string{"page.fileSlug": "My-Post", "page.filePathStem": "/posts/2016-10-11-My-Post", "title": "Héllo World"}
	for _, c := range []struct{ tmpl, want, err string }{
		{"/{{ page.date | toDatePath }}/{{ page.fileSlug }}/", "/2016/10/11/My-Post/", ""},
		{`/blog/{{ page.date | date: "%Y/%m" }}/{{ title | slugify }}/`, "/blog/2016/10/hello-world/", ""},
		{"/{{ page.filePathStem }}/index.html", "//posts/2016-10-11-My-Post/index.html", ""},
		{"/{{ page.date | myFilter }}/x/", "", "the filter myFilter is not known"},
		{"/{{ collections.all }}/", "", "collections.all is not known"},
	} {
		got, err := evalPermalink(c.tmpl, vars, date)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%q: error %v, want %q", c.tmpl, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q: got %q %v, want %q", c.tmpl, got, err, c.want)
		}
	}
	for _, c := range []struct {
		js   string
		want any
	}{
		{"module.exports = {\n  layout: 'post.html',\n  permalink: '/{{ page.date | toDatePath }}/{{ page.fileSlug }}/',\n}", "/{{ page.date | toDatePath }}/{{ page.fileSlug }}/"},
		{"export default {\n\tpermalink: function({page}) {\n\t\treturn `/web/${ page.fileSlug }/`\n\t},\n}", "/web/{{ page.fileSlug }}/"},
		{"module.exports = { permalink: false }", false},
		{"module.exports = { layout: 'x' }", nil},
	} {
		got, _ := jsPermalink(c.js)
		if got != c.want {
			t.Errorf("%q: got %#v, want %#v", c.js, got, c.want)
		}
	}
}
