//go:build !linux

package output

import (
	"os"
	"path"
	"path/filepath"
)

// looker looks up names of the last site one by one, as a build asks
// about them; elsewhere than Linux, each folder on the way is looked up
// too, through the output folder's root, so that no link is followed.
type looker struct{ root *os.Root }

func newLooker(dest string) *looker {
	root, err := os.OpenRoot(dest)
	if err != nil {
		return &looker{}
	}
	return &looker{root: root}
}

// look is what the last site holds at name, not followed if a link;
// false when there is nothing there, or a link or a file on the way.
func (l *looker) look(name string) (lastEntry, bool) {
	if l.root == nil || !validName(name) {
		return lastEntry{}, false
	}
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if info, err := l.root.Lstat(filepath.FromSlash(dir)); err != nil || !info.IsDir() {
			return lastEntry{}, false
		}
	}
	info, err := l.root.Lstat(filepath.FromSlash(name))
	if err != nil {
		return lastEntry{}, false
	}
	return lastEntry{size: info.Size(), mtime: info.ModTime().UnixNano(), id: idOf(info),
		dir: info.IsDir(), regular: info.Mode().IsRegular()}, true
}

// parentMemo is unused here: every folder on the way is looked up.
type parentMemo struct{}

func (l *looker) lookWith(_ *parentMemo, name string) (lastEntry, bool) { return l.look(name) }

func (l *looker) close() {
	if l.root != nil {
		l.root.Close()
		l.root = nil
	}
}
