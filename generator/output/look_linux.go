//go:build linux

package output

import (
	"path"
	"sync"

	"golang.org/x/sys/unix"
)

// looker looks up names of the last site one by one, without following a
// link anywhere on the way: each folder above a name is looked up first
// (those above its own folder once a build, its own folder once for the
// names of it that come together), and the name then by its path from
// the output folder. At 200,000 articles a walk of the whole last site
// cost 3.3 s of CPU each build, most of it opening, listing and closing
// 239,000 page folders; looking up the files the manifest lists costs
// 1.4 s.
//
// A link put on the way between a folder's look-up and its name's can
// mislead a look-up; a look-up decides only whether a file is kept as it
// is, never where a build writes (that goes through the folder's
// os.Root), as the walk it replaces decided it before the build wrote.
type looker struct {
	top int // the output folder, open; -1 when it could not be opened

	mu   sync.Mutex
	dirs map[string]bool // folders above some name's own: whether each is a folder
}

// parentMemo is a run of look-ups' last folder, and whether it is one:
// names in order come folder by folder.
type parentMemo struct {
	dir string
	ok  bool
}

func newLooker(dest string) *looker {
	top, err := unix.Open(dest, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		top = -1
	}
	return &looker{top: top, dirs: map[string]bool{}}
}

// look is what the last site holds at name (a slash-separated path under
// it), not followed if a link; false when there is nothing there, or a
// link or a file on the way to it.
func (l *looker) look(name string) (lastEntry, bool) {
	var m parentMemo
	return l.lookWith(&m, name)
}

// lookWith is look, taking the folder's look-up from m when it is the
// same folder as the last name's.
func (l *looker) lookWith(m *parentMemo, name string) (lastEntry, bool) {
	if l.top < 0 || !validName(name) {
		return lastEntry{}, false
	}
	if dir := path.Dir(name); dir != "." {
		if m.dir != dir {
			m.dir, m.ok = dir, l.folder(dir)
		}
		if !m.ok {
			return lastEntry{}, false
		}
	}
	return lookUp(l.top, name)
}

// folder reports whether dir, and each folder above it, is a folder and
// not a link.
func (l *looker) folder(dir string) bool {
	if up := path.Dir(dir); up != "." && !l.above(up) {
		return false
	}
	e, ok := lookUp(l.top, dir)
	return ok && e.dir
}

// above is folder for a folder above some name's own, looked up once.
func (l *looker) above(dir string) bool {
	l.mu.Lock()
	ok, seen := l.dirs[dir]
	l.mu.Unlock()
	if seen {
		return ok
	}
	ok = l.folder(dir)
	l.mu.Lock()
	l.dirs[dir] = ok
	l.mu.Unlock()
	return ok
}

func (l *looker) close() {
	if l.top >= 0 {
		unix.Close(l.top)
		l.top = -1
	}
}

// lookUp is the entry at name under the open folder fd, not followed if
// a link; false when it cannot be looked up.
func lookUp(fd int, name string) (lastEntry, bool) {
	var st unix.Stat_t
	if err := unix.Fstatat(fd, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return lastEntry{}, false
	}
	mode := st.Mode & unix.S_IFMT
	return lastEntry{size: st.Size, mtime: st.Mtim.Nano(), id: fileID{dev: uint64(st.Dev), ino: st.Ino},
		dir: mode == unix.S_IFDIR, regular: mode == unix.S_IFREG}, true
}
