package content_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/diag"
)

// warsawConfig is a site in Europe/Warsaw, +02:00 in summer, +01:00 in winter.
func warsawConfig(t *testing.T) *config.Config {
	t.Helper()
	cfg, err := config.Parse("config.yaml", []byte("timezone: Europe/Warsaw"))
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	return cfg
}

func parseConfig(t *testing.T, src string) *config.Config {
	t.Helper()
	cfg, err := config.Parse("config.yaml", []byte(src))
	if err != nil {
		t.Fatalf("config %q: %v", src, err)
	}
	return cfg
}

// mustParse parses src and fails the test on any problem, warnings included.
func mustParse(t *testing.T, p *content.Parser, name, src string) *content.Article {
	t.Helper()
	a, probs := p.Parse(name, []byte(src))
	if len(probs) > 0 {
		t.Fatalf("Parse(%s): unexpected problems:\n%v", name, probs)
	}
	if a == nil {
		t.Fatalf("Parse(%s): nil article and no problem", name)
	}
	return a
}

// problemTexts is the sorted Error() text of every problem.
func problemTexts(l diag.List) []string {
	l = append(diag.List(nil), l...)
	l.Sort()
	out := make([]string, len(l))
	for i, p := range l {
		out[i] = p.Error()
	}
	return out
}

const articlePath = "content/articles/2024/treaty.md"

// The same article in every front matter format.
var sameArticle = map[string]string{
	"YAML": `---
title: "The Treaty of Rome, explained"
date: 2024-07-22 09:30
slug: Treaty of Rome
people: [Jane Doe, John Roe]
author: Ann Lee
topics: Europe
summary: How six countries signed it.
---

The treaty was signed in "Rome" -- in 1957.

## Who signed
`,
	"TOML": `+++
title = "The Treaty of Rome, explained"
date = 2024-07-22T09:30:00
slug = "Treaty of Rome"
people = ["Jane Doe", "John Roe"]
author = "Ann Lee"
topics = "Europe"
summary = "How six countries signed it."
+++

The treaty was signed in "Rome" -- in 1957.

## Who signed
`,
	"JSON ;;;": `;;;
{
  "title": "The Treaty of Rome, explained",
  "date": "2024-07-22T09:30:00",
  "slug": "Treaty of Rome",
  "people": ["Jane Doe", "John Roe"],
  "author": "Ann Lee",
  "topics": "Europe",
  "summary": "How six countries signed it."
}
;;;

The treaty was signed in "Rome" -- in 1957.

## Who signed
`,
	"JSON braces": `{
  "title": "The Treaty of Rome, explained",
  "date": "2024-07-22 09:30",
  "slug": "Treaty of Rome",
  "people": ["Jane Doe", "John Roe"],
  "author": "Ann Lee",
  "topics": "Europe",
  "summary": "How six countries signed it."
}

The treaty was signed in "Rome" -- in 1957.

## Who signed
`,
}

func TestFormatsGiveTheSameArticle(t *testing.T) {
	p := content.NewParser(warsawConfig(t))
	wantDate := "2024-07-22T09:30:00+02:00"
	wantTerms := map[string][]string{
		"people":  {"Jane Doe", "John Roe"},
		"authors": {"Ann Lee"},
		"topics":  {"Europe"},
	}
	wantBody := "<p>The treaty was signed in &ldquo;Rome&rdquo; &ndash; in 1957.</p>\n" +
		"<h2 id=\"who-signed\">Who signed</h2>\n"
	for format, src := range sameArticle {
		t.Run(format, func(t *testing.T) {
			a := mustParse(t, p, articlePath, src)
			if a.Path != articlePath {
				t.Errorf("Path = %q", a.Path)
			}
			if a.Title != "The Treaty of Rome, explained" {
				t.Errorf("Title = %q", a.Title)
			}
			if got := a.Date.Format(time.RFC3339); got != wantDate {
				t.Errorf("Date = %s, want %s", got, wantDate)
			}
			if got := a.Date.Location().String(); got != "Europe/Warsaw" {
				t.Errorf("Date is in %s, want the site's zone Europe/Warsaw", got)
			}
			if !a.Updated.IsZero() {
				t.Errorf("Updated = %v, want zero", a.Updated)
			}
			if a.Slug != "treaty-of-rome" {
				t.Errorf("Slug = %q", a.Slug)
			}
			if a.Summary != "How six countries signed it." || a.Description != a.Summary {
				t.Errorf("Summary = %q, Description = %q", a.Summary, a.Description)
			}
			if !reflect.DeepEqual(a.Terms, wantTerms) {
				t.Errorf("Terms = %q, want %q", a.Terms, wantTerms)
			}
			if len(a.Params) != 0 {
				t.Errorf("Params = %v, want none", a.Params)
			}
			if a.Body != wantBody {
				t.Errorf("Body = %q, want %q", a.Body, wantBody)
			}
			if a.WordCount != 12 { // Markdown source words, "--" and "##" included
				t.Errorf("WordCount = %d, want 12", a.WordCount)
			}
			if a.Draft || a.Image != "" || a.ImageAlt != "" {
				t.Errorf("Draft %v, Image %q, ImageAlt %q", a.Draft, a.Image, a.ImageAlt)
			}
		})
	}
}

