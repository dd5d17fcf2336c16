//go:build !unix

package output

import (
	"io/fs"
	"os"
)

// fileID tells one file from another, as well as the system allows.
type fileID struct{ info fs.FileInfo }

func idOf(info fs.FileInfo) fileID { return fileID{info} }

// is reports whether info describes the file id names.
func (id fileID) is(info fs.FileInfo) bool { return id.info != nil && os.SameFile(id.info, info) }

func (id fileID) same(other fileID) bool { return id.is(other.info) }

// openNoFollow opens p for reading; without O_NOFOLLOW, the identity
// check that follows is the only guard.
func openNoFollow(p string) (*os.File, error) { return os.Open(p) }

// isFile is false: elsewhere than Unix no FileID is known.
func (id fileID) isFile(FileID) bool { return false }
