package build

import (
	"io/fs"
	"syscall"
)

// stampOf is a file's stamp, from what the listing's stat gave.
func stampOf(info fs.FileInfo) (stamp, bool) {
	if info == nil {
		return stamp{}, false
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return stamp{}, false
	}
	return stamp{size: info.Size(), mtime: info.ModTime().UnixNano(), ctime: st.Ctim.Nano(), ino: st.Ino}, true
}
