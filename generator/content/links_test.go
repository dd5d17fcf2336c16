package content_test

import (
	"fmt"
	"strings"
	"testing"

	"folio/generator/config"
	"folio/generator/content"
)

// linksBody has a link that may be the site's on lines 3, 5, 7, 8, 10
// and 13 of the body, and others that cannot be.
const linksBody = `Intro.

See [the story](/articles/gone/) and [mail](mailto:a@example.org).

A [relative](../other/ "title") link, [a fragment](#top), [elsewhere](ftp://x.org/).

- a list with [a reference][ref]
- and <https://archive.example.org/articles/x/>

> quoted [link
> over lines](/articles/y/)

www.example.org/z

[ref]: /articles/ref/
`

// TestBodyLinksWithTheirLines checks the links a body keeps for the build
// to check, with their lines in the file, whatever the front matter's
// format and line ends.
func TestBodyLinksWithTheirLines(t *testing.T) {
	t.Parallel()
	p := content.NewParser(config.Default())
	heads := map[string]string{
		"YAML":        "---\ntitle: Links\ndate: 2024-01-01\n---\n",
		"TOML":        "+++\ntitle = \"Links\"\ndate = 2024-01-01\n+++\n",
		"JSON":        ";;;\n{\"title\": \"Links\",\n\"date\": \"2024-01-01\"}\n;;;\n",
		"JSON braces": "{\n\"title\": \"Links\",\n\"date\": \"2024-01-01\"\n}\n",
		"blank lines": "\n\n---\ntitle: Links\ndate: 2024-01-01\n---\n",
	}
	for name, head := range heads {
		for _, crlf := range []bool{false, true} {
			src := head + "\n" + linksBody
			if crlf {
				src = strings.ReplaceAll(src, "\n", "\r\n")
			}
			a := mustParse(t, p, "content/articles/links.md", src)
			first := strings.Count(head, "\n") + 2 // the body's first line, in the file
			var got []string
			for _, l := range a.Links {
				got = append(got, fmt.Sprintf("%d %s", l.Line-first+1, l.URL))
			}
			want := "3 /articles/gone/, 5 ../other/, 7 /articles/ref/, 8 https://archive.example.org/articles/x/, 10 /articles/y/, 13 http://www.example.org/z"
			if strings.Join(got, ", ") != want {
				t.Errorf("%s (CRLF %v): links by their lines in the body:\n got %s\nwant %s", name, crlf, strings.Join(got, ", "), want)
			}
		}
	}
}
