package hugo

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func write(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadConfig(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		check func(t *testing.T, c *siteConfig)
	}{
		{"toml, Hugo's default taxonomies", map[string]string{"hugo.toml": "Title = 'A &amp; B'\nbaseurl = 'https://x.org/'\nlanguageCode = 'fr-fr'\ntimeZone = 'Europe/Paris'\npaginate = 7\n[permalinks]\nnews = '/:year/:slug/'\n[params]\nLogo = 'x.png'\n"},
			func(t *testing.T, c *siteConfig) {
				want := siteConfig{File: "hugo.toml", Title: "A & B", BaseURL: "https://x.org/", LanguageCode: "fr-fr", TimeZone: "Europe/Paris", Paginate: 7,
					Taxonomies: [][2]string{{"category", "categories"}, {"tag", "tags"}},
					URLs:       urlRules{Permalinks: map[string]string{"news": "/:year/:slug/"}},
					Params:     map[string]any{"Logo": "x.png"}, ContentDir: "content", StaticDirs: []string{"static"}, DataDir: "data", AssetDir: "assets", DefaultLanguage: "en", RefNotFound: "#"}
				if !reflect.DeepEqual(*c, want) {
					t.Errorf("got  %+v\nwant %+v", *c, want)
				}
			}},
		{"yaml, an empty taxonomies map means none", map[string]string{"config.yaml": "title: T\ntaxonomies: {}\n"},
			func(t *testing.T, c *siteConfig) {
				if c.File != "config.yaml" || len(c.Taxonomies) != 0 {
					t.Errorf("got %s %v", c.File, c.Taxonomies)
				}
			}},
		{"json, permalinks.page, pagination.pagerSize, languages", map[string]string{"hugo.json": `{"title": "J", "taxonomies": {"author": "authors"}, "permalinks": {"page": {"blog": "/b/:slug/"}}, "pagination": {"pagerSize": 9}, "defaultContentLanguage": "en", "languages": {"en": {}, "fr": {}}}`},
			func(t *testing.T, c *siteConfig) {
				if c.Title != "J" || c.Paginate != 9 || c.URLs.Permalinks["blog"] != "/b/:slug/" || !reflect.DeepEqual(c.Taxonomies, [][2]string{{"author", "authors"}}) || !reflect.DeepEqual(c.Languages, []string{"fr"}) {
					t.Errorf("got %+v", c)
				}
			}},
		{"config/_default merged under the root file", map[string]string{
			"config/_default/hugo.toml":       "title = 'from dir'\nbaseURL = '/dir/'\n",
			"config/_default/params.yaml":     "color: red\n",
			"config/_default/taxonomies.toml": "tag = 'tags'\n",
			"hugo.toml":                       "title = 'root wins'\n[params]\nsize = 2\n"},
			func(t *testing.T, c *siteConfig) {
				if c.Title != "root wins" || c.BaseURL != "/dir/" || !reflect.DeepEqual(c.Params, map[string]any{"color": "red", "size": int64(2)}) || !reflect.DeepEqual(c.Taxonomies, [][2]string{{"tag", "tags"}}) {
					t.Errorf("got %+v", c)
				}
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			root := t.TempDir()
			write(t, root, c.files)
			if !Detect(root) {
				t.Fatal("not detected as Hugo")
			}
			cfg, err := readConfig(root)
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, cfg)
		})
	}
	root := t.TempDir()
	write(t, root, map[string]string{"hugo.toml": "title = \n"})
	if _, err := readConfig(root); err == nil || !strings.HasPrefix(err.Error(), "hugo.toml: toml: line 1") {
		t.Errorf("bad TOML: got %v", err)
	}
}

