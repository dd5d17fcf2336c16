package build

import (
	"bytes"
	"crypto/sha256"
	"os"
	"slices"
	"testing"
	"time"

	"folio/generator/render"
	"folio/generator/search"
)

// The benchmarks below run on the archive at $FOLIO_BENCH_SITE: a corpus
// made by ../shared/bench/genarchive with this repository's layouts/,
// static/ and config.yaml copied in (the README shows how). They measure;
// the comparison with Hugo is ../shared/bench/compare.sh's.

// benchSite returns the archive to measure, or skips.
func benchSite(b *testing.B) string {
	b.Helper()
	root := os.Getenv("FOLIO_BENCH_SITE")
	if root == "" {
		b.Skip("set FOLIO_BENCH_SITE to a generated archive")
	}
	return root
}

// discard is a sink that keeps nothing, so that benchmarks time the
// build without the disk.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }
func (discard) CopyFile(string, string) error  { return nil }
func (discard) Remove(string) error            { return nil }

// BenchmarkBuild times a whole build into a folder, as `folio build`
// does, and reports the time per article.
func BenchmarkBuild(b *testing.B) {
	root := benchSite(b)
	dest := b.TempDir()
	articles := 0
	b.ResetTimer()
	for range b.N {
		res, err := Run(Options{Source: root, Dest: dest})
		if err != nil {
			b.Fatal(err)
		}
		articles = res.Articles
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*articles), "ns/article")
}

// BenchmarkRenderKind renders every page of one kind once per iteration,
// on one core, and reports the time per page: where the layouts' time
// goes.
func BenchmarkRenderKind(b *testing.B) {
	root := benchSite(b)
	bl := NewBuilder(Options{Source: root})
	if _, err := bl.Build(discard{}, nil); err != nil {
		b.Fatal(err)
	}
	byKind := map[string][]*render.Page{}
	for _, p := range bl.plan {
		byKind[p.Kind] = append(byKind[p.Kind], p)
	}
	kinds := slices.Sorted(func(yield func(string) bool) {
		for k := range byKind {
			if !yield(k) {
				return
			}
		}
	})
	for _, kind := range kinds {
		pages := byKind[kind]
		b.Run(kind, func(b *testing.B) {
			var buf bytes.Buffer
			for range b.N {
				for _, p := range pages {
					buf.Reset()
					if err := p.Render(&buf, bl.tmpl); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/page")
			b.ReportMetric(float64(len(pages)), "pages")
		})
	}
}

// BenchmarkSearchIndex indexes the whole site once per iteration, on one
// core, and reports the time per article: what search adds to a build.
func BenchmarkSearchIndex(b *testing.B) {
	root := benchSite(b)
	bl := NewBuilder(Options{Source: root})
	if _, err := bl.Build(discard{}, nil); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		search.New().Build(bl.site)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(bl.site.Articles)), "ns/article")
}

// BenchmarkFingerprint times what a build that may be up to date does
// first: the walk and look-up of every source file.
func BenchmarkFingerprint(b *testing.B) {
	root := benchSite(b)
	exe := [sha256.Size]byte{}
	for range b.N {
		if _, ok, _ := fingerprint(Options{Source: root}, time.Now(), &exe); !ok {
			b.Fatal("no fingerprint")
		}
	}
}
