package imaging

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"folio/generator/srcfile"
)

// memoFile, in the cache folder, remembers of each source file the size
// and modification time it had when last processed, and its entry: a
// later build reads the image again only when those changed, as make and
// git judge a file, so that a build with a warm cache reads no image.
const memoFile = "files.json"

type memo struct {
	Size    int64
	ModTime int64
	Key     string
}

func (p *Processor) loadMemo() {
	b, err := os.ReadFile(filepath.Join(p.opts.CacheDir, memoFile))
	if err != nil {
		return
	}
	var m map[string]memo
	if json.Unmarshal(b, &m) == nil {
		p.memo = m
	}
}

// ProcessFile is Process for the file at path, named name (relative to
// the site, for errors and for the memo).
func (p *Processor) ProcessFile(name, path string) (*Image, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	p.mu.Lock()
	m, ok := p.memo[name]
	p.mu.Unlock()
	if ok && m.Size == info.Size() && m.ModTime == info.ModTime().UnixNano() {
		if img, ok := p.cached(m.Key); ok {
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
	src, err := srcfile.ReadExact(path, srcfile.MaxImage)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	img, key, err := p.process(name, src)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	p.memo[name] = memo{Size: info.Size(), ModTime: info.ModTime().UnixNano(), Key: key}
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
	b, err := json.Marshal(p.memo)
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

// strippedPrefix begins the names of stripped copies in the cache.
const strippedPrefix = "s-"
