package imaging

import (
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
	p.mu.Unlock()
	return img, nil
}

// SaveMemo writes what the processor learnt of the files it processed,
// for later processors of the same cache.
func (p *Processor) SaveMemo() error {
	p.mu.Lock()
	b, err := json.Marshal(p.memo)
	p.mu.Unlock()
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(p.opts.CacheDir, memoFile), b)
}
