package output

import (
	"fmt"
	"maps"
	"slices"
	"sync"
)

// Memory is a built site held in memory, as the dev server serves it:
// rendered pages as bytes, static files as the paths of their sources.
// Builds write into a Batch, which takes effect all at once, so readers
// never see a half-built site. It is safe for concurrent use.
type Memory struct {
	mu      sync.RWMutex
	pages   map[string][]byte
	statics map[string]string
}

// NewMemory returns an empty site.
func NewMemory() *Memory {
	return &Memory{pages: map[string][]byte{}, statics: map[string]string{}}
}

// Lookup finds a file by its slash-separated name: a rendered page's
// bytes, or the source path of a static file.
func (m *Memory) Lookup(name string) (page []byte, staticSrc string, ok bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if b, ok := m.pages[name]; ok {
		return b, "", true
	}
	src, ok := m.statics[name]
	return nil, src, ok
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
	statics map[string]string
	removed []string
}

// Batch starts a set of changes to m.
func (m *Memory) Batch() *Batch {
	return &Batch{m: m, pages: map[string][]byte{}, statics: map[string]string{}}
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

// CopyFile records a static file by its source path.
func (b *Batch) CopyFile(name, src string) error {
	if !validName(name) {
		return fmt.Errorf("refusing to store %q: it is not a plain path inside the site", name)
	}
	b.mu.Lock()
	b.statics[name] = src
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
func (b *Batch) Apply() {
	b.m.mu.Lock()
	defer b.m.mu.Unlock()
	for _, name := range b.removed {
		delete(b.m.pages, name)
	}
	maps.Copy(b.m.pages, b.pages)
	if len(b.statics) > 0 {
		b.m.statics = b.statics
	}
}