func TestDates(t *testing.T) {
	warsaw := content.NewParser(warsawConfig(t))
	utc := content.NewParser(config.Default())
	cases := []struct {
		name   string
		p      *content.Parser
		src    string // front matter after the title line
		date   string // RFC 3339
		zone   string // the Location's name
		update string // RFC 3339; "" when zero
	}{
		{"YAML RFC 3339 with offset", warsaw, "date: 2024-07-22T09:30:00+05:00\n", "2024-07-22T09:30:00+05:00", "", ""},
		{"YAML RFC 3339 UTC", warsaw, "date: 2024-07-22T07:30:00Z\n", "2024-07-22T07:30:00Z", "UTC", ""},
		{"YAML RFC 3339 fraction", warsaw, "date: 2024-07-22T07:30:00.5Z\n", "2024-07-22T07:30:00Z", "UTC", ""},
		{"YAML date only", warsaw, "date: 2024-07-22\n", "2024-07-22T00:00:00+02:00", "Europe/Warsaw", ""},
		{"YAML date only in winter", warsaw, "date: 2024-01-15\n", "2024-01-15T00:00:00+01:00", "Europe/Warsaw", ""},
		{"YAML quoted date", warsaw, "date: '2024-07-22'\n", "2024-07-22T00:00:00+02:00", "Europe/Warsaw", ""},
		{"YAML date and minutes", warsaw, "date: 2024-07-22 09:30\n", "2024-07-22T09:30:00+02:00", "Europe/Warsaw", ""},
		{"YAML date and seconds", warsaw, "date: 2024-07-22 09:30:15\n", "2024-07-22T09:30:15+02:00", "Europe/Warsaw", ""},
		{"YAML T and minutes", warsaw, "date: 2024-07-22T09:30\n", "2024-07-22T09:30:00+02:00", "Europe/Warsaw", ""},
		{"YAML T and seconds", warsaw, "date: 2024-07-22T09:30:00\n", "2024-07-22T09:30:00+02:00", "Europe/Warsaw", ""},
		{"YAML padded", warsaw, "date: \"  2024-07-22  \"\n", "2024-07-22T00:00:00+02:00", "Europe/Warsaw", ""},
		{"YAML date in UTC site", utc, "date: 2024-07-22 09:30\n", "2024-07-22T09:30:00Z", "UTC", ""},
		{"updated", warsaw, "date: 2024-07-22\nupdated: 2024-08-01 12:00\n", "2024-07-22T00:00:00+02:00", "Europe/Warsaw", "2024-08-01T12:00:00+02:00"},
		{"updated same instant", warsaw, "date: 2024-07-22T09:30:00+02:00\nupdated: 2024-07-22T07:30:00Z\n", "2024-07-22T09:30:00+02:00", "", "2024-07-22T07:30:00Z"},
		{"lastmod", warsaw, "date: 2024-07-22\nlastmod: 2024-07-23\n", "2024-07-22T00:00:00+02:00", "Europe/Warsaw", "2024-07-23T00:00:00+02:00"},
		{"updated wins over lastmod", warsaw, "date: 2024-07-22\nupdated: 2024-07-24\nlastmod: 2024-07-23\n", "2024-07-22T00:00:00+02:00", "Europe/Warsaw", "2024-07-24T00:00:00+02:00"},
		{"updated left blank", warsaw, "date: 2024-07-22\nupdated:\n", "2024-07-22T00:00:00+02:00", "Europe/Warsaw", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := mustParse(t, tc.p, "content/articles/a.md", "---\ntitle: A\n"+tc.src+"---\n")
			checkDate(t, "Date", a.Date, tc.date, tc.zone)
			if tc.update == "" {
				if !a.Updated.IsZero() {
					t.Errorf("Updated = %v, want zero", a.Updated)
				}
			} else {
				checkDate(t, "Updated", a.Updated, tc.update, "")
			}
		})
	}
}

func checkDate(t *testing.T, field string, got time.Time, want, zone string) {
	t.Helper()
	if s := got.Format(time.RFC3339); s != want {
		t.Errorf("%s = %s, want %s", field, s, want)
	}
	if zone != "" && got.Location().String() != zone {
		t.Errorf("%s is in %q, want %q", field, got.Location(), zone)
	}
}

func TestTOMLDates(t *testing.T) {
	p := content.NewParser(warsawConfig(t))
	cases := []struct {
		name, line, want, zone string
	}{
		{"local date", "date = 2024-07-22", "2024-07-22T00:00:00+02:00", "Europe/Warsaw"},
		{"local date in winter", "date = 2024-12-24", "2024-12-24T00:00:00+01:00", "Europe/Warsaw"},
		{"local date-time", "date = 2024-07-22T09:30:00", "2024-07-22T09:30:00+02:00", "Europe/Warsaw"},
		{"local date-time with a space", "date = 2024-07-22 09:30:00", "2024-07-22T09:30:00+02:00", "Europe/Warsaw"},
		{"offset date-time", "date = 2024-07-22T09:30:00+05:00", "2024-07-22T09:30:00+05:00", ""},
		{"UTC date-time", "date = 2024-07-22T07:30:00Z", "2024-07-22T07:30:00Z", ""},
		{"string", `date = "2024-07-22 09:30"`, "2024-07-22T09:30:00+02:00", "Europe/Warsaw"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := mustParse(t, p, "content/articles/a.md", "+++\ntitle = \"A\"\n"+tc.line+"\n+++\n")
			checkDate(t, "Date", a.Date, tc.want, tc.zone)
		})
	}
	a := mustParse(t, p, "content/articles/a.md", "+++\ntitle = \"A\"\ndate = 2024-07-22\nupdated = 2024-07-30T10:00:00\n+++\n")
	checkDate(t, "Updated", a.Updated, "2024-07-30T10:00:00+02:00", "Europe/Warsaw")
}

