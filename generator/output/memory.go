package output

import (
	"container/list"
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
//
// A Memory given a renderer (RenderWith) holds pages lazily: a build
// only names them (Batch.Defer), and a page is rendered when it is first
// looked up, then kept in a cache of bounded size. Holding every page of
// a 200,000-article archive would take some 12 GB; rendering them all
// before the first answer, minutes.
type Memory struct {
	mu      sync.RWMutex
	pages   map[string][]byte
	statics map[string]static
	// deferred are the pages render makes when asked for; gen counts the
	// batches that changed any of them, so that a page rendered from an
	// older site is not cached after a newer one replaced it.
	deferred map[string]bool
	render   func(name string) ([]byte, bool, error)
	gen      uint64
	cache    *pageCache
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
	return &Memory{pages: map[string][]byte{}, statics: map[string]static{}, deferred: map[string]bool{}}
}

// RenderWith makes m hold pages lazily: builds may defer them, and
// render makes a deferred page's bytes when it is looked up, or reports
// false when the site no longer has the page (a build took it away
// meanwhile). The last pages rendered are kept, up to budget bytes. Call
// it before the first batch; render must not apply batches to m.
func (m *Memory) RenderWith(render func(name string) ([]byte, bool, error), budget int) {
	m.render = render
	m.cache = newPageCache(budget)
}

// Has reports whether the site has a file of that name, rendering
// nothing.
func (m *Memory) Has(name string) bool {
	m.mu.RLock()
	defer m.mu.RUnlock()
	_, page := m.pages[name]
	_, static := m.statics[name]
	return page || static || m.deferred[name]
}

// Lookup finds a file by its slash-separated name: a page's bytes
// (rendered now if it was deferred, and err says why it could not be),
// or the source path of a static file (open it with OpenStatic).
func (m *Memory) Lookup(name string) (page []byte, staticSrc string, ok bool, err error) {
	m.mu.RLock()
	if b, ok := m.pages[name]; ok {
		m.mu.RUnlock()
		return b, "", true, nil
	}
	if st, ok := m.statics[name]; ok {
		m.mu.RUnlock()
		return nil, st.src, true, nil
	}
	deferred, gen := m.deferred[name], m.gen
	m.mu.RUnlock()
	if !deferred {
		return nil, "", false, nil
	}
	if b, ok := m.cache.get(name); ok {
		return b, "", true, nil
	}
	b, ok, err := m.render(name)
	if !ok || err != nil {
		return nil, "", ok, err
	}
	// Kept only if no batch changed a deferred page meanwhile: this one
	// may be of the older version.
	m.mu.RLock()
	if m.gen == gen {
		m.cache.put(name, b)
	}
	m.mu.RUnlock()
	return b, "", true, nil
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
	names := slices.AppendSeq(slices.AppendSeq(slices.Collect(maps.Keys(m.pages)), maps.Keys(m.statics)), maps.Keys(m.deferred))
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
	// deferred are the pages to render when asked for; rendered those
	// rendered now all the same (see Defer), and fresh their bytes, for
	// the cache.
	deferred map[string]bool
	rendered map[string]bool
	fresh    map[string][]byte
}

// Batch starts a set of changes to m.
func (m *Memory) Batch() *Batch {
	return &Batch{m: m, pages: map[string][]byte{}, statics: map[string]static{}, deferred: map[string]bool{}, rendered: map[string]bool{}, fresh: map[string][]byte{}}
}

// Defer records that the page name is to be rendered when it is looked
// up, and reports true; or reports false when the page must be written
// now: m holds every page (no RenderWith), or the page is one recently
// looked up, which an open tab may be about to load again. Rendering
// those now also makes a layout's failure on them fail the build, while
// the last good site is still served. Safe for concurrent use.
func (b *Batch) Defer(name string) bool {
	if b.m.render == nil {
		return false
	}
	now := b.m.cache.has(name)
	b.mu.Lock()
	defer b.mu.Unlock()
	if now {
		b.rendered[name] = true
		return false
	}
	b.deferred[name] = true
	return true
}

// WriteFile records a page; it is safe for concurrent use.
func (b *Batch) WriteFile(name string, data []byte) error {
	if !validName(name) {
		return fmt.Errorf("refusing to store %q: it is not a plain path inside the site", name)
	}
	page := append([]byte(nil), data...) // the caller reuses data
	b.mu.Lock()
	if b.rendered[name] {
		b.deferred[name] = true
		b.fresh[name] = page
	} else {
		b.pages[name] = page
	}
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
	if b.replacesDeferred() {
		b.m.gen++
	}
	for _, name := range b.removed {
		delete(b.m.pages, name)
		delete(b.m.deferred, name)
		b.m.cache.drop(name)
	}
	for name := range b.pages {
		delete(b.m.deferred, name)
		b.m.cache.drop(name)
	}
	maps.Copy(b.m.pages, b.pages)
	for name := range b.deferred {
		delete(b.m.pages, name)
		b.m.deferred[name] = true
		b.m.cache.drop(name)
	}
	for name, page := range b.fresh {
		b.m.cache.put(name, page)
	}
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

// replacesDeferred reports whether the batch changes a page m renders
// when asked for: a page rendered meanwhile may be of the older version.
// A batch of the search index's files alone does not.
func (b *Batch) replacesDeferred() bool {
	if len(b.deferred) > 0 {
		return true
	}
	for name := range b.pages {
		if b.m.deferred[name] {
			return true
		}
	}
	return slices.ContainsFunc(b.removed, func(name string) bool { return b.m.deferred[name] })
}

// pageCache keeps the pages a lazy Memory rendered last, up to a budget
// of bytes, dropping the least recently looked up first. A nil cache
// keeps nothing.
type pageCache struct {
	mu     sync.Mutex
	budget int
	size   int
	order  *list.List // of *cached, the most recent first
	byName map[string]*list.Element
}

type cached struct {
	name string
	page []byte
}

func newPageCache(budget int) *pageCache {
	return &pageCache{budget: budget, order: list.New(), byName: map[string]*list.Element{}}
}

func (c *pageCache) get(name string) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byName[name]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cached).page, true
}

func (c *pageCache) has(name string) bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.byName[name]
	return ok
}

// put keeps page under name, unless it alone is over the budget.
func (c *pageCache) put(name string, page []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropLocked(name)
	if len(page) > c.budget {
		return
	}
	c.byName[name] = c.order.PushFront(&cached{name, page})
	c.size += len(page)
	for c.size > c.budget {
		c.dropLocked(c.order.Back().Value.(*cached).name)
	}
}

func (c *pageCache) drop(name string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropLocked(name)
}

func (c *pageCache) dropLocked(name string) {
	if e, ok := c.byName[name]; ok {
		c.size -= len(e.Value.(*cached).page)
		c.order.Remove(e)
		delete(c.byName, name)
	}
}
