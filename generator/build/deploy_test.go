package build_test

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"folio/generator/build"
	"folio/generator/output"
)

// fileState is what deploy tools compare: the bytes, and the file itself.
type fileState struct {
	sum   [sha256.Size]byte
	ino   uint64
	mtime int64
}

func fileStates(t *testing.T, dest string) map[string]fileState {
	t.Helper()
	files := map[string]fileState{}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == output.Marker {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		files[filepath.ToSlash(rel)] = fileState{sha256.Sum256(b), info.Sys().(*syscall.Stat_t).Ino, info.ModTime().UnixNano()}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestEditRewritesOnlyChangedFiles: after one article's summary is
// edited, the command-line build writes exactly the files whose bytes
// changed (the article, the lists and feeds that show the summary, the
// search index) and keeps every other file as it was, with its inode
// and time, so that rsync or s3 sync move only those; the summary counts
// them, and the manifest beside the output lists every file's hash.
func TestEditRewritesOnlyChangedFiles(t *testing.T) {
	t.Parallel()
	root := copySite(t)
	dest := filepath.Join(root, "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	before := fileStates(t, dest)
	article := "content/articles/2024/07/shuttle-press-kits-from-1999-go-online.md"
	b, err := os.ReadFile(filepath.Join(root, article))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, article, strings.Replace(string(b), "summary: \"Twenty-five years after", "summary: \"Twenty-five years since", 1))
	res, err := build.Run(build.Options{Source: root, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	after := fileStates(t, dest)
	changed, kept := 0, 0
	for name, now := range after {
		was, ok := before[name]
		switch {
		case !ok || was.sum != now.sum:
			changed++
			if ok && was.ino == now.ino {
				t.Errorf("%s changed in place", name)
			}
		case was.ino != now.ino || was.mtime != now.mtime:
			t.Errorf("%s has the same bytes but is a new file", name)
		default:
			kept++
		}
	}
	if changed < 5 || changed > 40 || len(after) != len(before) {
		t.Errorf("%d of %d files changed (before: %d)", changed, len(after), len(before))
	}
	if res.Files == nil || res.Files.Written != changed || res.Files.Kept != kept || res.Files.Removed != 0 {
		t.Errorf("the build counts %+v; %d changed and %d kept", res.Files, changed, kept)
	}
	for _, name := range []string{"index.html", "articles/shuttle-press-kits-from-1999-go-online/index.html", "people/eileen-collins/index.html"} {
		if before[name].sum == after[name].sum {
			t.Errorf("%s, which shows the summary, did not change", name)
		}
	}
	man := output.ReadManifest(dest)
	if man.Len() != len(after) {
		t.Errorf("the manifest lists %d files, the output has %d", man.Len(), len(after))
	}
}
