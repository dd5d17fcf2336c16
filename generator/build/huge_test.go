package build_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/build"
	"folio/generator/config"
	"folio/generator/content"
)

// hugeArticle is an article of about size bytes of varied Markdown whose
// last heading is "Heading END".
func hugeArticle(size int) []byte {
	var b strings.Builder
	b.Grow(size + 1024)
	b.WriteString("---\ntitle: Huge\ndate: 2024-01-01\npeople: [Jane Roe]\n---\n\n")
	const para = "A paragraph with *emphasis*, **strong**, a [link](/articles/x/), `code` and \"quotes\" -- and more words.\n\n"
	for i := 0; b.Len() < size; i++ {
		if i%10 == 0 {
			fmt.Fprintf(&b, "## Heading %d\n\n- item one\n- item two\n\n> A quote.\n\n", i)
		}
		b.WriteString(para)
	}
	b.WriteString("## Heading END\n\nThe end.\n")
	return []byte(b.String())
}

// TestHugeArticle builds a 50 MB article (8 MB under -race).
func TestHugeArticle(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds a 50 MB article")
	}
	size := 50 << 20
	if raceEnabled {
		size = 8 << 20
	}
	root := copySite(t)
	write(t, root, "content/articles/huge.md", string(hugeArticle(size)))
	if _, err := build.Run(build.Options{Source: root}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(root, "public/articles/huge/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(page) < size || !strings.Contains(string(page), `<h2 id="heading-end">Heading END</h2>`) {
		t.Errorf("the page has %d bytes and its end is missing", len(page))
	}
}

// BenchmarkParseBySize parses articles of growing size; ns/byte staying
// flat shows that the cost is linear in the size of the file:
//
//	go test -run X -bench ParseBySize ./generator/build
func BenchmarkParseBySize(b *testing.B) {
	p := content.NewParser(config.Default())
	for _, mb := range []int{1, 5, 25, 50} {
		src := hugeArticle(mb << 20)
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for range b.N {
				if _, probs := p.Parse("content/articles/huge.md", src); len(probs) > 0 {
					b.Fatal(probs)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(src)), "ns/byte")
		})
	}
}