// TestProblems asserts the exact text of every problem a file has.
func TestProblems(t *testing.T) {
	const name = "content/articles/a.md"
	cases := []struct {
		name, src string
		want      []string
	}{
		{"missing title", "---\ndate: 2024-07-22\n---\nBody\n", []string{
			name + `:1: title: missing: add a line title: "…" to the front matter`,
		}},
		{"missing date", "---\ntitle: A\n---\nBody\n", []string{
			name + `:1: date: missing: add a line such as date: 2024-07-22 to the front matter`,
		}},
		{"missing both after blank lines", "\n\n---\nsummary: x\n---\n", []string{
			name + `:3: date: missing: add a line such as date: 2024-07-22 to the front matter`,
			name + `:3: title: missing: add a line title: "…" to the front matter`,
		}},
		{"empty front matter", "---\n---\nBody\n", []string{
			name + `:1: date: missing: add a line such as date: 2024-07-22 to the front matter`,
			name + `:1: title: missing: add a line title: "…" to the front matter`,
		}},
		{"empty title", "---\ntitle: \"  \"\ndate: 2024-07-22\n---\n", []string{
			name + `:2: title: is empty`,
		}},
		{"blank title", "---\ntitle:\ndate: 2024-07-22\n---\n", []string{
			name + `:2: title: is empty`,
		}},
		{"title list", "---\ntitle: [a, b]\ndate: 2024-07-22\n---\n", []string{
			name + `:2: title: must be text, not a list`,
		}},
		{"summary map", "---\ntitle: A\ndate: 2024-07-22\nsummary: {a: 1}\n---\n", []string{
			name + `:4: summary: must be text, not a set of fields`,
		}},
		{"unparsable date", "---\ntitle: A\ndate: yesterday\n---\n", []string{
			name + `:3: date: "yesterday" is not a date: write 2024-07-22, 2024-07-22 09:30 or 2024-07-22T09:30:00+02:00`,
		}},
		{"day-first date", "---\ntitle: A\ndate: 22.07.2024\n---\n", []string{
			name + `:3: date: "22.07.2024" is not a date: write 2024-07-22, 2024-07-22 09:30 or 2024-07-22T09:30:00+02:00`,
		}},
		{"impossible day", "---\ntitle: A\ndate: 2024-02-30\n---\n", []string{
			name + `:3: date: "2024-02-30" is not a real date (day out of range)`,
		}},
		{"impossible month", "---\ntitle: A\ndate: 2024-13-01 10:00\n---\n", []string{
			name + `:3: date: "2024-13-01 10:00" is not a real date (month out of range)`,
		}},
		{"impossible hour", "---\ntitle: A\ndate: 2024-07-22T25:00:00\n---\n", []string{
			name + `:3: date: "2024-07-22T25:00:00" is not a real date (hour out of range)`,
		}},
		{"date number", "---\ntitle: A\ndate: 2024\n---\n", []string{
			name + `:3: date: must be a date such as 2024-07-22, not the number 2024`,
		}},
		{"date list", "---\ntitle: A\ndate: [1]\n---\n", []string{
			name + `:3: date: must be a date such as 2024-07-22, not a list`,
		}},
		{"updated before date", "---\ntitle: A\ndate: 2024-07-22\nupdated: 2024-07-01\n---\n", []string{
			name + `:4: updated: 2024-07-01 is before the article's date 2024-07-22`,
		}},
		{"lastmod before date", "---\ntitle: A\ndate: 2024-07-22\nlastmod: 2024-07-01\n---\n", []string{
			name + `:4: lastmod: 2024-07-01 is before the article's date 2024-07-22`,
		}},
		{"updated not a date", "---\ntitle: A\ndate: 2024-07-22\nupdated: soon\n---\n", []string{
			name + `:4: updated: "soon" is not a date: write 2024-07-22, 2024-07-22 09:30 or 2024-07-22T09:30:00+02:00`,
		}},
		{"people number", "---\ntitle: A\ndate: 2024-07-22\npeople: 42\n---\n", []string{
			name + `:4: people: must be a list of names such as [Jane Doe, John Roe], not the number 42`,
		}},
		{"people map", "---\ntitle: A\ndate: 2024-07-22\npeople: {a: b}\n---\n", []string{
			name + `:4: people: must be a list of names such as [Jane Doe, John Roe], not a set of fields`,
		}},
		{"people item list", "---\ntitle: A\ndate: 2024-07-22\npeople: [Jane Doe, [x]]\n---\n", []string{
			name + `:4: people: item 2 must be a name, not a list`,
		}},
		{"people item blank", "---\ntitle: A\ndate: 2024-07-22\npeople:\n  - Jane Doe\n  -\n---\n", []string{
			name + `:4: people: item 2 must be a name, not nothing`,
		}},
		{"singular key checked too", "---\ntitle: A\ndate: 2024-07-22\nauthor: [[x]]\n---\n", []string{
			name + `:4: author: item 1 must be a name, not a list`,
		}},
		{"draft yes", "---\ntitle: A\ndate: 2024-07-22\ndraft: \"yes\"\n---\n", []string{
			name + `:4: draft: must be true or false, not "yes"`,
		}},
		{"draft number", "---\ntitle: A\ndate: 2024-07-22\ndraft: 1\n---\n", []string{
			name + `:4: draft: must be true or false, not the number 1`,
		}},
		{"image without alt", "---\ntitle: A\ndate: 2024-07-22\nimage: rome.jpg\n---\n", []string{
			name + `:1: image_alt: missing: describe the image for readers who cannot see it (or set image_alt: "" for a decorative image)`,
		}},
		{"caption without image", "---\ntitle: A\ndate: 2024-07-22\nimage_caption: The Forum\nimage_credit: Jane Doe\n---\n", []string{
			name + `:4: image_caption: is for the lead image, and the article has no image`,
			name + `:5: image_credit: is for the lead image, and the article has no image`,
		}},
		{"slug without letters", "---\ntitle: A\ndate: 2024-07-22\nslug: \"!!!\"\n---\n", []string{
			name + `:4: slug: "!!!" has no letters or digits to make a URL from`,
		}},
		{"slug empty", "---\ntitle: A\ndate: 2024-07-22\nslug: \"\"\n---\n", []string{
			name + `:4: slug: is empty`,
		}},
		{"slug with a slash", "---\ntitle: A\ndate: 2024-07-22\nslug: news/a\n---\n", []string{
			name + `:4: slug: "news/a" holds a / or \, which would split it into folders: a slug is one segment of the URL (to give the whole path, use url:)`,
		}},
		{"slug with a hash", "---\ntitle: A\ndate: 2024-07-22\nslug: \"c#\"\n---\n", []string{
			name + `:4: slug: "c#" holds a #, which would end the URL's path: browsers take what follows for a place in the page`,
		}},
		{"slug dot dot", "---\ntitle: A\ndate: 2024-07-22\nslug: \"..\"\n---\n", []string{
			name + `:4: slug: ".." would be the path segment "..", which means this folder or the one above it`,
		}},
		{"url relative", "---\ntitle: A\ndate: 2024-07-22\nurl: news/a/\n---\n", []string{
			name + `:4: url: "news/a/" must start with /: write the whole path from the site's root, such as /news/2015/06/some-title/`,
		}},
		{"url with dot dot", "---\ntitle: A\ndate: 2024-07-22\nurl: /news/../../etc/\n---\n", []string{
			name + `:4: url: "/news/../../etc/" has a . or .. segment, which would lead out of the folder it names: write the path without it`,
		}},
		{"url of another host", "---\ntitle: A\ndate: 2024-07-22\nurl: https://example.org/a/\n---\n", []string{
			name + `:4: url: "https://example.org/a/" is an address on a host, not a path: write the path from the site's root, such as /news/some-title/`,
		}},
		{"url not text", "---\ntitle: A\ndate: 2024-07-22\nurl: [a]\n---\n", []string{
			name + `:4: url: must be text, not a list`,
		}},
		{"alias of another host", "---\ntitle: A\ndate: 2024-07-22\naliases: [/old/, \"//evil.example/x\"]\n---\n", []string{
			name + `:4: aliases: item 2, "//evil.example/x", is an address on a host, not a path: write the path from the site's root, such as /news/some-title/`,
		}},
		{"alias with control character", "---\ntitle: A\ndate: 2024-07-22\nredirect_from: \"/a\\x1b[31m/\"\n---\n", []string{
			name + `:4: redirect_from: "/a�[31m/" holds a control character: remove it`,
		}},
		{"alias not a list", "---\ntitle: A\ndate: 2024-07-22\naliases: {a: b}\n---\n", []string{
			name + `:4: aliases: must be a list of paths such as [/2015/06/old-title/], not a set of fields`,
		}},
		{"alias item not text", "---\ntitle: A\ndate: 2024-07-22\naliases: [[a]]\n---\n", []string{
			name + `:4: aliases: item 1 must be a path such as /2015/06/old-title/, not a list`,
		}},
		{"YAML syntax", "---\ntitle: A\ndate: 2024-07-22\npeople: [Jane\n---\nBody\n", []string{
			name + `:4: YAML front matter: did not find expected ',' or ']'`,
		}},
		// The flow mapping opens on the block's first line, so the parser
		// names the line where it missed the "}".
		{"YAML syntax on the first line", "---\npeople: {a: b\ntitle: A\n---\nBody\n", []string{
			name + `:3: YAML front matter: did not find expected ',' or '}'`,
		}},
		// yaml.v3 leaves out "line 0", the block's first line.
		{"YAML syntax on the first line, no line given", "---\npeople: [Jane}\ntitle: A\n---\n", []string{
			name + `:2: YAML front matter: did not find expected ',' or ']'`,
		}},
		{"YAML list item among fields", "---\ntitle: A\n- date\n---\n", []string{
			name + `:3: YAML front matter: did not find expected key`,
		}},
		{"YAML unclosed quote", "---\ntitle: A\ndate: \"2024-07-22\n---\n", []string{
			name + `:3: date: YAML front matter: the quoted value that starts on this line is never closed: add the closing quote`,
		}},
		// On the block's first line, the quote was reported at the
		// closing "---", where the scanner gave up.
		{"YAML unclosed quote on the first line", "---\ntitle: \"open\ndate: 2024-07-22\nx: 1\ny: 2\nz: 3\nw: 4\n---\nbody\n", []string{
			name + `:2: title: YAML front matter: the quoted value that starts on this line is never closed: add the closing quote`,
		}},
		// A lone surrogate was refused with no line and no field.
		{"YAML lone surrogate on the first line", "---\ntitle: \"Sur\\ud800\"\ndate: 2024-07-22\n---\n", []string{
			name + `:2: title: YAML front matter: found invalid Unicode character escape code: \uD800 to \uDFFF, halves of a pair, and numbers past \U0010FFFF are no characters`,
		}},
		{"YAML lone surrogate", "---\ntitle: A\ndate: 2024-07-22\nsummary: >-\n  x\nplaces: [\"Sur\\udfff\"]\n---\n", []string{
			name + `:6: places: YAML front matter: found invalid Unicode character escape code: \uD800 to \uDFFF, halves of a pair, and numbers past \U0010FFFF are no characters`,
		}},
		{"YAML bad escape", "---\ntitle: \"C:\\path\"\ndate: 2024-07-22\n---\n", []string{
			name + `:2: title: YAML front matter: found unknown escape character in a double-quoted value: write a backslash as \\`,
		}},
		// The reader names no position for a control character.
		{"YAML control character", "---\ntitle: A\ndate: 2024-07-22\nsummary: a\x01b\n---\n", []string{
			name + `:4:11: YAML front matter: the control character U+0001 is not allowed in YAML: remove it`,
		}},
		// Nor did the scanner, for a character on the block's first line.
		{"YAML bad character on the first line", "---\ntitle: @A\ndate: 2024-07-22\n---\n", []string{
			name + `:2: YAML front matter: found character that cannot start any token`,
		}},
		{"YAML syntax after blank lines", "\n\n---\ntitle: A\n  date: 2024-07-22: x\n---\n", []string{
			name + `:5: YAML front matter: mapping values are not allowed in this context`,
		}},
		{"YAML tab", "---\ntitle: A\n\tdate: 2024-07-22\n---\n", []string{
			name + `:3: YAML front matter: found a tab character that violates indentation`,
		}},
		{"YAML key twice", "---\ntitle: A\ndate: 2024-07-22\ntitle: B\n---\n", []string{
			name + `:4:1: YAML front matter: title is given twice`,
		}},
		{"YAML list", "---\n- title\n- date\n---\n", []string{
			name + `:2:1: YAML front matter: front matter must be a list of "key: value" lines`,
		}},
		{"YAML bad int", "---\ntitle: A\ndate: 2024-07-22\nn: !!int x\n---\n", []string{
			name + `:4:4: YAML front matter: n: yaml: cannot decode !!str ` + "`x`" + ` as a !!int`,
		}},
		{"TOML syntax", "+++\ntitle = \"A\"\ndate = 2024-07-22\npeople = [\"Jane\"\n+++\n", []string{
			name + `:4:17: TOML front matter: expected a comma (',') or array terminator (']'), but got end of file`,
		}},
		{"TOML error in field", "+++\ntitle = \"A\"\ndate = \"yesterday\"\n+++\n", []string{
			name + `:3: date: "yesterday" is not a date: write 2024-07-22, 2024-07-22 09:30 or 2024-07-22T09:30:00+02:00`,
		}},
		{"JSON syntax", ";;;\n{\"title\": \"A\",\n\"date\": \"2024-07-22\",}\n;;;\n", []string{
			name + `:3:22: JSON front matter: invalid character '}' looking for beginning of object key string`,
		}},
		{"JSON braces syntax", "{\n\"title\": \"A\",\n\"date\": \"2024-07-22\",\n}\n\nBody\n", []string{
			name + `:4:1: JSON front matter: invalid character '}' looking for beginning of object key string`,
		}},
		{"JSON type", ";;;\n[1, 2]\n;;;\n", []string{
			name + `:2:1: JSON front matter: json: cannot unmarshal array into Go value of type map[string]interface {}`,
		}},
		{"JSON error in field", ";;;\n{\n  \"title\": \"A\",\n  \"date\": \"yesterday\"\n}\n;;;\n", []string{
			name + `:4: date: "yesterday" is not a date: write 2024-07-22, 2024-07-22 09:30 or 2024-07-22T09:30:00+02:00`,
		}},
		{"JSON braces error in field", "{\n  \"title\": \"A\",\n  \"date\": \"yesterday\"\n}\n\nBody\n", []string{
			name + `:3: date: "yesterday" is not a date: write 2024-07-22, 2024-07-22 09:30 or 2024-07-22T09:30:00+02:00`,
		}},
		{"JSON braces, several fields", "\n{\n  \"title\": \"A\",\n  \"date\": \"2024-07-22\",\n  \"draft\": \"no\",\n  \"people\": 3\n}\n\nBody\n", []string{
			name + `:5: draft: must be true or false, not "no"`,
			name + `:6: people: must be a list of names such as [Jane Doe, John Roe], not the number 3`,
		}},
		{"unterminated YAML", "---\ntitle: A\ndate: 2024-07-22\n\nBody\n", []string{
			name + `:1: front matter opened with "---" is never closed: add a line "---" after the last field`,
		}},
		{"unterminated YAML after a blank line", "\n---\ntitle: A\n", []string{
			name + `:2: front matter opened with "---" is never closed: add a line "---" after the last field`,
		}},
		{"unterminated TOML", "+++\ntitle = \"A\"\n", []string{
			name + `:1: front matter opened with "+++" is never closed: add a line "+++" after the last field`,
		}},
		{"unterminated JSON", ";;;\n{\"title\": \"A\"}\n", []string{
			name + `:1: front matter opened with ";;;" is never closed: add a line ";;;" after the last field`,
		}},
		{"no front matter", "# The Treaty\n\nBody.\n", []string{
			name + `:1: no front matter: start the file with a line "---", then "title: …" and "date: …" lines, then "---"`,
		}},
		{"front matter not at the start", "Intro\n---\ntitle: A\n---\n", []string{
			name + `:1: no front matter: start the file with a line "---", then "title: …" and "date: …" lines, then "---"`,
		}},
		{"empty file", "", []string{
			name + `: the file is empty: an article needs front matter with a title and a date`,
		}},
		{"blank file", " \n\n\t\r\n", []string{
			name + `: the file is empty: an article needs front matter with a title and a date`,
		}},
		{"byte-order mark only", "\ufeff", []string{
			name + `: the file is empty: an article needs front matter with a title and a date`,
		}},
		{"invalid UTF-8", "---\ntitle: Caf\xe9\ndate: 2024-07-22\n---\n", []string{
			name + `:2:11: byte 0xe9 is not UTF-8 text: save the file as UTF-8`,
		}},
		{"invalid UTF-8 after multi-byte text", "---\ntitle: A\ndate: 2024-07-22\n---\nŻółw \xff\n", []string{
			name + `:5:9: byte 0xff is not UTF-8 text: save the file as UTF-8`,
		}},
		{"invalid UTF-8 at the start", "\x80---\n", []string{
			name + `:1:1: byte 0x80 is not UTF-8 text: save the file as UTF-8`,
		}},
		// RFC 3339, in feeds and sitemaps, has no year 0 and four-digit
		// years: year 0 was written as -0001-12-31T22:36:00Z.
		{"date in the year 0", "---\ntitle: A\ndate: 0000-01-01\n---\n", []string{
			name + `:3: date: "0000-01-01" is out of range: write a date from the year 1 to the year 9999`,
		}},
		{"date in the year 0 in UTC", "---\ntitle: A\ndate: 0001-01-01T00:30:00+01:00\n---\n", []string{
			name + `:3: date: "0001-01-01T00:30:00+01:00" is out of range: write a date from the year 1 to the year 9999`,
		}},
		{"updated in the year 10000 in UTC", "---\ntitle: A\ndate: 2024-07-22\nupdated: 9999-12-31T23:00:00-05:00\n---\n", []string{
			name + `:4: updated: "9999-12-31T23:00:00-05:00" is out of range: write a date from the year 1 to the year 9999`,
		}},
		{"lastmod in the year 0", "---\ntitle: A\ndate: 2024-07-22\nlastmod: \"0000-12-31 10:00\"\n---\n", []string{
			name + `:4: lastmod: "0000-12-31 10:00" is out of range: write a date from the year 1 to the year 9999`,
		}},
		{"TOML dates in the year 0", "+++\ntitle = \"A\"\ndate = 0000-01-01\nupdated = 0000-01-01T10:00:00Z\n[event]\nwhen = [2024-01-01, 0000-06-01]\n+++\n", []string{
			name + `:3: date: the date 0000-01-01 is out of range: write a date from the year 1 to the year 9999`,
			name + `:4: updated: the date 0000-01-01T10:00:00Z is out of range: write a date from the year 1 to the year 9999`,
			name + `:5: event: the date 0000-06-01 is out of range: write a date from the year 1 to the year 9999`,
		}},
		{"TOML time of day as the date", "+++\ntitle = \"A\"\ndate = 07:30:00\n+++\n", []string{
			name + `:3: date: must be a date such as 2024-07-22, not the time of day 07:30:00`,
		}},
		{"several problems", `---
title: [A]
date: 2024-02-30
updated: later
people: 42
draft: "yes"
image: rome.jpg
slug: "!!!"
---
Body
`, []string{
			name + `:1: image_alt: missing: describe the image for readers who cannot see it (or set image_alt: "" for a decorative image)`,
			name + `:2: title: must be text, not a list`,
			name + `:3: date: "2024-02-30" is not a real date (day out of range)`,
			name + `:4: updated: "later" is not a date: write 2024-07-22, 2024-07-22 09:30 or 2024-07-22T09:30:00+02:00`,
			name + `:5: people: must be a list of names such as [Jane Doe, John Roe], not the number 42`,
			name + `:6: draft: must be true or false, not "yes"`,
			name + `:8: slug: "!!!" has no letters or digits to make a URL from`,
		}},
	}
	p := content.NewParser(warsawConfig(t))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, variant := range []struct{ name, src string }{
				{"LF", tc.src},
				{"CRLF with BOM", "\ufeff" + strings.ReplaceAll(strings.TrimPrefix(tc.src, "\ufeff"), "\n", "\r\n")},
			} {
				a, probs := p.Parse(name, []byte(variant.src))
				if a != nil {
					t.Errorf("%s: Parse returned an article with errors: %+v", variant.name, a)
				}
				got := problemTexts(probs)
				if !reflect.DeepEqual(got, tc.want) {
					t.Errorf("%s: problems\n got %q\nwant %q", variant.name, got, tc.want)
				}
				for _, p := range probs {
					if p.Warning {
						t.Errorf("%s: %q is a warning, want an error", variant.name, p.Error())
					}
					if p.Path != name {
						t.Errorf("%s: problem Path = %q", variant.name, p.Path)
					}
				}
				if err := probs.Err(); err == nil || err.Error() != strings.Join(tc.want, "\n") {
					t.Errorf("%s: Err() = %v", variant.name, err)
				}
			}
		})
	}
}