func TestSplitFrontMatter(t *testing.T) {
	for _, c := range []struct {
		name, src string
		keys      []string
		lines     []int
		title     string
		date      string
		body      string
		bodyLine  int
		repeated  []string
		err       string
	}{
		{name: "yaml", src: "---\ntitle: A\ndate: 2012-02-22 15:09:51 -0400\ntags: [x]\n---\nBody\n", keys: []string{"title", "date", "tags"}, lines: []int{2, 3, 4}, title: "A", date: "2012-02-22 15:09:51 -0400", body: "Body\n", bodyLine: 6},
		{name: "yaml timestamp kept as written", src: "---\ndate: 2015-06-29T01:00:19Z\n---\n", keys: []string{"date"}, lines: []int{2}, date: "2015-06-29T01:00:19Z", bodyLine: 4},
		{name: "yaml repeated key: the last wins", src: "---\ntitle: Old\nTitle: New\n---\n", keys: []string{"Title"}, lines: []int{3}, title: "New", repeated: []string{"Title"}, bodyLine: 5},
		{name: "toml", src: "+++\ntitle = \"T\"\ndate = 2015-06-30T23:30:00-07:00\n[params]\nx = 1\n+++\nB", keys: []string{"title", "date", "params"}, lines: []int{2, 3, 4}, title: "T", date: "2015-06-30T23:30:00-07:00", body: "B", bodyLine: 7},
		{name: "toml local date", src: "+++\ndate = 2015-06-30\n+++\n", keys: []string{"date"}, lines: []int{2}, date: "2015-06-30", bodyLine: 4},
		{name: "json, repeated key", src: "{\n\"title\": \"J\",\n\"title\": \"K\",\n\"date\": \"2016-01-05\"\n}\nBody", keys: []string{"title", "date"}, lines: []int{3, 4}, title: "K", date: "2016-01-05", body: "Body", bodyLine: 6, repeated: []string{"title"}},
		{name: "none", src: "Just text", body: "Just text", bodyLine: 1},
		{name: "blank lines before", src: "\n  \n---\ntitle: A\ntitle: B\n---\nBody\n", keys: []string{"title"}, lines: []int{5}, title: "B", repeated: []string{"title"}, body: "Body\n", bodyLine: 7},
		{name: "unclosed", src: "---\ntitle: A\n", err: "the front matter opened by --- on line 1 is never closed"},
		{name: "bad yaml", src: "---\ntitle: [\n---\n", err: "YAML front matter: line 2: did not find expected node content"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fm, body, bodyLine, err := split([]byte(c.src))
			if c.err != "" {
				if err == nil || err.Error() != c.err {
					t.Fatalf("got %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var keys, repeated []string
			var lines []int
			for _, f := range fm.fields {
				keys, lines = append(keys, f.Key), append(lines, f.Line)
			}
			for _, f := range fm.repeated {
				repeated = append(repeated, f.Key)
			}
			if !slices.Equal(keys, c.keys) || !slices.Equal(lines, c.lines) || fm.str("title") != c.title || fm.str("date") != c.date ||
				string(body) != c.body || bodyLine != c.bodyLine || !slices.Equal(repeated, c.repeated) {
				t.Errorf("got keys %v lines %v title %q date %q body %q at %d repeated %v", keys, lines, fm.str("title"), fm.str("date"), body, bodyLine, repeated)
			}
		})
	}
}

func TestURLs(t *testing.T) {
	d := func(s string) time.Time {
		t, _, ok := parseDate(s, time.UTC)
		if !ok {
			panic(s)
		}
		return t
	}
	rules := urlRules{Permalinks: map[string]string{"news": "/news/:year/:month/:slug/", "blog": ":section/:filename", "posts": "/:year/:month/:day/:title/"}}
	for _, c := range []struct {
		p       pageInfo
		rules   urlRules
		old     string
		pattern string // the folio pattern templatize finds; "" none
	}{
		{pageInfo{Rel: "news/2015/06/a.md", Title: "Its Title", Date: d("2015-06-29 1:00:19 -0400")}, rules, "/news/2015/06/its-title/", "/news/:year/:month/:slug/"},
		{pageInfo{Rel: "news/2015/06/a.md", Title: "T", Slug: "My Slug", Date: d("2015-06-30T23:30:00-07:00")}, rules, "/news/2015/06/my-slug/", "/news/:year/:month/:slug/"},
		{pageInfo{Rel: "blog/x/index.md", Title: "T", Date: d("2016-01-05")}, rules, "/blog/x/", "/blog/:slug/"},
		{pageInfo{Rel: "posts/p.md", Title: "Café, Crème & Co", Date: d("2016-01-05")}, rules, "/2016/01/05/café-crème-co/", ""},
		{pageInfo{Rel: "other/Sub Dir/Page One.md", Date: d("2016-01-05")}, rules, "/other/sub-dir/page-one/", "/other/sub-dir/:slug/"},
		{pageInfo{Rel: "other/x.md", URL: "special/path/", Date: d("2016-01-05")}, rules, "/special/path/", "/special/:slug/"},
		{pageInfo{Rel: "other/x.md", Date: d("2016-01-05")}, urlRules{UglyURLs: true}, "/other/x.html", ""},
		{pageInfo{Rel: "other/X.md", Date: d("2016-01-05")}, urlRules{KeepCase: true}, "/other/X/", ""},
	} {
		old := c.rules.hugoURL(c.p)
		pattern, _ := templatize(old, c.p.Date)
		if old != c.old || pattern != c.pattern {
			t.Errorf("%+v: got %q %q, want %q %q", c.p, old, pattern, c.old, c.pattern)
		}
	}
	// folio computes the day in the site's zone, Hugo in the date's own:
	// the same article can land in another month.
	date := d("2015-06-30T23:30:00-07:00")
	ny, _ := time.LoadLocation("America/New_York")
	if got := folioURL("/news/:year/:month/:slug/", "my-slug", date.In(ny)); got != "/news/2015/07/my-slug/" {
		t.Errorf("folio URL: %s", got)
	}
}

func TestParseDate(t *testing.T) {
	for _, c := range []struct {
		in        string
		want      string
		asWritten bool
	}{
		{"2012-02-22 15:09:51 -0400", "2012-02-22T15:09:51-04:00", true},
		{"2015-06-29 1:00:19 -4", "2015-06-29T01:00:19-04:00", true},
		{"2015-06-29", "2015-06-29T00:00:00Z", true},
		{"Mon, 02 Jan 2006 15:04:05 -0700", "2006-01-02T15:04:05-07:00", false},
		{"January 2, 2006", "2006-01-02T00:00:00Z", false},
	} {
		got, asWritten, ok := parseDate(c.in, time.UTC)
		if !ok || got.Format(time.RFC3339) != c.want || asWritten != c.asWritten {
			t.Errorf("%q: got %s %v %v", c.in, got.Format(time.RFC3339), asWritten, ok)
		}
	}
	if _, _, ok := parseDate("2015-02-30", time.UTC); ok {
		t.Error("30 February read as a date")
	}
}

func TestCheckShortcode(t *testing.T) {
	for _, c := range []struct {
		text     string
		blockers []string
		line     int
	}{
		{`<b>{{ .Get 0 }}{{ .Get "x" }}{{ .Inner }}</b>`, nil, 0},
		{`{{ with .Site.Params.logo }}<img src="{{ . | relURL }}">{{ end }}{{ range .Site.Data.people }}{{ .name }}{{ end }}`, nil, 0},
		{`{{ $.Page.Params.author }} {{ .Page.Title }} {{ printf "%s" (.Get 1) | safeHTML }}{{ index .Params 0 }}`, nil, 0},
		{"{{ .Get 0 }}\n{{ with .Page.Resources.GetMatch (.Get 0) }}{{ .RelPermalink }}{{ end }}", []string{".Page.Resources.GetMatch"}, 2},
		// What folio offers: the shortcode package's functions, the
		// layouts', partials, Hugo's ref functions, resources.Get, path.*,
		// the shortcode's and the page's scratch pads.
		{"{{ partial \"x\" . }}{{ $i := resources.Get \"a.png\" }}{{ .Scratch.Set \"a\" 1 }}{{ .Page.Scratch.Add \"n\" 1 }}{{ .Page.Store.Get \"n\" }}{{ .Parent.Scratch.Get \"a\" }}", nil, 0},
		{`{{ replaceRE "a" "b" (.Get 0) | md5 }}{{ path.Base (.Get 0) }}{{ strings.Contains "ab" "a" }}{{ range shuffle (append (slice 1) 2) }}{{ . }}{{ end }}{{ relref . "x.md" }}{{ date .Page.Date }}{{ partialCached "y" . }}`, nil, 0},
		// What it does not: other namespaces' functions, the site's pages.
		{"{{ strings.Nope 1 }}\n{{ range .Site.Pages }}{{ end }}{{ .Site.GetPage \"/x\" }}{{ keyVals \"a\" 1 }}{{ .Scratch.Values }}", []string{".Scratch.Values", ".Site.GetPage", ".Site.Pages", "keyVals", "strings.Nope"}, 1},
		{`{{ with .Page }}{{ .Resources }}{{ end }}`, []string{".Page.Resources"}, 1},
		{`{{ define "x" }}y{{ end }}{{ template "x" }}`, []string{"define", "template"}, 1},
	} {
		blockers, line, err := checkShortcode("s", c.text)
		if err != nil || !slices.Equal(blockers, c.blockers) || line != c.line {
			t.Errorf("%s: got %v at line %d (%v), want %v at %d", c.text, blockers, line, err, c.blockers, c.line)
		}
	}
	if _, _, err := checkShortcode("s", "{{ if }}"); err == nil || err.Error() != "template: s:1: missing value for if" {
		t.Errorf("got %v", err)
	}
}
