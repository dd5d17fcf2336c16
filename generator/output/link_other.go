//go:build !linux

package output

import "os"

// id is the identity of the file at p, not followed if a link.
func (linker) id(p string) (fileID, bool) {
	info, err := os.Lstat(p)
	if err != nil {
		return fileID{}, false
	}
	return idOf(info), true
}

// linker makes hard links; elsewhere than Linux, by path.
type linker struct{}

func (linker) link(oldname, newname string) error { return os.Link(oldname, newname) }

func (linker) close() {}
