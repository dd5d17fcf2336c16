//go:build unix

package output

import (
	"os"
	"sync"

	"golang.org/x/sys/unix"
)

// walkLast lists every file and folder under dest, without following
// links, with what lastEntry keeps of each. Each name is looked up
// relative to its open folder, not by its whole path, and the top
// folders are walked on two cores: at 100,000 files, a walk by path took
// three times as long.
func walkLast(dest string) map[string]lastEntry {
	top, err := os.Open(dest)
	if err != nil {
		return map[string]lastEntry{}
	}
	names, err := top.Readdirnames(-1)
	if err != nil {
		top.Close()
		return map[string]lastEntry{}
	}
	var mu sync.Mutex
	out := make(map[string]lastEntry, 1024)
	add := func(part map[string]lastEntry) {
		mu.Lock()
		for k, v := range part {
			out[k] = v
		}
		mu.Unlock()
	}
	var wg sync.WaitGroup
	work := make(chan string)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			part := map[string]lastEntry{}
			for name := range work {
				walkAt(int(top.Fd()), name, name, part)
			}
			add(part)
		}()
	}
	for _, name := range names {
		work <- name
	}
	close(work)
	wg.Wait()
	top.Close()
	return out
}

// walkAt records the entry name of the folder dirfd, as rel, and all
// under it when it is a folder.
func walkAt(dirfd int, name, rel string, out map[string]lastEntry) {
	var st unix.Stat_t
	if err := unix.Fstatat(dirfd, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return
	}
	mode := st.Mode & unix.S_IFMT
	e := lastEntry{size: st.Size, mtime: st.Mtim.Nano(), id: fileID{dev: uint64(st.Dev), ino: st.Ino},
		dir: mode == unix.S_IFDIR, regular: mode == unix.S_IFREG}
	out[rel] = e
	if !e.dir {
		return
	}
	fd, err := unix.Openat(dirfd, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return
	}
	f := os.NewFile(uintptr(fd), name)
	defer f.Close()
	names, err := f.Readdirnames(-1)
	if err != nil {
		return
	}
	for _, n := range names {
		walkAt(fd, n, rel+"/"+n, out)
	}
}
