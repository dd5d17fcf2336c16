package build

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
	"time"

	"folio/generator/content"
)

// TestFingerprintFindsTheArticles: the fingerprint's look at the sources
// gives what it found of every article file under the name the build
// scans it by, so that the build need not look each up again, and the
// build takes it once.
func TestFingerprintFindsTheArticles(t *testing.T) {
	t.Parallel()
	root := smallSite(t)
	exe := [sha256.Size]byte{1}
	_, record, looked := fingerprint(Options{Source: root}, time.Now().Add(time.Minute), &exe)
	if !record {
		t.Fatal("the fingerprint was not taken")
	}
	names, _, err := content.Scan(root)
	if err != nil || len(names) != 3 {
		t.Fatalf("scan: %v, %v", names, err)
	}
	if len(looked) != len(names) {
		t.Errorf("found %d article files, want %d", len(looked), len(names))
	}
	for _, name := range names {
		info, err := os.Stat(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		got := looked[name]
		if got == nil || got.Size() != info.Size() || !got.ModTime().Equal(info.ModTime()) {
			t.Errorf("%s: found %v, want its size %d and time %v", name, got, info.Size(), info.ModTime())
		}
	}
	b := NewBuilder(Options{Source: root})
	b.looked = looked
	if _, err := b.Build(newMemorySink(), nil); err != nil {
		t.Fatal(err)
	}
	if b.looked != nil {
		t.Error("the build kept what the fingerprint found after its scan")
	}
	for _, name := range names {
		if e := b.files[name]; e == nil || e.size != looked[name].Size() {
			t.Errorf("%s: not built from what the fingerprint found", name)
		}
	}
}
