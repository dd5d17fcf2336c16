// Package blobcache keeps byte strings by key from one build to the next:
// an append-only pack file of records and an index of where each is.
// A build reads the few records it needs at their places, not the whole
// pack, and saves by appending what it made; the pack is rewritten only
// when most of it is records no build asked for any more.
//
// Nothing read is trusted blindly: the index carries the SHA-256 of its
// contents and each record a CRC-32C of its bytes, so a cache cut short,
// edited or of another version reads as missing entries, never as wrong
// ones.
package blobcache

import (
	"bufio"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"folio/generator/atomicfile"
)

// Key names a record: the SHA-256 of what the record was made from.
type Key = [sha256.Size]byte

// The files of a cache folder, and the start of the name a pack being
// written anew has.
const (
	packFile  = "pack"
	indexFile = "index"
	lockFile  = "lock"
	packTemp  = ".pack-"
)

// indexMagic begins the index, then its version and the SHA-256 of the
// entries that follow.
const (
	indexMagic   = "folio blob index\n"
	indexVersion = 1
	entrySize    = sha256.Size + 8 + 4 + 4 // key, offset, length, CRC
	recordHead   = 8                       // length and CRC before each record
)

// maxRecord bounds a record: an index entry claiming more is damaged.
const maxRecord = 1 << 28

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

type span struct {
	off int64
	n   uint32
	crc uint32
}

// Cache is a cache folder opened for one build (or one dev server); it is
// safe for use by several goroutines.
type Cache struct {
	dir string

	mu       sync.Mutex
	pack     *os.File // nil when there is none yet
	packSize int64    // what the index knows of, and this build wrote
	index    map[Key]span
	used     map[Key]bool
	// buf holds the records put last, up to flushAt bytes, before they
	// are appended to the pack in one write; pending finds them there.
	buf     []byte
	pending map[Key][]byte
	wrote   bool
	unlock  func() // set while this build holds the folder's lock
}

// flushAt is how many bytes of new records are held before they are
// written: memory stays bounded however many articles a build renders.
const flushAt = 4 << 20

// Open opens the cache in dir, creating the folder when there is none.
// A damaged or foreign index is reported in the warning (the cache then
// starts empty and is written anew); err is set only when the folder
// cannot be used at all.
func Open(dir string) (c *Cache, warning, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
	}
	c = &Cache{dir: dir, index: map[Key]span{}, used: map[Key]bool{}, pending: map[Key][]byte{}}
	return c, c.load(), nil
}

// load reads the pack and index on disk, as another build may have left
// them; it returns why they cannot be used, when they cannot.
func (c *Cache) load() error {
	if c.pack != nil {
		c.pack.Close()
	}
	c.pack, c.packSize, c.index = nil, 0, map[Key]span{}
	name := filepath.Join(c.dir, packFile)
	pack, err := os.OpenFile(name, os.O_RDWR|noFollow, 0)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w; starting anew", name, err)
	}
	info, err := pack.Stat()
	if err != nil || !info.Mode().IsRegular() {
		pack.Close()
		return fmt.Errorf("%s is not a file the cache wrote; starting anew", name)
	}
	index, err := readIndex(filepath.Join(c.dir, indexFile), info.Size())
	if err != nil {
		pack.Close()
		return fmt.Errorf("%s: %w; starting anew", filepath.Join(c.dir, indexFile), err)
	}
	c.pack, c.packSize, c.index = pack, info.Size(), index
	return nil
}

func readIndex(name string, packSize int64) (map[Key]span, error) {
	b, err := readNoFollow(name)
	if err != nil {
		return nil, err
	}
	head := len(indexMagic) + 1 + sha256.Size
	if len(b) < head || string(b[:len(indexMagic)]) != indexMagic || b[len(indexMagic)] != indexVersion {
		return nil, errors.New("not an index of this folio")
	}
	body := b[head:]
	if sha256.Sum256(body) != [sha256.Size]byte(b[len(indexMagic)+1:head]) || len(body)%entrySize != 0 {
		return nil, errors.New("damaged")
	}
	index := make(map[Key]span, len(body)/entrySize)
	for e := body; len(e) > 0; e = e[entrySize:] {
		var k Key
		copy(k[:], e)
		s := span{
			off: int64(binary.LittleEndian.Uint64(e[sha256.Size:])),
			n:   binary.LittleEndian.Uint32(e[sha256.Size+8:]),
			crc: binary.LittleEndian.Uint32(e[sha256.Size+12:]),
		}
		if s.off < 0 || s.n > maxRecord || s.off+recordHead+int64(s.n) > packSize {
			return nil, errors.New("damaged: a record past the pack's end")
		}
		index[k] = s
	}
	return index, nil
}