func TestFileNameWithoutLetters(t *testing.T) {
	p := content.NewParser(config.Default())
	const name = "content/articles/2024/!!!.md"
	a, probs := p.Parse(name, []byte("---\ntitle: A\ndate: 2024-07-22\n---\n"))
	want := []string{name + ": the file name has no letters or digits to make a URL from: rename it or add slug: to the front matter"}
	if got := problemTexts(probs); a != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, %q; want nil, %q", a, got, want)
	}
	// A slug in the front matter fixes it.
	a = mustParse(t, p, name, "---\ntitle: A\ndate: 2024-07-22\nslug: Exclamations\n---\n")
	if a.Slug != "exclamations" {
		t.Errorf("Slug = %q", a.Slug)
	}
}

const plainSrc = "---\ntitle: Plain\ndate: 2024-07-22\npeople: [Jane Doe]\n---\n\nFirst paragraph.\n\n## Next\n\nSecond.\n"

func TestByteOrderMarkAndCRLF(t *testing.T) {
	p := content.NewParser(warsawConfig(t))
	want := mustParse(t, p, articlePath, plainSrc)
	crlf := strings.ReplaceAll(plainSrc, "\n", "\r\n")
	for name, src := range map[string]string{
		"BOM":        "\ufeff" + plainSrc,
		"CRLF":       crlf,
		"BOM + CRLF": "\ufeff" + crlf,
	} {
		got := mustParse(t, p, articlePath, src)
		if got.Sum == want.Sum {
			t.Errorf("%s: the sum of other bytes is the plain file's", name)
		}
		got.Sum = want.Sum // of the file's bytes as they are
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: article differs from the plain file's:\n got %+v\nwant %+v", name, got, want)
		}
	}
	for format, src := range sameArticle {
		lf := mustParse(t, p, articlePath, src)
		got := mustParse(t, p, articlePath, "\ufeff"+strings.ReplaceAll(src, "\n", "\r\n"))
		got.Sum = lf.Sum
		if !reflect.DeepEqual(got, lf) {
			t.Errorf("%s with BOM and CRLF differs:\n got %+v\nwant %+v", format, got, lf)
		}
	}
}

