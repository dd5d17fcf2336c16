// Package srcfile opens the files a user hands the generator (articles,
// profiles, layouts, the config, static files, files to import) so that
// no such file can hang or exhaust a build: only regular files are read,
// a named pipe or a device is refused without blocking on it, and a file
// is read only up to a size limit.
package srcfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// MaxText is the most bytes of a text file the generator parses whole: an
// article, a profile, a layout, the config, a stylesheet or a script, a
// file to import. Parsing costs about a second per 50 MB, so a larger file
// is far more likely a mistake (a video named .md, /dev/zero) than prose.
const MaxText = 64 << 20

// MaxImage is the most bytes of an image the generator reads whole, to
// strip its metadata or make its sizes: a 100-megapixel camera JPEG is
// about 50 MB, a PNG of that size several times more.
const MaxImage = 512 << 20

// ErrNotRegular is returned for anything but a regular file.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is returned for a file over the limit.
var ErrTooLarge = errors.New("file too large")

// Open opens path for reading when it is a regular file, following
// symbolic links (callers decide which links may be followed). Opening
// never blocks: a named pipe without a writer is refused, not waited for.
// Errors leave the path out (errors.Is still tells fs.ErrNotExist):
// callers name the file as the user knows it, relative to the site.
func Open(path string) (*os.File, fs.FileInfo, error) {
	return open(path, 0)
}

// OpenExact is Open for a path already resolved and checked: a symbolic
// link found in its place (one swapped in since the check) is refused,
// not followed.
func OpenExact(path string) (*os.File, fs.FileInfo, error) {
	return open(path, noFollow)
}

func open(path string, flags int) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlock|flags, 0)
	if err != nil {
		return nil, nil, withoutPath(err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, withoutPath(err)
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, fmt.Errorf("%w: it is %s", ErrNotRegular, Kind(info.Mode()))
	}
	return f, info, nil
}

// Read returns the bytes of the regular file at path, refusing one of
// more than limit bytes. The limit holds even if the file grows while it
// is read.
func Read(path string, limit int64) ([]byte, error) {
	b, _, err := ReadFile(path, limit)
	return b, err
}

// ReadExact is Read for a path already resolved and checked, as
// OpenExact opens it.
func ReadExact(path string, limit int64) ([]byte, error) {
	f, info, err := OpenExact(path)
	if err != nil {
		return nil, err
	}
	b, _, err := readAll(f, info, limit)
	return b, err
}

// ReadFile is Read that also returns the file's information, as it was
// when the file was opened.
func ReadFile(path string, limit int64) ([]byte, fs.FileInfo, error) {
	f, info, err := Open(path)
	if err != nil {
		return nil, nil, err
	}
	return readAll(f, info, limit)
}

func readAll(f *os.File, info fs.FileInfo, limit int64) ([]byte, fs.FileInfo, error) {
	defer f.Close()
	if info.Size() > limit {
		return nil, nil, tooLarge(limit)
	}
	b := make([]byte, 0, info.Size()+1)
	for {
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if int64(len(b)) > limit {
			return nil, nil, tooLarge(limit)
		}
		if errors.Is(err, io.EOF) {
			return b, info, nil
		}
		if err != nil {
			return nil, nil, withoutPath(err)
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

func tooLarge(limit int64) error {
	return fmt.Errorf("%w: it is larger than %s, the most the generator reads of one file", ErrTooLarge, bytes(limit))
}

// bytes says a size the way people read it.
func bytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Kind names a file's type for a message: "a named pipe", "a folder".
func Kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a regular file"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// withoutPath drops the path from an fs error.
func withoutPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
