//go:build linux

package output

import (
	"path"
	"runtime"
	"sync"

	"folio/generator/dirent"

	"golang.org/x/sys/unix"
)

// walkChunk is how many names of one folder a walker looks up in one go:
// a site's images can fill one folder with 100,000 files, which one core
// alone would take a third of a second to look up.
const walkChunk = 1024

// lazyDirAt is the number of names from which a folder's files are not
// looked up by the walk but when a build asks about them (see resolve):
// such a folder is the image cache's sizes, linked into one folder of the
// site, which a build tells apart by their inode numbers alone (see
// Staging.LinkFile); a folder of pages (those of a site whose URLs end in
// .html) costs the same look-ups, made by the build instead.
const lazyDirAt = walkChunk

// walkLast lists every file and folder under dest, without following
// links, with what lastEntry keeps of each, on every core (see walker).
// Each name is looked up relative to its open folder, not by its whole
// path: at 100,000 files, a walk by path took three times as long.
// Folders are told by the type their folder gives them, not looked up.
// hint is how many entries to expect. It returns the folders it keeps
// open for the files it did not look up, for the caller to close.
func walkLast(dest string, hint int) (map[string]lastEntry, []int) {
	top, err := unix.Open(dest, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return map[string]lastEntry{}, nil
	}
	w := &walker{}
	w.cond = sync.NewCond(&w.mu)
	w.list(&openDir{fd: top, refs: 1}, "", make([]byte, direntBuf))
	workers := max(2, min(8, runtime.GOMAXPROCS(0)))
	parts := make([]map[string]lastEntry, workers)
	var wg sync.WaitGroup
	for i := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			part := make(map[string]lastEntry, hint/workers+16)
			buf := make([]byte, direntBuf)
			for {
				job, ok := w.next()
				if !ok {
					break
				}
				w.do(job, part, buf)
			}
			parts[i] = part
		}()
	}
	wg.Wait()
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make(map[string]lastEntry, n)
	for _, p := range parts {
		for k, v := range p {
			out[k] = v
		}
	}
	return out, w.kept
}

// walker shares out the look-ups of a walk: a job is a chunk of the
// names of one open folder; a folder found is opened, listed and cut into
// jobs of its own. Jobs are taken last first, so the walk goes deep
// before wide and few folders are open at once.
type walker struct {
	mu      sync.Mutex
	cond    *sync.Cond
	jobs    []walkJob
	pending int // jobs queued or being done
	kept    []int
}

type walkJob struct {
	dir     *openDir
	rel     string // the folder's path under dest, "" for dest
	entries []dirent.Entry
	// sub, when not "", is a folder of dir to open and list (at rel):
	// opened only when its turn comes, so that a folder of 100,000
	// folders does not hold them all open at once.
	sub string
}

// openDir is a folder open for the jobs that look up its names; the last
// of them closes it, unless it is kept open for the files the walk left
// to be looked up later (lazy, with the file system's device number).
type openDir struct {
	fd   int
	refs int // guarded by walker.mu
	lazy bool
	dev  uint64
}

// list reads the names of the open folder dir (at rel) and queues them
// as jobs; it closes dir when it has none.
func (w *walker) list(dir *openDir, rel string, buf []byte) {
	entries, err := dirent.Read(dir.fd, buf)
	var jobs []walkJob
	if err == nil {
		for i := 0; i < len(entries); i += walkChunk {
			jobs = append(jobs, walkJob{dir: dir, rel: rel, entries: entries[i:min(i+walkChunk, len(entries))]})
		}
	}
	if len(entries) >= lazyDirAt {
		var st unix.Stat_t
		if unix.Fstat(dir.fd, &st) == nil {
			dir.lazy, dir.dev = true, uint64(st.Dev)
		}
	}
	w.mu.Lock()
	dir.refs += len(jobs) - 1
	closeNow := dir.refs == 0 && !dir.lazy
	if dir.lazy {
		w.kept = append(w.kept, dir.fd)
	}
	w.jobs = append(w.jobs, jobs...)
	w.pending += len(jobs)
	w.mu.Unlock()
	w.cond.Broadcast()
	if closeNow {
		unix.Close(dir.fd)
	}
}

// direntBuf is the size of a walker's buffer for listing folders, made
// once for each: a buffer a folder would be 13,000 buffers a walk of a
// 10,000-article site.
const direntBuf = 16 << 10

// next is the next job, waiting while others may still queue some; false
// when the walk is done.
func (w *walker) next() (walkJob, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for len(w.jobs) == 0 {
		if w.pending == 0 {
			return walkJob{}, false
		}
		w.cond.Wait()
	}
	job := w.jobs[len(w.jobs)-1]
	w.jobs = w.jobs[:len(w.jobs)-1]
	return job, true
}

// do looks up the names of a job, recording each in out, and lists the
// folders among them.
func (w *walker) do(job walkJob, out map[string]lastEntry, buf []byte) {
	if job.sub != "" {
		fd, err := unix.Openat(job.dir.fd, job.sub, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		if err == nil {
			w.list(&openDir{fd: fd, refs: 1}, job.rel, buf)
		}
		w.done(job.dir)
		return
	}
	var subs []walkJob
	for _, d := range job.entries {
		rel := d.Name
		if job.rel != "" {
			rel = job.rel + "/" + d.Name
		}
		var e lastEntry
		switch {
		case d.Type == unix.DT_DIR:
			// Opened without following a link: a folder swapped for
			// one since is not listed.
			e.dir = true
		case d.Type == unix.DT_REG && job.dir.lazy:
			e = lastEntry{regular: true, lazy: true, dirfd: int32(job.dir.fd), id: fileID{dev: job.dir.dev, ino: d.Ino}}
		case d.Type == unix.DT_REG || d.Type == unix.DT_UNKNOWN:
			var ok bool
			if e, ok = lookUp(job.dir.fd, d.Name); !ok {
				continue
			}
		default:
			// A link, a socket, a device: never kept, whatever it is.
		}
		out[rel] = e
		if e.dir {
			subs = append(subs, walkJob{dir: job.dir, rel: rel, sub: d.Name})
		}
	}
	w.mu.Lock()
	job.dir.refs += len(subs)
	w.jobs = append(w.jobs, subs...)
	w.pending += len(subs)
	w.mu.Unlock()
	if len(subs) > 0 {
		w.cond.Broadcast()
	}
	w.done(job.dir)
}

// lookUp is the entry of the name in the open folder fd, not followed if
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

// resolve is e, the entry of name, with what the walk did not look up
// (see lazyDirAt) looked up now in its open folder; false when it cannot
// be.
func (e lastEntry) resolve(name string) (lastEntry, bool) {
	if !e.lazy {
		return e, true
	}
	return lookUp(int(e.dirfd), path.Base(name))
}

// done ends a job of the folder dir, closing it when it was the last.
func (w *walker) done(dir *openDir) {
	w.mu.Lock()
	dir.refs--
	closeNow := dir.refs == 0 && !dir.lazy
	w.pending--
	finished := w.pending == 0
	w.mu.Unlock()
	if closeNow {
		unix.Close(dir.fd)
	}
	if finished {
		w.cond.Broadcast()
	}
}

func closeFD(fd int) { unix.Close(fd) }
