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
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// Key names a record: the SHA-256 of what the record was made from.
type Key [sha256.Size]byte

// The files of a cache folder.
const (
	packFile  = "pack"
	indexFile = "index"
	lockFile  = "lock"
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
	dir  string
	pack *os.File // nil when there is none yet

	mu       sync.Mutex
	index    map[Key]span
	packSize int64
	used     map[Key]bool
	pending  map[Key][]byte
}

// Open opens the cache in dir, creating the folder when there is none.
// A damaged or foreign index is reported in the warning (the cache then
// starts empty and is written anew); err is set only when the folder
// cannot be used at all.
func Open(dir string) (c *Cache, warning, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
	}
	c = &Cache{dir: dir, index: map[Key]span{}, used: map[Key]bool{}, pending: map[Key][]byte{}}
	pack, err := os.OpenFile(filepath.Join(dir, packFile), os.O_RDONLY|noFollow, 0)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil, nil
	}
	if err != nil {
		return c, fmt.Errorf("%s: %w; starting anew", filepath.Join(dir, packFile), err), nil
	}
	info, err := pack.Stat()
	if err != nil || !info.Mode().IsRegular() {
		pack.Close()
		return c, fmt.Errorf("%s is not a file the cache wrote; starting anew", filepath.Join(dir, packFile)), nil
	}
	index, err := readIndex(filepath.Join(dir, indexFile), info.Size())
	if err != nil {
		pack.Close()
		return c, fmt.Errorf("%s: %w; starting anew", filepath.Join(dir, indexFile), err), nil
	}
	c.pack, c.packSize, c.index = pack, info.Size(), index
	return c, nil, nil
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
func (c *Cache) Get(k Key) ([]byte, bool) {
	c.mu.Lock()
	if b, ok := c.pending[k]; ok {
		c.used[k] = true
		c.mu.Unlock()
		return b, true
	}
	s, ok := c.index[k]
	c.mu.Unlock()
	if !ok {
		return nil, false
	}
	b := make([]byte, recordHead+int(s.n))
	if _, err := c.pack.ReadAt(b, s.off); err != nil ||
		binary.LittleEndian.Uint32(b) != s.n || binary.LittleEndian.Uint32(b[4:]) != s.crc ||
		crc32.Checksum(b[recordHead:], castagnoli) != s.crc {
		return nil, false
	}
	c.mu.Lock()
	c.used[k] = true
	c.mu.Unlock()
	return b[recordHead:], true
}

// Put records b under key; Save writes it.
func (c *Cache) Put(k Key, b []byte) {
	if len(b) > maxRecord {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used[k] = true
	if _, ok := c.index[k]; !ok {
		c.pending[k] = b
	}
}

// Save writes what this build put, and drops from the index every record
// it did not ask for: they are of files since changed or gone. It writes
// nothing when nothing changed, appends when most of the pack is still of
// use, and rewrites the pack otherwise. Builds saving at once into the
// same folder take turns.
func (c *Cache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var live int64
	for k := range c.used {
		if s, ok := c.index[k]; ok {
			live += recordHead + int64(s.n)
		}
	}
	if len(c.pending) == 0 && len(c.used) == len(c.index) {
		return nil
	}
	unlock, err := lockDir(filepath.Join(c.dir, lockFile))
	if err != nil {
		return err
	}
	defer unlock()
	index := make(map[Key]span, len(c.used))
	if c.pack != nil && live*2 >= c.packSize {
		err = c.appendPending(index)
	} else {
		err = c.rewrite(index)
	}
	if err != nil {
		return err
	}
	if err := writeIndex(filepath.Join(c.dir, indexFile), index); err != nil {
		return err
	}
	c.index, c.pending, c.used = index, map[Key][]byte{}, map[Key]bool{}
	return nil
}

// appendPending adds the new records at the pack's end and keeps the used
// old ones where they are.
func (c *Cache) appendPending(index map[Key]span) error {
	f, err := os.OpenFile(filepath.Join(c.dir, packFile), os.O_WRONLY|noFollow, 0)
	if err != nil {
		return err
	}
	info, err := f.Stat()
	if err != nil || info.Size() < c.packSize || !os.SameFile(info, mustStat(c.pack)) {
		// Another build rewrote the pack since this one opened it.
		f.Close()
		return c.rewrite(index)
	}
	for k := range c.used {
		if s, ok := c.index[k]; ok {
			index[k] = s
		}
	}
	off := info.Size()
	var buf bytes.Buffer
	for k, b := range c.pending {
		s := span{off: off + int64(buf.Len()), n: uint32(len(b)), crc: crc32.Checksum(b, castagnoli)}
		writeRecord(&buf, s, b)
		index[k] = s
	}
	_, err = f.WriteAt(buf.Bytes(), off)
	c.packSize = off + int64(buf.Len())
	return errors.Join(err, f.Close())
}

func mustStat(f *os.File) os.FileInfo {
	info, err := f.Stat()
	if err != nil {
		return nil
	}
	return info
}

// rewrite writes a new pack of the used records and the new ones, and
// puts it in place of the old.
func (c *Cache) rewrite(index map[Key]span) error {
	tmp, err := os.CreateTemp(c.dir, ".pack-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	var buf bytes.Buffer
	add := func(k Key, b []byte, crc uint32) {
		s := span{off: int64(buf.Len()), n: uint32(len(b)), crc: crc}
		writeRecord(&buf, s, b)
		index[k] = s
	}
	for k := range c.used {
		if _, ok := c.pending[k]; ok {
			continue
		}
		if b, ok := c.getLocked(k); ok {
			add(k, b, c.index[k].crc)
		}
	}
	for k, b := range c.pending {
		add(k, b, crc32.Checksum(b, castagnoli))
	}
	_, err = tmp.Write(buf.Bytes())
	if err = errors.Join(err, tmp.Close()); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(c.dir, packFile)); err != nil {
		return err
	}
	pack, err := os.OpenFile(filepath.Join(c.dir, packFile), os.O_RDONLY|noFollow, 0)
	if err != nil {
		return err
	}
	if c.pack != nil {
		c.pack.Close()
	}
	c.pack, c.packSize = pack, int64(buf.Len())
	return nil
}

// getLocked is Get's read of the pack, with c.mu held.
func (c *Cache) getLocked(k Key) ([]byte, bool) {
	s, ok := c.index[k]
	if !ok || c.pack == nil {
		return nil, false
	}
	b := make([]byte, recordHead+int(s.n))
	if _, err := c.pack.ReadAt(b, s.off); err != nil || crc32.Checksum(b[recordHead:], castagnoli) != s.crc {
		return nil, false
	}
	return b[recordHead:], true
}

func writeRecord(buf *bytes.Buffer, s span, b []byte) {
	var head [recordHead]byte
	binary.LittleEndian.PutUint32(head[:], s.n)
	binary.LittleEndian.PutUint32(head[4:], s.crc)
	buf.Write(head[:])
	buf.Write(b)
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
	tmp, err := os.CreateTemp(filepath.Dir(name), ".index-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(out)
	if err = errors.Join(err, tmp.Close()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// Close releases the pack.
func (c *Cache) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pack == nil {
		return nil
	}
	err := c.pack.Close()
	c.pack = nil
	return err
}
