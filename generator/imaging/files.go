package imaging

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"folio/generator/srcfile"
)

// memoFile, in the cache folder, remembers of each source file the size
// and modification time it had when last processed, and its entry: a
// later build reads the image again only when those changed, as make and
// git judge a file, so that a build with a warm cache reads no image.
// It holds the entries themselves, not only their keys: a warm build of
// 10,000 images then reads one file, not 10,000 entries.
const memoFile = "files.gob"

// oldMemoFile is the memo of folio before it held the entries, read once
// when there is no memoFile; Prune removes it then.
const oldMemoFile = "files.json"

// memoMagic and memoVersion begin memoFile, then the SHA-256 of the
// body that follows: a file cut short or changed by hand is not trusted.
// The body of version 2 is written by hand (see memoCodec); version 1's,
// a gob, is still read, and written anew as version 2.
const (
	memoMagic     = "folio image memo\n"
	memoVersion   = 2
	memoVersionV1 = 1
)

type memo struct {
	Size    int64
	ModTime int64
	Key     string
	// Source is the stripped copy of the cache the entry was made from
	// (see StrippedFile), when it was one, "" otherwise: a file named by
	// the hash of its bytes, so that the cache's listing tells it is
	// the same, with no look at its size and time.
	Source string `json:"-"`
	// Image is the entry of Key, nil for a stripped copy (and in an old
	// memo): the entry's files are still looked for in the cache.
	Image *Image `json:"-"`
}

func (p *Processor) loadMemo() {
	if m, old, err := readMemo(filepath.Join(p.opts.CacheDir, memoFile)); err == nil {
		p.memo = m
		p.memoDirty = old // written anew in the current version
		return
	}
	b, err := os.ReadFile(filepath.Join(p.opts.CacheDir, oldMemoFile))
	if err != nil {
		return
	}
	var m map[string]memo
	if json.Unmarshal(b, &m) == nil {
		p.memo = m
		p.memoDirty = true // written anew as memoFile
	}
}

// readMemo reads memoFile, reporting whether it is of an older version;
// a damaged or foreign one is an error, and the processor then starts
// with none: every image's entry is then looked up by its key, as the
// source's bytes give it.
func readMemo(name string) (map[string]memo, bool, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, false, err
	}
	head := len(memoMagic) + 1 + sha256.Size
	if len(b) < head || string(b[:len(memoMagic)]) != memoMagic {
		return nil, false, errors.New("not a memo of this folio")
	}
	version := b[len(memoMagic)]
	if version != memoVersion && version != memoVersionV1 {
		return nil, false, errors.New("not a memo of this folio")
	}
	body := b[head:]
	if sha256.Sum256(body) != [sha256.Size]byte(b[len(memoMagic)+1:head]) {
		return nil, false, errors.New("damaged")
	}
	if version == memoVersionV1 {
		var m map[string]memo
		if err := gob.NewDecoder(bytes.NewReader(body)).Decode(&m); err != nil {
			return nil, false, err
		}
		return m, true, nil
	}
	m, err := decodeMemo(body)
	return m, false, err
}

func encodeMemo(m map[string]memo) ([]byte, error) {
	body := appendMemo(nil, m)
	sum := sha256.Sum256(body)
	out := make([]byte, 0, len(memoMagic)+1+len(sum)+len(body))
	out = append(append(append(out, memoMagic...), memoVersion), sum[:]...)
	return append(out, body...), nil
}

