//go:build unix

package output

import (
	"io/fs"
	"os"
	"syscall"
)

// fileID tells one file from another on the same machine.
type fileID struct{ dev, ino uint64 }

func idOf(info fs.FileInfo) fileID {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}
	}
	return fileID{dev: uint64(st.Dev), ino: st.Ino}
}

// is reports whether info describes the file id names.
func (id fileID) is(info fs.FileInfo) bool { return id != fileID{} && idOf(info) == id }

func (id fileID) same(other fileID) bool { return id == other }

// isFile reports whether id names the file f names.
func (id fileID) isFile(f FileID) bool {
	return f != FileID{} && id == fileID{dev: f.Dev, ino: f.Ino}
}

// openNoFollow opens p for reading, failing when p is a symbolic link,
// and without waiting for a writer when p is a named pipe.
func openNoFollow(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}
