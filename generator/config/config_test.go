package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"folio/generator/diag"
)

// checkDefaults asserts every default of a config read from no file.
func checkDefaults(t *testing.T, c *Config) {
	t.Helper()
	if c.Title != "Archive" || c.Description != "" || c.BaseURL != "/" || c.Language != "en" ||
		c.Timezone != "UTC" || c.Paginate != 20 || c.DateFormat != "2 January 2006" {
		t.Errorf("scalar defaults: got title %q, description %q, baseURL %q, language %q, timezone %q, paginate %d, dateFormat %q",
			c.Title, c.Description, c.BaseURL, c.Language, c.Timezone, c.Paginate, c.DateFormat)
	}
	if c.Location == nil || c.Location.String() != "UTC" {
		t.Errorf("Location = %v, want UTC", c.Location)
	}
	if want := map[string]string{"articles": "/articles/:slug/"}; !reflect.DeepEqual(c.Permalinks, want) {
		t.Errorf("Permalinks = %v, want %v", c.Permalinks, want)
	}
	want := []Taxonomy{
		{Name: "people", Path: "people", Title: "People", Singular: "Person"},
		{Name: "places", Path: "places", Title: "Places", Singular: "Place"},
		{Name: "topics", Path: "topics", Title: "Topics", Singular: "Topic"},
		{Name: "authors", Path: "authors", Title: "Authors", Singular: "Author"},
	}
	if !reflect.DeepEqual(c.Taxonomies, want) {
		t.Errorf("Taxonomies = %+v, want %+v", c.Taxonomies, want)
	}
	if c.Markdown.Unsafe {
		t.Error("Markdown.Unsafe is on by default")
	}
	if c.Markdown.Typographer == nil || !*c.Markdown.Typographer {
		t.Error("Markdown.Typographer is not on by default")
	}
	if c.Params == nil || len(c.Params) != 0 {
		t.Errorf("Params = %#v, want an empty map", c.Params)
	}
}

func TestLoadWithoutFileGivesDefaults(t *testing.T) {
	c, err := Load(t.TempDir())
	if err != nil {
		t.Fatalf("Load(empty dir): %v", err)
	}
	checkDefaults(t, c)
}

func TestDefault(t *testing.T) {
	checkDefaults(t, Default())
	// Each call returns its own config: changing one leaves the next alone.
	a := Default()
	a.Permalinks["articles"] = "/x/:slug/"
	a.Taxonomies[0].Name = "changed"
	a.Params["k"] = 1
	checkDefaults(t, Default())
}

func TestEmptyAndCommentOnlyFilesGiveDefaults(t *testing.T) {
	for _, src := range []string{"", "\n\n", "# only a comment\n", "---\n"} {
		c, err := Parse(FileName, []byte(src))
		if err != nil {
			t.Errorf("Parse(%q): %v", src, err)
			continue
		}
		checkDefaults(t, c)
	}
}

const fullConfig = `# A full configuration.
title: The Dispatch Archive
description: Explainers and interviews.
baseURL: https://archive.example.org/dispatch
language: pl
timezone: Europe/Warsaw
paginate: 10
dateFormat: 02.01.2006
permalinks:
  articles: /:year/:month/:day/:slug/
taxonomies:
  - name: people
    title: People
    singular: Person
  - name: places
    path: where
  - name: topics-and-themes
    title: Themes
markdown:
  unsafe: true
  typographer: false
params:
  editor: Jane Doe
  issues: 12
  links: [a, b]
`

func TestLoadFullFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(fullConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(dir)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if c.Title != "The Dispatch Archive" || c.Description != "Explainers and interviews." ||
		c.Language != "pl" || c.Timezone != "Europe/Warsaw" || c.Paginate != 10 || c.DateFormat != "02.01.2006" {
		t.Errorf("scalars: %+v", c)
	}
	if c.BaseURL != "https://archive.example.org/dispatch/" {
		t.Errorf("BaseURL = %q, want a trailing slash added", c.BaseURL)
	}
	if c.Location == nil || c.Location.String() != "Europe/Warsaw" {
		t.Errorf("Location = %v, want Europe/Warsaw", c.Location)
	}
	if want := map[string]string{"articles": "/:year/:month/:day/:slug/"}; !reflect.DeepEqual(c.Permalinks, want) {
		t.Errorf("Permalinks = %v, want %v", c.Permalinks, want)
	}
	wantTax := []Taxonomy{
		{Name: "people", Path: "people", Title: "People", Singular: "Person"},
		{Name: "places", Path: "where", Title: "Places"},
		{Name: "topics-and-themes", Path: "topics-and-themes", Title: "Themes"},
	}
	if !reflect.DeepEqual(c.Taxonomies, wantTax) {
		t.Errorf("Taxonomies = %+v, want %+v", c.Taxonomies, wantTax)
	}
	if !c.Markdown.Unsafe || c.Markdown.Typographer == nil || *c.Markdown.Typographer {
		t.Errorf("Markdown = unsafe %v, typographer %v; want true, false", c.Markdown.Unsafe, c.Markdown.Typographer)
	}
	wantParams := map[string]any{"editor": "Jane Doe", "issues": 12, "links": []any{"a", "b"}}
	if !reflect.DeepEqual(c.Params, wantParams) {
		t.Errorf("Params = %#v, want %#v", c.Params, wantParams)
	}
}

