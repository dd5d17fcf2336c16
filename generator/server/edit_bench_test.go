package server

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"folio/generator/build"
	"folio/generator/content"
)

// BenchmarkRebuildAfterEdit times the server's rebuild after one article
// is saved, on the archive at $FOLIO_BENCH_SITE (a corpus made by
// ../shared/bench/genarchive, with this repository's layouts, static/ and
// config.yaml copied in). It reports the median and the slowest rebuild.
func BenchmarkRebuildAfterEdit(b *testing.B) {
	root, name, _, orig := benchArticle(b)
	timeRebuilds(b, root, name, func(i int) []byte {
		return []byte(strings.Replace(string(orig), "\n\n", "\n\nEdit "+time.Now().Format(time.RFC3339Nano)+" "+string(rune('a'+i%26))+".\n\n", 1))
	})
}

// BenchmarkRebuildAfterLayoutEdit times the server's rebuild after a
// layout every article page uses is saved, on the archive at
// $FOLIO_BENCH_SITE: every page is rendered again, in memory.
func BenchmarkRebuildAfterLayoutEdit(b *testing.B) {
	root, _, _, _ := benchArticle(b)
	const name = "layouts/article.html"
	orig, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		b.Fatal(err)
	}
	timeRebuilds(b, root, name, func(i int) []byte {
		return append(slices.Clone(orig), []byte("{{/* edit "+time.Now().Format(time.RFC3339Nano)+" "+string(rune('a'+i%26))+" */}}\n")...)
	})
}

// timeRebuilds builds the site at root in a server, then b.N times writes
// edit(i) to the file name and times the rebuild; the file is put back
// as it was at the end.
func timeRebuilds(b *testing.B, root, name string, edit func(i int) []byte) {
	p := filepath.Join(root, filepath.FromSlash(name))
	orig, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.WriteFile(p, orig, 0o644) })
	s := New(build.Options{Source: root}, io.Discard)
	if _, err := s.Rebuild(nil); err != nil {
		b.Fatal(err)
	}
	var times []time.Duration
	rendered := 0
	b.ResetTimer()
	for i := range b.N {
		if err := os.WriteFile(p, edit(i), 0o644); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		res, err := s.Rebuild(build.Changes{name})
		if err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
		if len(res.Rendered) == 0 {
			b.Fatal("nothing rendered")
		}
		rendered += len(res.Rendered)
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "max-ms")
	b.ReportMetric(float64(rendered)/float64(b.N), "pages/op")
}

// benchArticle picks the article the benchmarks edit in the archive at
// $FOLIO_BENCH_SITE: its site root, name, path and original bytes, which
// are written back when the benchmark ends.
func benchArticle(b *testing.B) (root, name, path string, orig []byte) {
	b.Helper()
	root = os.Getenv("FOLIO_BENCH_SITE")
	if root == "" {
		b.Skip("set FOLIO_BENCH_SITE to a generated archive")
	}
	files, err := content.Files(root)
	if err != nil || len(files) == 0 {
		b.Fatalf("no articles under %s: %v", root, err)
	}
	name = files[len(files)/2]
	path = filepath.Join(root, filepath.FromSlash(name))
	orig, err = os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.WriteFile(path, orig, 0o644) })
	return root, name, path, orig
}
