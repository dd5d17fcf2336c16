package srcfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadRegular(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.md")
	os.WriteFile(p, []byte("hello"), 0o644)
	b, err := Read(p, 5)
	if err != nil || string(b) != "hello" {
		t.Fatalf("Read = %q, %v", b, err)
	}
	if _, err := Read(p, 4); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "larger than 4 bytes") {
		t.Errorf("over the limit: %v", err)
	}
}

// A named pipe without a writer once hung the build forever.
func TestFIFORefusedAtOnce(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe.md")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() { _, err := Read(p, MaxText); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("err = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Read blocked on a named pipe")
	}
}

// /dev/zero never ends; it once made import read until it was killed.
func TestDevicesRefused(t *testing.T) {
	for _, p := range []string{"/dev/zero", "/dev/null"} {
		if _, err := os.Stat(p); err != nil {
			continue
		}
		if _, err := Read(p, MaxText); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "character device") {
			t.Errorf("%s: err = %v", p, err)
		}
	}
	if _, err := Read(t.TempDir(), MaxText); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "folder") {
		t.Errorf("a folder: err = %v", err)
	}
}

func TestOpenFollowsLinksToFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "target"), []byte("x"), 0o644)
	os.Symlink("target", filepath.Join(dir, "link"))
	if b, err := Read(filepath.Join(dir, "link"), 10); err != nil || string(b) != "x" {
		t.Errorf("Read(link) = %q, %v", b, err)
	}
}