func TestLoadReportsFileInProblems(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte("title: x\npaginate: -5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(dir)
	if err == nil || err.Error() != "config.yaml:2: paginate: must be a positive number of articles per page, not -5" {
		t.Errorf("Load: error %v", err)
	}
}

func TestLoadUnreadable(t *testing.T) {
	dir := t.TempDir()
	// A folder where the file should be cannot be read.
	if err := os.Mkdir(filepath.Join(dir, FileName), 0o755); err != nil {
		t.Fatal(err)
	}
	c, err := Load(dir)
	if err == nil || c != nil {
		t.Fatalf("Load = %v, %v; want an error", c, err)
	}
	if want := "config.yaml: not a regular file: it is a folder"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

// A named pipe in place of the config once hung the build.
func TestLoadRefusesAPipe(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, FileName), 0o644); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() { _, err := Load(dir); done <- err }()
	select {
	case err := <-done:
		if want := "config.yaml: not a regular file: it is a named pipe (FIFO)"; err == nil || err.Error() != want {
			t.Errorf("error %v, want %q", err, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Load blocked on a named pipe")
	}
}

func TestBlankValuesGetDefaults(t *testing.T) {
	// A key written without a value is the same as no key.
	c, err := Parse(FileName, []byte("title:\nbaseURL:\nlanguage:\ntimezone:\npaginate:\ndateFormat:\npermalinks:\ntaxonomies:\nmarkdown:\nparams:\n"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	checkDefaults(t, c)
}

func TestTaxonomyDefaultsFilled(t *testing.T) {
	c, err := Parse(FileName, []byte("taxonomies:\n  - name: tags\n  - name: series\n    path: sets\n    singular: Series\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Taxonomy{
		{Name: "tags", Path: "tags", Title: "Tags"},
		{Name: "series", Path: "sets", Title: "Series", Singular: "Series"},
	}
	if !reflect.DeepEqual(c.Taxonomies, want) {
		t.Errorf("Taxonomies = %+v, want %+v", c.Taxonomies, want)
	}
	if k := c.Taxonomies[1].SingularKey(); k != "series" {
		t.Errorf("SingularKey = %q, want series", k)
	}
	if k := c.Taxonomies[0].SingularKey(); k != "" {
		t.Errorf("SingularKey without Singular = %q, want empty", k)
	}
}

func TestPermalinksKeepDefaultForArticles(t *testing.T) {
	// A permalinks map without articles still gets the default pattern.
	c, err := Parse(FileName, []byte("permalinks: {}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Permalinks["articles"] != "/articles/:slug/" {
		t.Errorf("Permalinks = %v", c.Permalinks)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string // every problem, in order
	}{
		{"unknown key", "title: x\ntitel: y\n",
			[]string{"config.yaml:2: field titel not found in type config.Config"}},
		{"unknown nested key", "markdown:\n  unsafe: true\n  safe: false\n",
			[]string{"config.yaml:3: field safe not found in type config.Markdown"}},
		{"unknown taxonomy key", "taxonomies:\n  - name: tags\n    plural: Tags\n",
			[]string{"config.yaml:3: field plural not found in type config.Taxonomy"}},
		{"YAML syntax", "title: x\n  description: y\n",
			[]string{"config.yaml:2: mapping values are not allowed in this context"}},
		{"unclosed list", "title: x\nlanguages: [en, pl\ndescription: y\n",
			[]string{"config.yaml:2: did not find expected ',' or ']'"}},
		{"bad list on the first line", "languages: [en}\ntitle: x\n",
			[]string{"config.yaml:1: did not find expected ',' or ']'"}},
		{"list item among keys", "title: x\n\n- baseURL\n",
			[]string{"config.yaml:3: did not find expected key"}},
		{"unclosed map on the first line", "markdown: {unsafe: true\n",
			[]string{"config.yaml:2: did not find expected ',' or '}'"}},
		{"unclosed quote", "title: x\ndescription: \"y\n",
			[]string{"config.yaml:2: description: the quoted value that starts on this line is never closed: add the closing quote"}},
		{"unclosed quote on the first line", "title: \"x\ndescription: y\nlanguage: en\n",
			[]string{"config.yaml:1: title: the quoted value that starts on this line is never closed: add the closing quote"}},
		{"lone surrogate on the first line", "title: \"x\\ud800\"\n",
			[]string{"config.yaml:1: title: found invalid Unicode character escape code: \\uD800 to \\uDFFF, halves of a pair, and numbers past \\U0010FFFF are no characters"}},
		{"control character", "title: x\ndescription: a\x1bb\n",
			[]string{"config.yaml:2:15: the control character U+001B is not allowed in YAML: remove it"}},
		{"not UTF-8", "title: x\ndescription: a\xffb\n",
			[]string{"config.yaml:2:15: byte 0xff is not UTF-8 text: save the file as UTF-8"}},
		{"bad character on the first line", "title: @x\n",
			[]string{"config.yaml:1: found character that cannot start any token"}},
		{"key twice", "title: x\n\ntitle: y\n",
			[]string{`config.yaml:3: mapping key "title" already defined at line 1`}},
		{"wrong type", "title: x\npaginate: ten\n",
			[]string{"config.yaml:2: cannot unmarshal !!str `ten` into int"}},
		{"not a mapping", "- a\n",
			[]string{"config.yaml:1: cannot unmarshal !!seq into config.Config"}},
		{"time zone", "title: x\ntimezone: Mars/Olympus\n",
			[]string{`config.yaml:2: timezone: "Mars/Olympus" is not a known time zone (use a name such as Europe/Berlin or UTC)`}},
		{"paginate zero", "title: x\n\npaginate: 0\n",
			[]string{"config.yaml:3: paginate: must be a positive number of articles per page, not 0"}},
		{"paginate negative", "paginate: -1\n",
			[]string{"config.yaml:1: paginate: must be a positive number of articles per page, not -1"}},
		{"base URL scheme", "baseURL: ftp://example.org/\n",
			[]string{`config.yaml:1: baseURL: "ftp://example.org/" is not an http(s) URL or a path`}},
		{"base URL syntax", "baseURL: \"http://[::1\"\n",
			[]string{`config.yaml:1: baseURL: "http://[::1/" is not an http(s) URL or a path`}},
		{"permalink without slug", "permalinks:\n  articles: /:year/:month/\n",
			[]string{`config.yaml:1: permalinks.articles: "/:year/:month/" must contain :slug, or two articles would share a URL`}},
		{"permalink unknown var", "title: x\npermalinks:\n  articles: /:year/:slug/:author/\n",
			[]string{`config.yaml:2: permalinks.articles: "/:year/:slug/:author/": unknown :author (use :year, :month, :day, :slug)`}},
		{"permalink two unknown vars", "permalinks:\n  articles: /:lang/:slug/:id/\n",
			[]string{
				`config.yaml:1: permalinks.articles: "/:lang/:slug/:id/": unknown :id (use :year, :month, :day, :slug)`,
				`config.yaml:1: permalinks.articles: "/:lang/:slug/:id/": unknown :lang (use :year, :month, :day, :slug)`,
			}},
		{"permalink slashes", "permalinks:\n  articles: articles/:slug\n",
			[]string{`config.yaml:1: permalinks.articles: "articles/:slug" must start and end with /`}},
		{"permalink for pages", "permalinks:\n  pages: /:slug/\n",
			[]string{`config.yaml:1: permalinks.pages: only articles have permalinks`}},
		{"taxonomy upper-case name", "title: x\ntaxonomies:\n  - name: People\n",
			[]string{`config.yaml:2: taxonomies[0].name: "People" must be lower-case letters, digits and hyphens`}},
		{"taxonomy without name", "taxonomies:\n  - title: Tags\n",
			[]string{`config.yaml:1: taxonomies[0].name: "" must be lower-case letters, digits and hyphens`}},
		{"taxonomy name with slash", "taxonomies:\n  - name: a/b\n",
			[]string{`config.yaml:1: taxonomies[0].name: "a/b" must be lower-case letters, digits and hyphens`}},
		{"taxonomy name with leading hyphen", "taxonomies:\n  - name: -tags\n",
			[]string{`config.yaml:1: taxonomies[0].name: "-tags" must be lower-case letters, digits and hyphens`}},
		{"taxonomy bad path", "taxonomies:\n  - name: tags\n    path: Tag Cloud\n",
			[]string{`config.yaml:1: taxonomies[0].path: "Tag Cloud" must be lower-case letters, digits and hyphens`}},
		{"taxonomy twice", "taxonomies:\n  - name: tags\n  - name: topics\n  - name: tags\n",
			[]string{`config.yaml:1: taxonomies[2]: "tags" is configured twice`}},
		{"taxonomy path twice", "taxonomies:\n  - name: tags\n  - name: labels\n    path: tags\n",
			[]string{`config.yaml:1: taxonomies[1]: "labels" is configured twice`}},
		{"taxonomy reserved name", "taxonomies:\n  - name: page\n",
			[]string{`config.yaml:1: taxonomies[0].path: "page" is used by the site itself`}},
		{"taxonomy reserved path", "taxonomies:\n  - name: tags\n    path: articles\n",
			[]string{`config.yaml:1: taxonomies[0].path: "articles" is used by the site itself`}},
		{"taxonomy named pages", "taxonomies:\n  - name: pages\n    path: p\n",
			[]string{`config.yaml:1: taxonomies[0].name: "pages" is a folder of the site's own, content/pages/: choose another name`}},
		{"menu not a list", "menu: main\n",
			[]string{`config.yaml:1: cannot unmarshal !!str ` + "`main`" + ` into []config.MenuItem`}},
		{"menu item unknown key", "menu:\n  - title: About\n    link: /about/\n",
			[]string{`config.yaml:3: field link not found in type config.MenuItem`}},
		{"menu items", "title: x\nmenu:\n  - title: About\n    url: /about/\n  - url: /contact/\n  - title: Home\n  - title: Bad\n    url: javascript:alert(1)\n  - title: Rel\n    url: about/\n  - {title: Net, url: //evil.example/}\n  - {title: Ctl, url: \"/a\\x01\"}\n",
			[]string{
				`config.yaml:5: menu[1].title: missing: the link's text, such as "About"`,
				`config.yaml:6: menu[2].url: missing: a site path such as /about/, or an http(s) address`,
				`config.yaml:7: menu[3].url: "javascript:alert(1)" must be a path from the site root (/about/) or an http(s) address`,
				`config.yaml:9: menu[4].url: "about/" must be a path from the site root (/about/) or an http(s) address`,
				`config.yaml:11: menu[5].url: "//evil.example/" must be a path from the site root (/about/) or an http(s) address`,
				`config.yaml:12: menu[6].url: "/a\x01" holds a control character or a backslash`,
			}},
		{"redirects", "redirects:\n  - {from: /news/, to: /archive/}\n  - to: /archive/\n  - {from: news/, to: /archive/}\n  - {from: /a/../../etc/, to: /archive/}\n  - {from: /old/}\n  - {from: /old2/, to: archive/}\n  - {from: \"/?p=1&x=2\", to: /archive/}\n  - {from: \"/?p=\", to: /archive/}\n  - {from: \"/?p=12\", to: /archive/}\n",
			[]string{
				`config.yaml:3: redirects[1].from: missing: the old path, such as /news/`,
				`config.yaml:4: redirects[2].from: "news/" must start with /: write the whole old path from the site's root`,
				`config.yaml:5: redirects[3].from: "/a/../../etc/" has a . or .. segment, which would lead out of the folder it names: write the path without it`,
				`config.yaml:6: redirects[4].to: missing: the path of the page it leads to, such as /archive/`,
				`config.yaml:7: redirects[5].to: "archive/" must start with /: write the whole path from the site's root, such as /news/2015/06/some-title/`,
				`config.yaml:8: redirects[6].from: "/?p=1&x=2": an old address with a query takes one name=value of letters, digits, - and _, such as /?p=12`,
				`config.yaml:9: redirects[7].from: "/?p=": an old address with a query takes one name=value of letters, digits, - and _, such as /?p=12`,
			}},
		{"several problems", "timezone: Nowhere\npaginate: -3\npermalinks:\n  articles: /:id/\ntaxonomies:\n  - name: Tags\n",
			[]string{
				`config.yaml:1: timezone: "Nowhere" is not a known time zone (use a name such as Europe/Berlin or UTC)`,
				`config.yaml:2: paginate: must be a positive number of articles per page, not -3`,
				`config.yaml:3: permalinks.articles: "/:id/" must contain :slug, or two articles would share a URL`,
				`config.yaml:3: permalinks.articles: "/:id/": unknown :id (use :year, :month, :day, :slug)`,
				`config.yaml:5: taxonomies[0].name: "Tags" must be lower-case letters, digits and hyphens`,
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse(FileName, []byte(tc.src))
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want an error", tc.src, c)
			}
			if c != nil {
				t.Errorf("Parse returned a config with the error")
			}
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("error %T is not a diag.List: %v", err, err)
			}
			list.Sort()
			got := make([]string, len(list))
			for i, p := range list {
				got[i] = p.Error()
				if p.Warning {
					t.Errorf("problem %q is a warning, want an error", got[i])
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestProblemsNameTheGivenFile(t *testing.T) {
	_, err := Parse("site/config.yaml", []byte("paginate: -1\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "site/config.yaml:1: ") {
		t.Errorf("error %v does not name site/config.yaml", err)
	}
}

func TestValidConfigs(t *testing.T) {
	for _, src := range []string{
		"paginate: 1\n",
		"baseURL: /archive\n",
		"baseURL: http://localhost:1313/\n",
		"permalinks:\n  articles: /:slug/\n",
		"permalinks:\n  articles: /:year/:month/:day/:slug/\n",
		"timezone: America/New_York\n",
		"permalinks:\n  articles: /:year/:month/:slug/\ntaxonomies:\n  - name: article\n    path: articles\n",
		"redirects:\n  - from: /news/\n    to: /archive/\n  - {from: /caf%C3%A9.html, to: /about}\n",
		"taxonomies:\n  - name: a1\n  - name: b-2\n    path: b2\n",
		// A path may be another taxonomy's name once that one has moved.
		"taxonomies:\n  - name: tags\n    path: labels\n  - name: topics\n    path: tags\n",
	} {
		if _, err := Parse(FileName, []byte(src)); err != nil {
			t.Errorf("Parse(%q): %v", src, err)
		}
	}
}

func TestSetBaseURL(t *testing.T) {
	cases := []struct {
		in, want string
		wantErr  string
	}{
		{"https://example.org", "https://example.org/", ""},
		{"https://example.org/archive", "https://example.org/archive/", ""},
		{"https://example.org/archive/", "https://example.org/archive/", ""},
		{"http://localhost:8080", "http://localhost:8080/", ""},
		{"/archive", "/archive/", ""},
		{"", "/", ""},
		{"ftp://example.org", "", `base URL "ftp://example.org/" is not an http(s) URL or a path`},
		{"http://[::1", "", `base URL "http://[::1/" is not an http(s) URL or a path`},
	}
	for _, tc := range cases {
		c := Default()
		err := c.SetBaseURL(tc.in)
		if tc.wantErr != "" {
			if err == nil || err.Error() != tc.wantErr {
				t.Errorf("SetBaseURL(%q) error = %v, want %q", tc.in, err, tc.wantErr)
			}
			if c.BaseURL != "/" {
				t.Errorf("SetBaseURL(%q) failed but changed BaseURL to %q", tc.in, c.BaseURL)
			}
			continue
		}
		if err != nil {
			t.Errorf("SetBaseURL(%q): %v", tc.in, err)
			continue
		}
		if c.BaseURL != tc.want {
			t.Errorf("SetBaseURL(%q): BaseURL = %q, want %q", tc.in, c.BaseURL, tc.want)
		}
	}
}

// TestByteOrderMark: a config saved with a byte-order mark reads as one
// without.
func TestByteOrderMark(t *testing.T) {
	c, err := Parse(FileName, []byte("\xef\xbb\xbftitle: Marked\n"))
	if err != nil || c.Title != "Marked" {
		t.Errorf("Parse = %v, %v; want the title Marked", c, err)
	}
}

// A config.yaml linked to a file outside the site was read.
func TestLoadRefusesALinkOutOfTheSite(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "config.yaml")
	os.WriteFile(outside, []byte("title: Elsewhere\n"), 0o644)
	os.Symlink(outside, filepath.Join(dir, FileName))
	_, err := Load(dir)
	if want := "config.yaml: a broken link, or a link to a file outside the site, which the generator does not read"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
	// Inside the site, the link is followed.
	os.Remove(filepath.Join(dir, FileName))
	os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: Here\n"), 0o644)
	os.Symlink("site.yaml", filepath.Join(dir, FileName))
	if c, err := Load(dir); err != nil || c.Title != "Here" {
		t.Errorf("Load = %v, %v", c, err)
	}
}