func TestTerms(t *testing.T) {
	cases := []struct {
		name, fm string
		want     map[string][]string
	}{
		{"list", "people: [Jane Doe, John Roe]", map[string][]string{"people": {"Jane Doe", "John Roe"}}},
		{"block list", "places:\n  - Rome\n  - Paris", map[string][]string{"places": {"Rome", "Paris"}}},
		{"single string", "people: Jane Doe", map[string][]string{"people": {"Jane Doe"}}},
		{"singular key", "person: Jane Doe", map[string][]string{"people": {"Jane Doe"}}},
		{"author", "author: Ann Lee", map[string][]string{"authors": {"Ann Lee"}}},
		{"authors", "authors: [Ann Lee, Bo Ek]", map[string][]string{"authors": {"Ann Lee", "Bo Ek"}}},
		{"author and authors, in the order written", "author: Cy Do\nauthors: [Ann Lee, Cy Do, Bo Ek]",
			map[string][]string{"authors": {"Cy Do", "Ann Lee", "Bo Ek"}}},
		{"authors and author, in the order written", "authors: [Ann Lee, Cy Do]\nauthor: Bo Ek",
			map[string][]string{"authors": {"Ann Lee", "Cy Do", "Bo Ek"}}},
		{"duplicates removed", "topics: [Europe, Trade, Europe, Trade]", map[string][]string{"topics": {"Europe", "Trade"}}},
		{"spaces collapsed before comparing", "people: [\"  Jane   Doe \", Jane Doe]", map[string][]string{"people": {"Jane Doe"}}},
		{"numbers are names", "topics: [1989, 2.5, true]", map[string][]string{"topics": {"1989", "2.5", "true"}}},
		{"blank", "people:", map[string][]string{"people": nil}},
		{"empty string", "people: \"\"", map[string][]string{"people": nil}},
		{"empty list", "people: []", map[string][]string{"people": nil}},
		{"case is kept", "people: [jane doe, Jane Doe]", map[string][]string{"people": {"jane doe", "Jane Doe"}}},
	}
	p := content.NewParser(config.Default())
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// Map order must not decide the result: parse it many times.
			for range 30 {
				a := mustParse(t, p, "content/articles/a.md", "---\ntitle: A\ndate: 2024-07-22\n"+tc.fm+"\n---\n")
				if !reflect.DeepEqual(a.Terms, tc.want) {
					t.Fatalf("Terms = %#v, want %#v", a.Terms, tc.want)
				}
				if len(a.Params) != 0 {
					t.Fatalf("Params = %v, want none", a.Params)
				}
			}
		})
	}
}

