package output

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"folio/generator/atomicfile"
	"folio/generator/srcfile"
)

// A manifest lists every file of a built site with the SHA-256 of its
// bytes, one "hash  path" line each, sorted by path: the format of
// sha256sum, so that `sha256sum -c` run in the output folder checks it.
// It lies beside the output folder (.public.folio-sha256 for public/),
// written after the site is in place. Deploy tools compare two of them
// to upload what changed; the next build reads it to keep every file
// whose bytes are unchanged as it is (its inode and modification time),
// so that rsync, s3 sync and rclone, which compare sizes and times, move
// only what changed.

// ManifestPath is the manifest of the output folder dest.
func ManifestPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".folio-sha256")
}

// Manifest is the manifest of the site in the output folder.
type Manifest struct {
	sums map[string][sha256.Size]byte
	// written is when the manifest was: a file of the site changed after
	// it (a hand edit of the output) is not known by it. grain is the
	// step of file times there (see grainOf).
	written time.Time
	grain   time.Duration
}

// Len is the number of files the manifest lists.
func (m *Manifest) Len() int {
	if m == nil {
		return 0
	}
	return len(m.sums)
}

// ReadManifest reads the manifest of the output folder dest. It returns
// nil, and the build then writes every file, when there is none, or when
// it is not a regular file, or not all lines a manifest writes: a damaged
// or foreign manifest is never trusted.
func ReadManifest(dest string) *Manifest {
	p := ManifestPath(dest)
	info, err := os.Lstat(p)
	if err != nil || !info.Mode().IsRegular() {
		return nil
	}
	b, err := srcfile.Read(p, 1<<40)
	if err != nil {
		return nil
	}
	m := &Manifest{sums: make(map[string][sha256.Size]byte, bytes.Count(b, []byte{'\n'})), written: info.ModTime(), grain: grainOf(info.ModTime())}
	for len(b) > 0 {
		line, rest, ok := bytes.Cut(b, []byte{'\n'})
		if !ok || len(line) < 2*sha256.Size+3 || string(line[2*sha256.Size:2*sha256.Size+2]) != "  " {
			return nil
		}
		var sum [sha256.Size]byte
		if _, err := hex.Decode(sum[:], line[:2*sha256.Size]); err != nil {
			return nil
		}
		name := string(line[2*sha256.Size+2:])
		if !validName(name) {
			return nil
		}
		m.sums[name] = sum
		b = rest
	}
	return m
}

// writeManifest writes sums as the manifest of dest, replacing the last
// one in one step.
func writeManifest(dest string, sums map[string][sha256.Size]byte) error {
	names := make([]string, 0, len(sums))
	for name := range sums {
		names = append(names, name)
	}
	slices.Sort(names)
	p := ManifestPath(dest)
	tmp, err := atomicfile.Create(p)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(tmp, 1<<16)
	for _, name := range names {
		sum := sums[name]
		var line [2*sha256.Size + 2]byte
		hex.Encode(line[:], sum[:])
		line[2*sha256.Size], line[2*sha256.Size+1] = ' ', ' '
		w.Write(line[:])
		w.WriteString(name)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		tmp.Abort()
		return fmt.Errorf("writing %s: %w", p, err)
	}
	if err := tmp.Commit(); err != nil {
		return fmt.Errorf("writing %s: %w", p, err)
	}
	return nil
}

// Changes counts what a committed build did to the files of the output
// folder, against the site it replaced.
type Changes struct {
	// Written are the files new or changed, Kept those whose bytes were
	// the same (kept with their inode and time), Removed those of the
	// last site that the new one does not have.
	Written, Kept, Removed int
	// Compared are the last site's files read to tell that they were
	// untouched: those written too near the last manifest for their
	// times to tell.
	Compared int
}

// KeepLast keeps the last site's file of that name as it is, when the
// last manifest lists it and the file is untouched since (see untouched):
// a build that can tell a page would come out the same keeps its file
// instead of rendering it. It reports whether it did; if not, the
// caller writes the file.
func (s *Staging) KeepLast(name string) bool {
	if s.prev == nil || !validName(name) {
		return false
	}
	sum, ok := s.prev.sums[name]
	return ok && s.keepLast(name, sum, -1)
}

// timeGrain is the coarsest step of file times: some file systems keep
// them to the second or two (FAT's two, ext4's small inodes and HFS+'s
// one). A file of the last site whose time is within it of the manifest's
// may have been changed just after the manifest with the same time, and
// its bytes are compared.
const timeGrain = 2 * time.Second

// fineGrain is that step on a file system that keeps times to the
// nanosecond (ext4, XFS, Btrfs, tmpfs, APFS): the clock Linux stamps
// files with moves in ticks of 1 to 10 ms, and this is twice the widest.
const fineGrain = 20 * time.Millisecond

// grainOf is the step of file times where the manifest is, told by its
// own time: one with a fraction of a second is on a file system that
// keeps them. (A coarse file system never gives one; a fine one gives a
// time on the second once in a billion, and then costs a comparison.)
func grainOf(written time.Time) time.Duration {
	if written.Nanosecond() != 0 {
		return fineGrain
	}
	return timeGrain
}

// hashLast is the SHA-256 of the last site's file name, opened through
// the root.
func (s *Staging) hashLast(name string) ([sha256.Size]byte, error) {
	s.compared.Add(1)
	var sum [sha256.Size]byte
	f, err := s.root.Open(filepath.FromSlash(name))
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, err
	}
	h.Sum(sum[:0])
	return sum, nil
}

// hashFile is the SHA-256 of the file at p, read without following a
// link.
func hashFile(p string) ([sha256.Size]byte, int64, error) {
	var sum [sha256.Size]byte
	f, _, err := srcfile.OpenExact(p)
	if err != nil {
		return sum, 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return sum, 0, err
	}
	h.Sum(sum[:0])
	return sum, n, nil
}

// linkedLast reports whether the last site's file name is the file id
// names, by its inode alone (no look at its time), and its hash then: known when
// given, else the last manifest's.
func (s *Staging) linkedLast(name string, known *[sha256.Size]byte, id FileID) ([sha256.Size]byte, bool) {
	if s.prev == nil || s.root == nil || id == (FileID{}) {
		return [sha256.Size]byte{}, false
	}
	sum, ok := s.prev.sums[name]
	if !ok {
		return sum, false
	}
	if known != nil {
		sum = *known
	}
	last, ok := s.lookLast(name)
	return sum, ok && last.regular && last.id.isFile(id)
}

// sameAsLast reports whether the last site's file name is the file at
// src itself (a hard link to the same image of the image cache), so that
// its hash is the manifest's without reading it.
func (s *Staging) sameAsLast(name, src string) ([sha256.Size]byte, bool) {
	if s.prev == nil || s.root == nil {
		return [sha256.Size]byte{}, false
	}
	sum, ok := s.prev.sums[name]
	if !ok {
		return sum, false
	}
	last, ok := s.lookLast(name)
	if !ok || !last.regular || last.mtime > s.prev.written.UnixNano() {
		return sum, false
	}
	id, ok := s.links.id(src)
	return sum, ok && id != fileID{} && id.same(last.id)
}

// errUncommitted is returned by Changes before Commit.
var errUncommitted = errors.New("the site is not committed yet")

// Changes tells, after Commit, what the build changed in the output
// folder, and why the manifest could not be written if it could not (the
// last one then stays, which is safe: it describes no file written since).
func (s *Staging) Changes() (Changes, error) {
	if !s.committed {
		return Changes{}, errUncommitted
	}
	return s.changes, s.manifestErr
}
