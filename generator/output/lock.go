package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Lock is the exclusive right to replace one output folder. Two builds
// into the same folder at once (a cron job overlapping a manual build)
// would each swap their staging folder into place and remove the other's,
// leaving an empty or partial site: the second build waits for the first
// instead.
type Lock struct {
	dest string
	f    *os.File
}

// LockPath is the lock file of the output folder dest, beside it:
// .public.folio-lock for public/.
func LockPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".folio-lock")
}

// Acquire takes the lock on dest, calling waiting with the process ID of
// the holder (0 when unknown) if another process holds it, and then
// waiting for it. The lock file is opened without following a link, so a
// link planted in its place cannot make the build write elsewhere; the
// lock is released by Release, or by the system when the process ends,
// however it ends.
func Acquire(dest string, waiting func(pid int)) (*Lock, error) {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return nil, fmt.Errorf("creating the folder of %s: %w", dest, err)
	}
	p := LockPath(dest)
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|noFollow, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening the lock file %s: %w (if it is a symbolic link, remove it)", p, err)
	}
	// The holder writes its process ID in the lock file: a hard link
	// planted in its place would have another file overwritten.
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() || hardLinks(info) > 1 {
		f.Close()
		return nil, fmt.Errorf("the lock file %s is not a regular file of its own (a link?): remove it", p)
	}
	busy, err := tryLock(f)
	if err == nil && busy {
		if waiting != nil {
			waiting(holder(f))
		}
		err = lock(f)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %w", p, err)
	}
	// Whoever holds the lock says who it is, for the message of the next
	// build that has to wait.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte("pid "+strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &Lock{dest: dest, f: f}, nil
}

// holder reads the process ID that the lock's holder wrote.
func holder(f *os.File) int {
	b := make([]byte, 32)
	n, _ := f.ReadAt(b, 0)
	s, ok := strings.CutPrefix(strings.TrimSpace(string(b[:n])), "pid ")
	if !ok {
		return 0
	}
	pid, _ := strconv.Atoi(s)
	return pid
}

// Release gives the lock up. The lock file stays: removing it would let a
// waiting build lock a file that a third build no longer sees.
func (l *Lock) Release() {
	if l.f == nil {
		return
	}
	_ = l.f.Truncate(0)
	_ = unlock(l.f)
	_ = l.f.Close()
	l.f = nil
}

// Dest is the locked output folder, absolute.
func (l *Lock) Dest() string { return l.dest }

var errReleased = errors.New("the output lock was released")