func TestCustomTaxonomies(t *testing.T) {
	cfg := parseConfig(t, "taxonomies:\n  - name: tags\n    singular: Tag\n  - name: series\n")
	p := content.NewParser(cfg)
	a := mustParse(t, p, "content/articles/a.md", "---\ntitle: A\ndate: 2024-07-22\ntag: Rome\ntags: [Paris]\nseries: Treaties\npeople: [Jane Doe]\n---\n")
	wantTerms := map[string][]string{"tags": {"Rome", "Paris"}, "series": {"Treaties"}}
	if !reflect.DeepEqual(a.Terms, wantTerms) {
		t.Errorf("Terms = %q, want %q", a.Terms, wantTerms)
	}
	// people is not a taxonomy of this site, so it is a plain parameter.
	if want := map[string]any{"people": []any{"Jane Doe"}}; !reflect.DeepEqual(a.Params, want) {
		t.Errorf("Params = %#v, want %#v", a.Params, want)
	}
}

func TestParams(t *testing.T) {
	p := content.NewParser(config.Default())
	a := mustParse(t, p, "content/articles/a.md", `---
title: A
date: 2024-07-22
updated: 2024-07-23
summary: S
description: D
image: a.jpg
image_alt: A picture
draft: false
slug: s
people: [Jane Doe]
subtitle: Treaties
weight: 3
ratio: 1.5
big: 12345678901
featured: true
nothing:
links: [a, 2]
source: {name: Archive, year: 1957}
when: 2024-07-22
---
`)
	want := map[string]any{
		"subtitle": "Treaties",
		"weight":   int64(3),
		"ratio":    1.5,
		"big":      int64(12345678901),
		"featured": true,
		"nothing":  nil,
		"links":    []any{"a", int64(2)},
		"source":   map[string]any{"name": "Archive", "year": int64(1957)},
		"when":     "2024-07-22",
	}
	if !reflect.DeepEqual(a.Params, want) {
		t.Errorf("Params = %#v\nwant %#v", a.Params, want)
	}
	if a.Image != "a.jpg" || a.ImageAlt != "A picture" || a.Summary != "S" || a.Description != "D" || a.Slug != "s" || a.Draft {
		t.Errorf("known fields: %+v", a)
	}

	// TOML and JSON numbers land as int64 and float64 too.
	tomlA := mustParse(t, p, "content/articles/a.md", "+++\ntitle = \"A\"\ndate = 2024-07-22\nweight = 3\nratio = 1.5\nwhen = 2024-07-22\n+++\n")
	wantTOML := map[string]any{"weight": int64(3), "ratio": 1.5, "when": tomlA.Params["when"]}
	if w, ok := tomlA.Params["when"].(time.Time); !ok || w.Format(time.DateOnly) != "2024-07-22" {
		t.Errorf("TOML when = %#v, want a time.Time", tomlA.Params["when"])
	}
	if !reflect.DeepEqual(tomlA.Params, wantTOML) {
		t.Errorf("TOML Params = %#v, want %#v", tomlA.Params, wantTOML)
	}
	jsonA := mustParse(t, p, "content/articles/a.md", ";;;\n{\"title\": \"A\", \"date\": \"2024-07-22\", \"weight\": 3, \"ratio\": 1.5, \"tags\": [1, 2.5]}\n;;;\n")
	wantJSON := map[string]any{"weight": int64(3), "ratio": 1.5, "tags": []any{int64(1), 2.5}}
	if !reflect.DeepEqual(jsonA.Params, wantJSON) {
		t.Errorf("JSON Params = %#v, want %#v", jsonA.Params, wantJSON)
	}
}

