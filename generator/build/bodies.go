package build

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"sync/atomic"

	"folio/generator/blobcache"
	"folio/generator/diag"
	"folio/generator/sitepath"
)

// BodiesCache is where a build keeps the rendered bodies of the articles
// it read, inside the site, beside the image cache: a build that finds an
// article's file as it was takes its body from there instead of
// rendering its Markdown again. Keep .folio-cache between CI runs.
const BodiesCache = ".folio-cache/articles"

// WordsCache is where a build keeps each article's words for the search
// index, found by the article's text: a build that finds them there does
// not split the text again.
const WordsCache = ".folio-cache/search"

// bodiesVersion changes when what a body record means does.
const bodiesVersion = 1

// bodyStore is the bodies cache as the parser sees it, counting the
// bodies rendered (and put): the others of the articles read came from
// the cache.
type bodyStore struct {
	*blobcache.Cache
	rendered atomic.Int64
}

func (s *bodyStore) Put(k blobcache.Key, b []byte) {
	s.rendered.Add(1)
	s.Cache.Put(k, b)
}

// openBodies opens the bodies cache; a cache that cannot be used is a
// warning, and the build reads every article in full.
func (b *Builder) openBodies() (*bodyStore, diag.List) {
	if _, err := b.exe(); err != nil {
		return nil, nil // no way to tell the cache of another folio
	}
	c, probs := b.openCache(BodiesCache)
	if c == nil {
		return nil, probs
	}
	return &bodyStore{Cache: c}, probs
}

// openWords opens the cache of the search index's words (WordsCache).
func (b *Builder) openWords() (*blobcache.Cache, diag.List) {
	if _, err := b.exe(); err != nil {
		return nil, nil
	}
	return b.openCache(WordsCache)
}

// openCache opens the cache folder name of the site; a cache that cannot
// be used is a warning, and the build does without it.
func (b *Builder) openCache(name string) (*blobcache.Cache, diag.List) {
	dir, err := sitepath.MkdirInside(b.src, name)
	if err != nil {
		return nil, diag.List{diag.Warnf(name, 0, "", "not used: %v", err)}
	}
	c, warn, err := blobcache.Open(dir)
	if err != nil {
		return nil, diag.List{diag.Warnf(name, 0, "", "not used: %v", err)}
	}
	if warn != nil {
		return c, diag.List{diag.Warnf(name, 0, "", "%v", warn)}
	}
	return c, nil
}

// closeBodies saves what the build put in the cache, and closes it.
func closeBodies(c *bodyStore) diag.List { return closeCache(BodiesCache, c.Cache) }

// closeCache saves what the build put in the cache folder name, and
// closes it.
func closeCache(name string, c *blobcache.Cache) diag.List {
	err := c.Save()
	c.Close()
	if err != nil {
		return diag.List{diag.Warnf(name, 0, "", "not saved: %v", err)}
	}
	return nil
}

// bodyContext is what, besides an article's file, decides how its body
// renders: this very generator (its executable, so that another version
// never takes a body this one made) and the config that shapes parsing
// (sameConfig's fields).
func (b *Builder) bodyContext() [sha256.Size]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%x\x00%d\x00%s\x00%t\x00%t\x00%q", *b.exeSum, bodiesVersion, b.cfg.Location, b.cfg.Markdown.Unsafe, *b.cfg.Markdown.Typographer, b.cfg.Taxonomies)
	return [sha256.Size]byte(h.Sum(nil))
}

// shortcodeContext is what a body that calls shortcodes depends on too:
// the shortcodes and data files (scKey), and the site's settings they
// see (the whole config, and the base URL the build was given).
func (b *Builder) shortcodeContext() [sha256.Size]byte {
	return sha256.Sum256(fmt.Appendf(nil, "%s\x00%s\x00%s", b.scKey, b.cfg.Sum, b.opts.BaseURL))
}

// executableSum is the SHA-256 of the running generator.
func executableSum() ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	exe, err := os.Executable()
	if err != nil {
		return sum, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return sum, err
	}
	return [sha256.Size]byte(h.Sum(nil)), nil
}