func readNoFollow(name string) ([]byte, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|noFollow, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// Get returns the record of key, if the cache has it whole.
//
// It reads without the lock: a build reads 200,000 records at 200,000
// articles, on every core, and one read at a time took longer than the
// rest of loading them. The place and the file are taken together under
// the lock, and records are only ever appended, or written to a new
// pack: a read of a pack closed since (another build wrote, or this one
// rewrote it) fails, and reads as missing.
func (c *Cache) Get(k Key) ([]byte, bool) {
	c.mu.Lock()
	if b, ok := c.pending[k]; ok {
		c.used[k] = true
		c.mu.Unlock()
		return b, true
	}
	s, ok := c.index[k]
	pack := c.pack
	c.mu.Unlock()
	if !ok || pack == nil {
		return nil, false
	}
	b, ok := readSpan(pack, s)
	if ok {
		c.mu.Lock()
		c.used[k] = true
		c.mu.Unlock()
	}
	return b, ok
}

// Keep reports whether the cache has a record of key, and keeps it for
// the next build as Get does, without reading it: for a record a build
// may need later, or not at all. Get still checks it when it is read.
func (c *Cache) Keep(k Key) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, pending := c.pending[k]
	if _, ok := c.index[k]; !pending && (!ok || c.pack == nil) {
		return false
	}
	c.used[k] = true
	return true
}

// read reads the record of key from the pack, checked.
func (c *Cache) read(k Key) ([]byte, bool) {
	s, ok := c.index[k]
	if !ok || c.pack == nil {
		return nil, false
	}
	return readSpan(c.pack, s)
}

// readSpan reads the record at s of pack, checked.
func readSpan(pack *os.File, s span) ([]byte, bool) {
	b := make([]byte, recordHead+int(s.n))
	if _, err := pack.ReadAt(b, s.off); err != nil ||
		binary.LittleEndian.Uint32(b) != s.n || binary.LittleEndian.Uint32(b[4:]) != s.crc ||
		crc32.Checksum(b[recordHead:], castagnoli) != s.crc {
		return nil, false
	}
	return b[recordHead:], true
}

// sweep removes what a build killed while it wrote the pack anew, the
// index or a file of WriteFile left: files under temporary names, which
// only the holder of the lock writes. A pack rewritten at 200,000
// articles is a file of a gigabyte, left for good by each such build
// otherwise.
func (c *Cache) sweep() {
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && (strings.HasPrefix(n, packTemp) || atomicfile.Temporary(n)) {
			_ = os.Remove(filepath.Join(c.dir, n)) // a link is removed, not followed
		}
	}
}

// WriteFile puts b in the cache's folder as the file name, whole or not
// at all, under the folder's lock: what the caller keeps beside the
// records (the build's stamps of the article files), so that a killed
// build's temporary file is swept like the cache's own.
func (c *Cache) WriteFile(name string, b []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.lock(); err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(c.dir, name), b)
}

// Put records b under key, in place of a record of the same key if any.
// A cache that cannot be written is not an error: the record is lost,
// and the next build makes it again.
func (c *Cache) Put(k Key, b []byte) {
	if len(b) > maxRecord {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.lock(); err != nil {
		return
	}
	s := span{off: c.packSize + int64(len(c.buf)), n: uint32(len(b)), crc: crc32.Checksum(b, castagnoli)}
	c.buf = binary.LittleEndian.AppendUint32(c.buf, s.n)
	c.buf = binary.LittleEndian.AppendUint32(c.buf, s.crc)
	c.buf = append(c.buf, b...)
	c.index[k], c.used[k], c.pending[k] = s, true, b
	if len(c.buf) >= flushAt {
		c.flush()
	}
}

// lock takes the folder's lock before this build's first write, and
// then makes sure the pack is the one it read: another build may have
// written since.
func (c *Cache) lock() error {
	if c.unlock != nil {
		return nil
	}
	unlock, err := lockDir(filepath.Join(c.dir, lockFile))
	if err != nil {
		return err
	}
	c.unlock = unlock
	if exclusive {
		c.sweep()
	}
	if c.pack != nil {
		info, err := os.Lstat(filepath.Join(c.dir, packFile))
		if err == nil && os.SameFile(info, mustStat(c.pack)) && info.Size() == c.packSize {
			return nil
		}
		// Another build wrote the cache since: what this one read stays
		// read, and its records are taken anew.
		_ = c.load()
	}
	if c.pack == nil {
		name := filepath.Join(c.dir, packFile)
		_ = os.Remove(name) // a link or a damaged pack: never written through
		pack, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL|noFollow, 0o644)
		if err != nil {
			return err
		}
		c.pack, c.packSize, c.index = pack, 0, map[Key]span{}
	}
	return nil
}

