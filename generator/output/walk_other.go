//go:build !linux

package output

import (
	"io/fs"
	"path/filepath"
)

// walkLast lists every file and folder under dest, without following
// links, with what lastEntry keeps of each.
func walkLast(dest string, hint int) (map[string]lastEntry, []int) {
	last := make(map[string]lastEntry, hint)
	_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dest {
			return nil
		}
		rel, err := filepath.Rel(dest, p)
		if err != nil {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		last[filepath.ToSlash(rel)] = lastEntry{size: info.Size(), mtime: info.ModTime().UnixNano(), id: idOf(info),
			dir: info.IsDir(), regular: info.Mode().IsRegular()}
		return nil
	})
	return last, nil
}

// resolve is e: elsewhere than Linux the walk looks every name up.
func (e lastEntry) resolve(string) (lastEntry, bool) { return e, true }

func closeFD(int) {}