func TestDraft(t *testing.T) {
	p := content.NewParser(config.Default())
	for fm, want := range map[string]bool{
		"draft: true\n":  true,
		"draft: false\n": false,
		"":               false,
	} {
		a := mustParse(t, p, "content/articles/a.md", "---\ntitle: A\ndate: 2024-07-22\n"+fm+"---\n")
		if a.Draft != want {
			t.Errorf("%q: Draft = %v, want %v", fm, a.Draft, want)
		}
	}
	a := mustParse(t, p, "content/articles/a.md", "+++\ntitle = \"A\"\ndate = 2024-07-22\ndraft = true\n+++\n")
	if !a.Draft {
		t.Error("TOML draft = true: Draft is false")
	}
}

func TestImage(t *testing.T) {
	p := content.NewParser(config.Default())
	a := mustParse(t, p, "content/articles/a.md", "---\ntitle: A\ndate: 2024-07-22\nimage: rome.jpg\nimage_alt: \"\"\n---\n")
	if a.Image != "rome.jpg" || a.ImageAlt != "" {
		t.Errorf("decorative image: Image %q, ImageAlt %q", a.Image, a.ImageAlt)
	}
	a = mustParse(t, p, "content/articles/a.md", "---\ntitle: A\ndate: 2024-07-22\nimage: \" rome.jpg \"\nimage_alt: \" The Forum \"\n---\n")
	if a.Image != "rome.jpg" || a.ImageAlt != "The Forum" {
		t.Errorf("Image %q, ImageAlt %q, want both trimmed", a.Image, a.ImageAlt)
	}
	a = mustParse(t, p, "content/articles/a.md", "---\ntitle: A\ndate: 2024-07-22\nimage: rome.jpg\nimage_alt: The Forum\nimage_caption: \" The Forum &amp; the\n  Senate \"\nimage_credit: Photo by Jane Doe\n---\n")
	if a.ImageCaption != "The Forum & the Senate" || a.ImageCredit != "Photo by Jane Doe" || a.Params["image_caption"] != nil {
		t.Errorf("ImageCaption %q, ImageCredit %q, Params %v", a.ImageCaption, a.ImageCredit, a.Params)
	}
}

func TestTitleIsTrimmed(t *testing.T) {
	p := content.NewParser(config.Default())
	a := mustParse(t, p, "content/articles/a.md", "---\ntitle: \"  Rome  \"\ndate: 2024-07-22\n---\n")
	if a.Title != "Rome" {
		t.Errorf("Title = %q", a.Title)
	}
	a = mustParse(t, p, "content/articles/a.md", "---\ntitle: 1957\ndate: 2024-07-22\n---\n")
	if a.Title != "1957" {
		t.Errorf("numeric Title = %q", a.Title)
	}
}

func TestSlugs(t *testing.T) {
	p := content.NewParser(config.Default())
	cases := []struct{ name, fm, want string }{
		{"content/articles/2024/the-treaty.md", "", "the-treaty"},
		{"content/articles/2024/The Treaty of Rome.md", "", "the-treaty-of-rome"},
		{"content/articles/2024/Zażółć gęślą jaźń.md", "", "zazolc-gesla-jazn"},
		{"content/articles/2024/treaty-of-rome/index.md", "", "treaty-of-rome"},
		{"content/articles/2024/Treaty Of Rome/index.md", "", "treaty-of-rome"},
		{"content/articles/2024/treaty-of-rome/_index.md", "", "treaty-of-rome"},
		{"content/articles/2024/index-of-names.md", "", "index-of-names"},
		{"content/articles/2024/the-treaty.md", "slug: Rome, 1957\n", "rome-1957"},
		{"content/articles/2024/treaty-of-rome/index.md", "slug: signed\n", "signed"},
		// An explicit slug is used as written, as Hugo uses it: never
		// shortened, lower-cased, spaces made hyphens.
		{"content/articles/2024/a.md", "slug: " + strings.Repeat("very-long-", 12) + "end\n", strings.Repeat("very-long-", 12) + "end"},
		{"content/articles/2024/a.md", "slug: \"My Story: Part 2?\"\n", "my-story-part-2"},
		{"content/articles/2024/a.md", "slug: été à Paris\n", "été-à-paris"},
	}
	for _, tc := range cases {
		a := mustParse(t, p, tc.name, "---\ntitle: A\ndate: 2024-07-22\n"+tc.fm+"---\n")
		if a.Slug != tc.want {
			t.Errorf("%s with %q: Slug = %q, want %q", tc.name, tc.fm, a.Slug, tc.want)
		}
		if a.Path != tc.name {
			t.Errorf("Path = %q, want %q", a.Path, tc.name)
		}
	}
}

