package output

import (
	"os"
	"path/filepath"
	"sync"

	"golang.org/x/sys/unix"
)

// maxOpenDirs bounds the folders a linker keeps open: a site whose files
// come from thousands of folders (page bundles) links the rest by path.
const maxOpenDirs = 64

// linker makes hard links, keeping the folders it links from and into
// open: a build links some 100,000 files of the image cache into one
// folder of the site, and by two open folders each link walks no path
// (a fifth less time for each on tmpfs).
type linker struct {
	mu   sync.Mutex
	dirs map[string]int
}

// link is os.Link: newname is made a hard link to oldname, neither
// followed if it is a symbolic link itself.
func (l *linker) link(oldname, newname string) error {
	od, of := filepath.Split(oldname)
	nd, nf := filepath.Split(newname)
	ofd, ok1 := l.dir(od)
	nfd, ok2 := l.dir(nd)
	if !ok1 || !ok2 {
		return os.Link(oldname, newname)
	}
	if err := unix.Linkat(ofd, of, nfd, nf, 0); err != nil {
		return &os.LinkError{Op: "link", Old: oldname, New: newname, Err: err}
	}
	return nil
}

// id is the identity of the file at p, not followed if a link, looked up
// in its open folder.
func (l *linker) id(p string) (fileID, bool) {
	d, f := filepath.Split(p)
	fd, ok := l.dir(d)
	if !ok {
		info, err := os.Lstat(p)
		if err != nil {
			return fileID{}, false
		}
		return idOf(info), true
	}
	var st unix.Stat_t
	if err := unix.Fstatat(fd, f, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return fileID{}, false
	}
	return fileID{dev: uint64(st.Dev), ino: st.Ino}, true
}

// dir is the open folder of that path, opened now if need be; false when
// it cannot be opened or too many are.
func (l *linker) dir(path string) (int, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if fd, ok := l.dirs[path]; ok {
		return fd, true
	}
	if len(l.dirs) >= maxOpenDirs {
		return 0, false
	}
	fd, err := unix.Open(path, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return 0, false
	}
	if l.dirs == nil {
		l.dirs = map[string]int{}
	}
	l.dirs[path] = fd
	return fd, true
}

// close closes the folders the linker opened.
func (l *linker) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, fd := range l.dirs {
		unix.Close(fd)
	}
	l.dirs = nil
}