// flush appends the records held to the pack. On failure they are
// dropped from the index: the pack may hold part of them.
func (c *Cache) flush() {
	if len(c.buf) == 0 {
		return
	}
	if _, err := c.pack.WriteAt(c.buf, c.packSize); err != nil {
		for k := range c.pending {
			delete(c.index, k)
		}
	} else {
		c.packSize += int64(len(c.buf))
	}
	c.buf, c.pending, c.wrote = c.buf[:0], map[Key][]byte{}, true
}

// Save writes the index of the records this build asked for or put, and
// drops the others: they are of files since changed or gone. It writes
// nothing when nothing changed, and rewrites the pack when most of it is
// dropped records.
func (c *Cache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	defer c.release()
	c.flush()
	if !c.wrote && len(c.used) == len(c.index) {
		return nil
	}
	if err := c.lock(); err != nil {
		return err
	}
	index := make(map[Key]span, len(c.used))
	var live int64
	for k := range c.used {
		if s, ok := c.index[k]; ok {
			index[k] = s
			live += recordHead + int64(s.n)
		}
	}
	if live*2 < c.packSize {
		if err := c.rewrite(index); err != nil {
			return err
		}
	}
	if err := writeIndex(filepath.Join(c.dir, indexFile), index); err != nil {
		return err
	}
	c.index, c.used, c.wrote = index, map[Key]bool{}, false
	return nil
}

// release lets other builds write the cache.
func (c *Cache) release() {
	if c.unlock != nil {
		c.unlock()
		c.unlock = nil
	}
}

// rewrite writes a new pack of the records of index, in its order on
// disk, and puts it in place of the old; index gets their new places.
func (c *Cache) rewrite(index map[Key]span) error {
	tmp, err := os.CreateTemp(c.dir, packTemp+"*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	keys := make([]Key, 0, len(index))
	for k := range index {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b Key) int { return cmp.Compare(index[a].off, index[b].off) })
	w := bufio.NewWriterSize(tmp, 1<<20)
	var off int64
	for _, k := range keys {
		s := index[k]
		b, ok := c.read(k)
		if !ok {
			delete(index, k)
			continue
		}
		var head [recordHead]byte
		binary.LittleEndian.PutUint32(head[:], s.n)
		binary.LittleEndian.PutUint32(head[4:], s.crc)
		w.Write(head[:])
		w.Write(b)
		index[k] = span{off: off, n: s.n, crc: s.crc}
		off += recordHead + int64(s.n)
	}
	err = w.Flush()
	if err = errors.Join(err, tmp.Close()); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(c.dir, packFile)); err != nil {
		return err
	}
	pack, err := os.OpenFile(filepath.Join(c.dir, packFile), os.O_RDWR|noFollow, 0)
	if err != nil {
		return err
	}
	c.pack.Close()
	c.pack, c.packSize = pack, off
	return nil
}

func writeIndex(name string, index map[Key]span) error {
	body := make([]byte, 0, len(index)*entrySize)
	for k, s := range index {
		body = append(body, k[:]...)
		body = binary.LittleEndian.AppendUint64(body, uint64(s.off))
		body = binary.LittleEndian.AppendUint32(body, s.n)
		body = binary.LittleEndian.AppendUint32(body, s.crc)
	}
	sum := sha256.Sum256(body)
	out := append(append(append([]byte(indexMagic), indexVersion), sum[:]...), body...)
	return atomicfile.Write(name, out)
}

// Close releases the pack, and the folder's lock if this build holds it;
// records put since the last Save are not kept.
func (c *Cache) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.release()
	if c.pack == nil {
		return nil
	}
	err := c.pack.Close()
	c.pack = nil
	return err
}

func mustStat(f *os.File) os.FileInfo {
	info, err := f.Stat()
	if err != nil {
		return nil
	}
	return info
}