func TestSummary(t *testing.T) {
	p := content.NewParser(config.Default())
	words := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = "w" + string(rune('a'+i%26))
		}
		return strings.Join(w, " ")
	}
	cases := []struct {
		name, fm, body, summary, description string
	}{
		{"given summary kept", "summary: \"  A   given\n  summary. \"\n", "First paragraph.\n",
			"A given summary.", "A given summary."},
		{"given description kept", "summary: S.\ndescription: D.\n", "First paragraph.\n", "S.", "D."},
		{"description only", "description: D.\n", "First paragraph.\n", "First paragraph.", "D."},
		{"first paragraph", "", "First *paragraph*, with a [link](https://example.org)\nand `code`.\n\nSecond paragraph.\n",
			"First paragraph, with a link and code.", "First paragraph, with a link and code."},
		{"after a heading and a list", "", "# Heading\n\n- item\n\n> quote\n\nThe paragraph.\n",
			"The paragraph.", "The paragraph."},
		{"entities and typography", "", "Tom &amp; \"Jerry\" -- at last...\n",
			"Tom & “Jerry” – at last…", "Tom & “Jerry” – at last…"},
		{"no image text, no footnote mark", "", "Look ![a map](map.png) here[^1].\n\n[^1]: A note.\n",
			"Look here.", "Look here."},
		{"raw HTML left out", "", "A <b>bold</b> claim.\n", "A bold claim.", "A bold claim."},
		{"no paragraph", "", "## Only a heading\n", "", ""},
		{"50 words kept whole", "", words(50) + "\n", words(50), words(50)},
		{"60 words cut to 50", "", words(60) + "\n", words(50) + "…", words(50) + "…"},
		{"cut at a sentence end", "", words(44) + ". " + words(20) + "\n", words(44) + ".", words(44) + "."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := mustParse(t, p, "content/articles/a.md", "---\ntitle: A\ndate: 2024-07-22\n"+tc.fm+"---\n\n"+tc.body)
			if a.Summary != tc.summary {
				t.Errorf("Summary = %q, want %q", a.Summary, tc.summary)
			}
			if a.Description != tc.description {
				t.Errorf("Description = %q, want %q", a.Description, tc.description)
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	// seq returns "w1 w2 … wn", with the words listed in ends ending in a
	// full stop.
	seq := func(n int, ends ...int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = "w" + itoa(i+1)
		}
		for _, e := range ends {
			w[e-1] += "."
		}
		return strings.Join(w, " ")
	}
	cases := []struct {
		name, text string
		n          int
		want       string
	}{
		{"empty", "", 10, ""},
		{"short", "One two three.", 10, "One two three."},
		{"exactly n words", seq(10), 10, seq(10)},
		{"whitespace collapsed", "  One\n\ttwo   three ", 10, "One two three"},
		{"cut at a word", seq(12), 10, seq(10) + "…"},
		{"cut at the sentence end at n", seq(12, 10), 10, seq(10, 10)},
		{"cut at a sentence end before n", seq(20, 9), 10, seq(9, 9)},
		{"question mark", "a b c d e f g h i? j k l", 10, "a b c d e f g h i?"},
		{"exclamation mark", "a b c d e f g h i! j k l", 10, "a b c d e f g h i!"},
		{"sentence end too early", seq(20, 5), 10, seq(10, 5) + "…"},
		{"latest sentence end wins", seq(60, 42, 47), 50, seq(47, 42, 47)},
		{"sentence end after n ignored", seq(60, 51), 50, seq(50) + "…"},
		{"sentence end beyond the window", seq(60, 40), 50, seq(50, 40) + "…"},
		{"sentence end at the window's edge", seq(60, 41), 50, seq(41, 41)},
		{"trailing punctuation before the ellipsis", "a b c d e f g h i j, k l", 10, "a b c d e f g h i j…"},
		{"trailing dash before the ellipsis", "a b c d e f g h i — k l", 10, "a b c d e f g h i…"},
	}
	for _, tc := range cases {
		if got := content.Excerpt(tc.text, tc.n); got != tc.want {
			t.Errorf("%s: Excerpt(%q, %d) =\n %q\nwant\n %q", tc.name, tc.text, tc.n, got, tc.want)
		}
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

func TestEmptyTermIsAnError(t *testing.T) {
	p := content.NewParser(config.Default())
	_, probs := p.Parse("content/articles/a.md", []byte("---\ntitle: A\ndate: 2024-01-01\npeople: [Jane Doe, \"  \"]\n---\nBody.\n"))
	want := "content/articles/a.md:4: people: item 2 is empty: remove it"
	if len(probs) != 1 || probs[0].Error() != want {
		t.Errorf("problems %v, want %q", probs, want)
	}
}

// TestTOMLTimeOfDay: a time of day, which the TOML decoder dates in the
// year 0, is not a date out of range in a field of the writer's own.
func TestTOMLTimeOfDay(t *testing.T) {
	p := content.NewParser(warsawConfig(t))
	a, probs := p.Parse("content/articles/a.md", []byte("+++\ntitle = \"A\"\ndate = 2024-07-22\nopens = 07:30:00\n+++\n"))
	if len(probs) > 0 || a == nil {
		t.Fatalf("problems: %v", probs)
	}
	if _, ok := a.Params["opens"].(time.Time); !ok {
		t.Errorf("opens = %#v, want a time", a.Params["opens"])
	}
}

func TestURLAndAliases(t *testing.T) {
	p := content.NewParser(config.Default())
	a := mustParse(t, p, "content/articles/a.md", "---\ntitle: A\ndate: 2024-07-22\nurl: /News/2015/06/Foo Bar\n"+
		"aliases: [/old/, old-name, /2015/06/29/caf%C3%A9.html]\nredirect_from: /older/\n---\n")
	if a.URL != "/News/2015/06/Foo Bar/" {
		t.Errorf("URL = %q", a.URL)
	}
	want := []content.Alias{{"/old/", "aliases"}, {"old-name", "aliases"}, {"/2015/06/29/café.html", "aliases"}, {"/older/", "redirect_from"}}
	if !slices.Equal(a.Aliases, want) {
		t.Errorf("Aliases = %q, want %q", a.Aliases, want)
	}
	if _, ok := a.Params["url"]; ok {
		t.Errorf("url reached Params")
	}
}

func TestLanguage(t *testing.T) {
	p := content.NewParser(config.Default())
	for tag, ok := range map[string]bool{"el": true, "pt-BR": true, "zh-Hant": true, "sr-Latn-RS": true, "gsw": true,
		"Greek": false, "e": false, "el1": false, "en--US": false, "en-": false, "en_US": false, "en-toolongsubtag": false} {
		a, probs := p.Parse("content/articles/a.md", []byte("---\ntitle: A\ndate: 2024-07-22\nlanguage: \""+tag+"\"\n---\n"))
		if ok != (len(probs) == 0) || ok && a.Language != tag {
			t.Errorf("language %q: %v, %v", tag, a, probs)
		}
	}
}