// ProcessFile is Process for the file at path, named name (relative to
// the site, for errors and for the memo).
func (p *Processor) ProcessFile(name, path string) (*Image, error) {
	p.mu.Lock()
	m, ok := p.memo[name]
	p.mu.Unlock()
	source := p.strippedCopy(path)
	var info os.FileInfo
	look := func() (err error) {
		if info, err = os.Stat(path); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	}
	if !ok || source == "" || m.Source != source || !p.isFile(source) {
		// A file the memo cannot tell by its name alone.
		if err := look(); err != nil {
			return nil, err
		}
		ok = ok && m.Size == info.Size() && m.ModTime == info.ModTime().UnixNano()
	}
	if ok {
		img, ok := m.Image, m.Image != nil && p.hasFiles(m.Image)
		read := false
		if !ok {
			img, ok = p.cached(m.Key)
			read = ok
		}
		if ok && (read || m.Source != source) {
			// An entry read again, or one an older folio kept without
			// its source's name: kept for the next build.
			p.mu.Lock()
			m.Image, m.Source = img, source
			p.memo[name] = m
			p.memoDirty = true
			p.mu.Unlock()
		}
		if ok {
			if err := p.checkSize(name, img.Width, img.Height); err != nil {
				return nil, err
			}
			if err := p.checkName(name, img.Format); err != nil {
				return nil, err
			}
			p.mu.Lock()
			p.used[m.Key] = true
			p.reused++
			p.mu.Unlock()
			return img, nil
		}
	}
	if info == nil {
		// Known by its name, but its entry is gone: read, it is
		// looked at too.
		if err := look(); err != nil {
			return nil, err
		}
	}
	src, err := srcfile.ReadExact(path, srcfile.MaxImage)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	img, key, err := p.process(name, src)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	p.memo[name] = memo{Size: info.Size(), ModTime: info.ModTime().UnixNano(), Key: key, Image: img, Source: source}
	p.memoDirty = true
	p.mu.Unlock()
	return img, nil
}

// SaveMemo writes what the processor learnt of the files it processed,
// for later processors of the same cache, when it learnt anything: a
// build that changed nothing writes nothing.
func (p *Processor) SaveMemo() error {
	p.mu.Lock()
	if !p.memoDirty {
		p.mu.Unlock()
		return nil
	}
	b, err := encodeMemo(p.memo)
	p.memoDirty = false
	p.mu.Unlock()
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(p.opts.CacheDir, memoFile), b)
}

// StrippedFile returns the path, in the cache, of the file at path (named
// name) without its metadata (see Stripper), made once and kept while
// the file is unchanged by size and modification time: a build copies,
// or links, the kept file instead of reading and stripping every photo
// of static/ each time. A file without metadata is kept as it is.
func (p *Processor) StrippedFile(name, path string) (string, error) {
	strip := Stripper(name)
	if strip == nil {
		return "", fmt.Errorf("%s: not an image whose metadata folio strips", name)
	}
	info, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	memoKey := "stripped:" + name
	p.mu.Lock()
	m, ok := p.memo[memoKey]
	p.mu.Unlock()
	if ok && m.Size == info.Size() && m.ModTime == info.ModTime().UnixNano() {
		// A copy an older folio named by half its hash is made again
		// under the whole one, once, so that no build has to hash it.
		if _, named := StrippedSum(m.Key); named && p.isFile(m.Key) {
			p.mu.Lock()
			p.used[m.Key] = true
			p.mu.Unlock()
			return filepath.Join(p.opts.CacheDir, m.Key), nil
		}
	}
	src, err := srcfile.ReadExact(path, srcfile.MaxImage)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	out := strip(src)
	sum := sha256.Sum256(out)
	// Named by the whole hash: the output's manifest lists it unread.
	file := strippedPrefix + hex.EncodeToString(sum[:]) + lowerExt(name)
	dest := filepath.Join(p.opts.CacheDir, file)
	if !p.isFile(file) {
		if err := p.wrote(file, out); err != nil {
			return "", err
		}
	}
	p.mu.Lock()
	p.memo[memoKey] = memo{Size: info.Size(), ModTime: info.ModTime().UnixNano(), Key: file}
	p.memoDirty = true
	p.used[file] = true
	p.mu.Unlock()
	return dest, nil
}

// strippedCopy is the name of the file at path in the cache folder when
// it is a stripped copy named by its whole hash, "" for any other file.
func (p *Processor) strippedCopy(path string) string {
	// The cache folder's path is clean (sitepath.MkdirInside's); one
	// that were not would only cost the look-up this spares.
	if filepath.Dir(path) != p.opts.CacheDir {
		return ""
	}
	file := filepath.Base(path)
	if !strings.HasPrefix(file, strippedPrefix) {
		return ""
	}
	if _, named := StrippedSum(file); !named {
		return ""
	}
	return file
}

// strippedPrefix begins the names of stripped copies in the cache.
const strippedPrefix = "s-"
