package wpbody

import (
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// wxrItem is one post of an export, as much as these tests need.
type wxrItem struct {
	Title   string `xml:"title"`
	ID      string `xml:"post_id"`
	Content string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
}

// readItems reads the posts of a WXR file.
func readItems(t *testing.T, path string) []wxrItem {
	t.Helper()
	items, err := decodeItems(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return items
}

// decodeItems is readItems for files that may not be well-formed.
func decodeItems(path string) ([]wxrItem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	var items []wxrItem
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return items, nil
		}
		if err != nil {
			return nil, err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "item" {
			var it wxrItem
			if err := d.DecodeElement(&it, &se); err != nil {
				return nil, err
			}
			items = append(items, it)
		}
	}
}

// fenced finds Markdown code blocks, where text is shown as written.
var fenced = regexp.MustCompile("(?s)```.*?```")

// leftovers are WordPress syntax that must not reach a folio page.
// ("[caption](url)" is a link whose text is the word).
var leftovers = regexp.MustCompile(`<!--\s*/?wp:|\[/?(caption|gallery|embed|audio|video|wp_caption)(\s[^\]]*)?\](?:[^(]|$)`)

// TestImporterExcerpts converts posts of the WordPress importer's own
// test exports (theme unit test data among them) and compares the whole
// result, notes included, with the reviewed golden file.
func TestImporterExcerpts(t *testing.T) {
	var b strings.Builder
	for _, it := range readItems(t, "testdata/importer-excerpts.xml") {
		out, notes := Convert(it.Content, Options{})
		fmt.Fprintf(&b, "==== %s %s\n%s", it.ID, it.Title, out)
		for _, n := range notes {
			fmt.Fprintf(&b, "-- %d: %s\n", n.Line, n.What)
		}
		if m := leftovers.FindString(fenced.ReplaceAllString(out, "")); m != "" {
			t.Errorf("post %s: %q left in the body", it.ID, m)
		}
	}
	const golden = "testdata/importer-excerpts.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("output differs from %s (go test -run TestImporterExcerpts -update, then review the diff):\n%s", golden, b.String())
	}
}
