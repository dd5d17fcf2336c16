package build

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestStampsSpareReading: a build takes from the article cache, without
// reading them, the files whose size, times and inode are as the last
// build recorded; a file rewritten with its old size and modification
// time (as cp -p or a restore does) is read again by its change time;
// files changed just before the build are not trusted by their stamps
// (racy); damaged stamps are ignored.
func TestStampsSpareReading(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("stamps need the change time")
	}
	t.Parallel()
	root := smallSite(t)
	build := func(step string) (*Builder, *memorySink) {
		t.Helper()
		b := NewBuilder(Options{Source: root})
		sink := newMemorySink()
		if _, err := b.Build(sink, nil); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		return b, sink
	}
	// Files written within racy of the build are read, and not stamped.
	b, _ := build("just written")
	if b.articlesUnread != 0 {
		t.Errorf("just written: %d files not read", b.articlesUnread)
	}
	if b, _ = build("still racy"); b.articlesUnread != 0 {
		t.Errorf("still racy: %d files not read", b.articlesUnread)
	}
	time.Sleep(racy + 100*time.Millisecond)
	build("stamped")
	b, sink := build("as stamped")
	if b.articlesUnread != 3 {
		t.Errorf("as stamped: %d of 3 files not read", b.articlesUnread)
	}
	if !strings.Contains(sink.file("articles/plain/index.html"), "A <em>plain</em> body.") {
		t.Error("as stamped: the plain article's page lacks its body")
	}

	// Same size, same modification time, other words.
	name := filepath.Join(root, "content", "articles", "plain.md")
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := os.ReadFile(name)
	if err := os.WriteFile(name, []byte(strings.Replace(string(text), "plain", "other", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(name, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	b, sink = build("rewritten in place")
	if b.articlesUnread != 2 {
		t.Errorf("rewritten in place: %d files not read, want 2", b.articlesUnread)
	}
	if !strings.Contains(sink.file("articles/plain/index.html"), "A <em>other</em> body.") {
		t.Error("rewritten in place: the page shows the old body")
	}

	// Damaged stamps: every file is read.
	stampsPath := filepath.Join(root, filepath.FromSlash(ArticlesCache), stampsFile)
	st, err := os.ReadFile(stampsPath)
	if err != nil {
		t.Fatal(err)
	}
	st[len(st)-1] ^= 1
	if err := os.WriteFile(stampsPath, st, 0o644); err != nil {
		t.Fatal(err)
	}
	if b, _ = build("damaged"); b.articlesUnread != 0 {
		t.Errorf("damaged stamps: %d files not read", b.articlesUnread)
	}
}

// TestDamagedStamps: stamps whose hash is right but whose lengths are
// not (a name longer than the file) are no stamps, not a panic.
func TestDamagedStamps(t *testing.T) {
	dir := t.TempDir()
	body := binary.AppendUvarint(nil, math.MaxUint64)
	body = append(body, make([]byte, 64)...)
	sum := sha256.Sum256(body)
	if err := os.WriteFile(filepath.Join(dir, stampsFile), append(append([]byte(stampsMagic), sum[:]...), body...), 0o644); err != nil {
		t.Fatal(err)
	}
	if s := readStamps(dir); s != nil {
		t.Errorf("damaged stamps read as %v", s)
	}
}

// TestLocalZoneInContext: the machine's local zone is part of what an
// article's record is found by.
func TestLocalZoneInContext(t *testing.T) {
	t.Setenv("TZ", "Europe/Berlin")
	berlin := localZone()
	t.Setenv("TZ", "UTC")
	if localZone() == berlin {
		t.Error("the local zone's name does not change the article cache's context")
	}
}
