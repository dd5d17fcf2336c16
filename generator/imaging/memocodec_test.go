package imaging

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func sampleMemo() map[string]memo {
	return map[string]memo{
		"static/img/a.jpg": {Size: 2_000_000, ModTime: 1_700_000_000_123_456_789, Key: "00ab-ceb24398", Image: &Image{
			Width: 1600, Height: 1200, Format: "jpeg", Fallback: "jpeg",
			Sizes: []Size{
				{Width: 480, Height: 360, WebP: "00ab-ceb24398-480.webp", Fallback: "00ab-ceb24398-480.jpg", WebPSum: "aa", FallbackSum: "bb"},
				{Width: 1600, Height: 1200, WebP: "00ab-ceb24398-1600.webp", Fallback: "00ab-ceb24398-1600.jpg"},
			}}},
		"stripped:static/img/a.jpg":  {Size: 1, ModTime: -5, Key: "s-00ff.jpg"},
		"content/articles/x/ü ñ.png": {Size: 0, ModTime: 0, Key: "", Image: &Image{Format: "png", Fallback: "png", Sizes: []Size{}}},
		"static/img/b.jpg": {Size: 7, ModTime: 8, Key: "00cd-ceb24398", Source: "s-00ef.jpg", Image: &Image{Width: 480, Height: 360, Format: "jpeg", Fallback: "jpeg",
			Sizes: []Size{{Width: 480, Height: 360, WebP: "00cd-ceb24398-480.webp", Fallback: "00cd-ceb24398-480.jpg", WebPSum: "cc", FallbackSum: "dd"}}}},
	}
}

// TestMemoRoundTrip: what a processor saves it reads back as it was.
func TestMemoRoundTrip(t *testing.T) {
	want := sampleMemo()
	b, err := encodeMemo(want)
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), memoFile)
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	got, old, err := readMemo(name)
	if err != nil || old {
		t.Fatalf("readMemo: %v, old %v", err, old)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, want)
	}
}

// TestMemoOfAnOlderFolio: the gob memo of version 1 still gives its
// entries (a warm cache stays warm across the upgrade) and is written
// anew in the current version.
func TestMemoOfAnOlderFolio(t *testing.T) {
	want := sampleMemo()
	var body bytes.Buffer
	if err := gob.NewEncoder(&body).Encode(want); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(body.Bytes())
	dir := t.TempDir()
	v1 := append(append(append([]byte(memoMagic), memoVersionV1), sum[:]...), body.Bytes()...)
	if err := os.WriteFile(filepath.Join(dir, memoFile), v1, 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := New(Options{Widths: []int{480}, Quality: 75, MaxPixels: 1 << 20, CacheDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.memo) != len(want) || p.memo["static/img/a.jpg"].Image == nil || p.memo["static/img/a.jpg"].Image.Sizes[1].WebP != "00ab-ceb24398-1600.webp" {
		t.Fatalf("the older memo gave %+v", p.memo)
	}
	if err := p.SaveMemo(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, memoFile))
	if err != nil {
		t.Fatal(err)
	}
	if b[len(memoMagic)] != memoVersion {
		t.Errorf("the older memo was not written anew: version %d", b[len(memoMagic)])
	}
}

// TestDamagedMemoBodies: no cut or changed body decodes into entries it
// does not hold, nor panics; each cut is an error.
func TestDamagedMemoBodies(t *testing.T) {
	body := appendMemo(nil, sampleMemo())
	for i := range body {
		if m, err := decodeMemo(body[:i]); err == nil {
			t.Fatalf("a body cut at %d of %d decoded: %+v", i, len(body), m)
		}
		for _, x := range []byte{0x01, 0x80, 0xff} {
			b := bytes.Clone(body)
			b[i] ^= x
			_, _ = decodeMemo(b) // must not panic
		}
	}
	huge := append([]byte{0xff, 0xff, 0xff, 0xff, 0x0f}, body...)
	if _, err := decodeMemo(huge); err == nil {
		t.Error("a count beyond the body's bytes decoded")
	}
}
