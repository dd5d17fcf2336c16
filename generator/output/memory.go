package output

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"sync"
)

// Memory is a built site held in memory, as the dev server serves it:
// rendered pages as bytes, static files as the files the build found.
// Builds write into a Batch, which takes effect all at once, so readers
// never see a half-built site. It is safe for concurrent use.
type Memory struct {
	mu      sync.RWMutex
	pages   map[string][]byte
	statics map[string]static
}

// static is a static file as the build that listed it found it. Holding
// its identity rather than its bytes keeps a large static tree out of
// memory; the identity lets a request refuse whatever has taken the
// file's place since (a link to a file outside the site, say), which the
// build never checked.
type static struct {
	src  string // the path the build gave
	path string // src with its links resolved, opened without following any
	id   fileID // the file: device and inode
	// size and modTime tell an edit in place, which keeps the identity.
	size    int64
	modTime int64
}

// ErrReplaced is returned by OpenStatic for a static file that is no
// longer the file the last build listed.
var ErrReplaced = errors.New("not the file the last build listed: it was replaced since")

// NewMemory returns an empty site.
func NewMemory() *Memory {
	return &Memory{pages: map[string][]byte{}, statics: map[string]static{}}
}

// Lookup finds a file by its slash-separated name: a rendered page's
// bytes, or the source path of a static file (open it with OpenStatic).
func (m *Memory) Lookup(name string) (page []byte, staticSrc string, ok bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if b, ok := m.pages[name]; ok {
		return b, "", true
	}
	st, ok := m.statics[name]
	return nil, st.src, ok
}

// OpenStatic opens the static file name, provided it is still the regular
// file the last build listed: it follows no link at its last step, does
// not wait on a named pipe, and checks that the file it opened is the
// same one (in place edits are the same file).
func (m *Memory) OpenStatic(name string) (*os.File, fs.FileInfo, error) {
	m.mu.RLock()
	st, ok := m.statics[name]
	m.mu.RUnlock()
	if !ok {
		return nil, nil, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
	}
	f, err := openNoFollow(st.path)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err == nil && (!info.Mode().IsRegular() || !st.id.is(info)) {
		err = fmt.Errorf("%s: %w", name, ErrReplaced)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, info, nil
}

// Names lists every file of the site, sorted.
func (m *Memory) Names() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	names := slices.AppendSeq(slices.Collect(maps.Keys(m.pages)), maps.Keys(m.statics))
	slices.Sort(names)
	return names
}

// Batch collects the files of one build for a Memory site.
type Batch struct {
	m       *Memory
	mu      sync.Mutex
	pages   map[string][]byte
	statics map[string]static
	removed []string
}

// Batch starts a set of changes to m.
func (m *Memory) Batch() *Batch {
	return &Batch{m: m, pages: map[string][]byte{}, statics: map[string]static{}}
}

// WriteFile records a page; it is safe for concurrent use.
func (b *Batch) WriteFile(name string, data []byte) error {
	if !validName(name) {
		return fmt.Errorf("refusing to store %q: it is not a plain path inside the site", name)
	}
	page := append([]byte(nil), data...) // the caller reuses data
	b.mu.Lock()
	b.pages[name] = page
	b.mu.Unlock()
	return nil
}

// CopyFile records the static file at src: where it is and which file it
// is, now that the build has checked it. A link is resolved once, here.
func (b *Batch) CopyFile(name, src string) error {
	if !validName(name) {
		return fmt.Errorf("refusing to store %q: it is not a plain path inside the site", name)
	}
	// src is resolved and checked by the caller: a link here was swapped
	// in since, and is not followed.
	p := src
	info, err := os.Lstat(p)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", src)
	}
	st := static{src: src, path: p, id: idOf(info), size: info.Size(), modTime: info.ModTime().UnixNano()}
	b.mu.Lock()
	b.statics[name] = st
	b.mu.Unlock()
	return nil
}

// Remove records that a page is gone.
func (b *Batch) Remove(name string) error {
	b.mu.Lock()
	b.removed = append(b.removed, name)
	b.mu.Unlock()
	return nil
}

// Apply makes the batch's changes visible at once. Static files not in
// the batch are dropped when the batch lists any: builds list them all.
// It returns the names of the static files added, removed or changed,
// sorted: what open pages may have to load again.
func (b *Batch) Apply() []string {
	b.m.mu.Lock()
	defer b.m.mu.Unlock()
	for _, name := range b.removed {
		delete(b.m.pages, name)
	}
	maps.Copy(b.m.pages, b.pages)
	if len(b.statics) == 0 {
		return nil
	}
	var changed []string
	for name, st := range b.statics {
		if old, ok := b.m.statics[name]; !ok || old.path != st.path || !old.id.same(st.id) || old.size != st.size || old.modTime != st.modTime {
			changed = append(changed, name)
		}
	}
	for name := range b.m.statics {
		if _, ok := b.statics[name]; !ok {
			changed = append(changed, name)
		}
	}
	b.m.statics = b.statics
	slices.Sort(changed)
	return changed
}
