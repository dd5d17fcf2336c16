//go:build linux

package output

import (
	"runtime"
	"sync"

	"golang.org/x/sys/unix"
)

// walkChunk is how many names of one folder a walker looks up in one go:
// a site's images can fill one folder with 100,000 files, which one core
// alone would take a third of a second to look up.
const walkChunk = 1024

// walkLast lists every file and folder under dest, without following
// links, with what lastEntry keeps of each, on every core (see walker).
// Each name is looked up relative to its open folder, not by its whole
// path: at 100,000 files, a walk by path took three times as long. hint
// is how many entries to expect.
func walkLast(dest string, hint int) map[string]lastEntry {
	top, err := unix.Open(dest, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return map[string]lastEntry{}
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
	return out
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
}

type walkJob struct {
	dir   *openDir
	rel   string // the folder's path under dest, "" for dest
	names []string
	// sub, when not "", is a folder of dir to open and list (at rel):
	// opened only when its turn comes, so that a folder of 100,000
	// folders does not hold them all open at once.
	sub string
}

// openDir is a folder open for the jobs that look up its names; the last
// of them closes it.
type openDir struct {
	fd   int
	refs int // guarded by walker.mu
}

// list reads the names of the open folder dir (at rel) and queues them
// as jobs; it closes dir when it has none.
func (w *walker) list(dir *openDir, rel string, buf []byte) {
	names, err := readNames(dir.fd, buf)
	var jobs []walkJob
	if err == nil {
		for i := 0; i < len(names); i += walkChunk {
			jobs = append(jobs, walkJob{dir: dir, rel: rel, names: names[i:min(i+walkChunk, len(names))]})
		}
	}
	w.mu.Lock()
	dir.refs += len(jobs) - 1
	closeNow := dir.refs == 0
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

// readNames lists the open folder fd, read from its start, into buf, by
// the system call itself: an *os.File of fd would close it when
// collected, while jobs still use it.
func readNames(fd int, buf []byte) ([]string, error) {
	var names []string
	for {
		n, err := unix.Getdents(fd, buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		if n <= 0 {
			return names, nil
		}
		_, _, names = unix.ParseDirent(buf[:n], -1, names)
	}
}

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
	for _, name := range job.names {
		rel := name
		if job.rel != "" {
			rel = job.rel + "/" + name
		}
		var st unix.Stat_t
		if err := unix.Fstatat(job.dir.fd, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
			continue
		}
		mode := st.Mode & unix.S_IFMT
		e := lastEntry{size: st.Size, mtime: st.Mtim.Nano(), id: fileID{dev: uint64(st.Dev), ino: st.Ino},
			dir: mode == unix.S_IFDIR, regular: mode == unix.S_IFREG}
		out[rel] = e
		if e.dir {
			subs = append(subs, walkJob{dir: job.dir, rel: rel, sub: name})
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

// done ends a job of the folder dir, closing it when it was the last.
func (w *walker) done(dir *openDir) {
	w.mu.Lock()
	dir.refs--
	closeNow := dir.refs == 0
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
