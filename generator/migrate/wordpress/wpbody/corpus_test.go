package wpbody

import (
	"encoding/xml"
	"io"
	"os"
	"strings"
	"testing"
)

// wxrItem is one post of an export, as much as these tests need.
type wxrItem struct {
	Title   string `xml:"title"`
	ID      string `xml:"post_id"`
	Content string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
}

// readItems reads the posts of a WXR file.
func readItems(t *testing.T, path string) []wxrItem {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	d.Strict = false
	var items []wxrItem
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return items
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "item" {
			var it wxrItem
			if err := d.DecodeElement(&it, &se); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			items = append(items, it)
		}
	}
}

func TestDumpCorpus(t *testing.T) {
	path := os.Getenv("WPBODY_DUMP")
	if path == "" {
		t.Skip("WPBODY_DUMP names a WXR file to print converted")
	}
	for _, it := range readItems(t, path) {
		out, notes := Convert(it.Content, Options{})
		t.Logf("==== %s %q\n%s\n-- notes: %v", it.ID, it.Title, out, notes)
		if strings.Contains(out, "<!-- wp:") {
			t.Errorf("%s: block comment left", it.ID)
		}
	}
}
