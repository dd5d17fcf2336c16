package build

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"sync/atomic"

	"folio/generator/blobcache"
	"folio/generator/content"
	"folio/generator/diag"
	"folio/generator/site"
	"folio/generator/sitepath"
)

// ArticlesCache is where a build keeps the articles it parsed, inside
// the site, beside the image cache: a build that finds an article's file
// as it was takes the article from there instead of reading its front
// matter and rendering its Markdown again. Keep .folio-cache between CI
// runs.
const ArticlesCache = ".folio-cache/articles"

// WordsCache is where a build keeps each article's words for the search
// index, found by the article's text: a build that finds them there does
// not split the text again.
const WordsCache = ".folio-cache/search"

// articlesVersion changes when what a body record means does.
const articlesVersion = 1

// articleStore is the article cache as the parser sees it, counting the
// articles parsed (and put): the others of those read came from the
// cache.
type articleStore struct {
	*blobcache.Cache
	parsed atomic.Int64
}

func (s *articleStore) Put(k blobcache.Key, b []byte) {
	if content.IsArticle(b) {
		s.parsed.Add(1)
	}
	s.Cache.Put(k, b)
}

// openArticles opens the article cache; a cache that cannot be used is a
// warning, and the build reads every article in full.
func (b *Builder) openArticles() (*articleStore, diag.List) {
	if _, err := b.exe(); err != nil {
		return nil, nil // no way to tell the cache of another folio
	}
	c, probs := b.openCache(ArticlesCache)
	if c == nil {
		return nil, probs
	}
	return &articleStore{Cache: c}, probs
}

// openWords opens the cache of the search index's words (WordsCache).
func (b *Builder) openWords() (*blobcache.Cache, diag.List) {
	if _, err := b.exe(); err != nil {
		return nil, nil
	}
	return b.openCache(WordsCache)
}

// RelatedCache is where a build keeps the related articles of every
// article, found by every article's path, date and subjects (see
// site.RelatedStore): a build after an edit that changed none of those
// takes the lists of the build before.
const RelatedCache = ".folio-cache/related"

// relatedStore is the related cache as the model sees it: its keys are
// those of this very generator, so that another version, whose rule may
// differ, makes the lists anew.
type relatedStore struct {
	*blobcache.Cache
	exe [sha256.Size]byte
}

func (s relatedStore) key(k [sha256.Size]byte) blobcache.Key {
	return sha256.Sum256(append(s.exe[:len(s.exe):len(s.exe)], k[:]...))
}

func (s relatedStore) Get(k [sha256.Size]byte) ([]byte, bool) { return s.Cache.Get(s.key(k)) }
func (s relatedStore) Put(k [sha256.Size]byte, b []byte)      { s.Cache.Put(s.key(k), b) }

// assembleKeeping assembles the model with the related cache, when it
// can be used, and saves it.
func (b *Builder) assembleKeeping(parsed []*content.Article) (*site.Site, diag.List) {
	exe, err := b.exe()
	if err != nil {
		return site.Assemble(b.cfg, parsed, b.profiles, b.slugs)
	}
	c, probs := b.openCache(RelatedCache)
	if c == nil {
		s, p := site.Assemble(b.cfg, parsed, b.profiles, b.slugs)
		return s, append(probs, p...)
	}
	s, p := site.AssembleKeeping(b.cfg, parsed, b.profiles, b.slugs, relatedStore{c, exe})
	probs = append(probs, p...)
	return s, append(probs, closeCache(RelatedCache, c)...)
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

// saveArticles saves what the build put in the cache. The cache stays
// open: the articles' bodies are read from it as their pages are made
// (see content.WithStore), and the pack's file closes with the last
// article that needs it.
func saveArticles(c *articleStore) diag.List {
	if err := c.Save(); err != nil {
		return diag.List{diag.Warnf(ArticlesCache, 0, "", "not saved: %v", err)}
	}
	return nil
}

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

// articleContext is what, besides an article's file, decides how it
// parses: this very generator (its executable, so that another version
// never takes an article this one parsed) and the config that shapes parsing
// (sameConfig's fields).
func (b *Builder) articleContext() [sha256.Size]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%x\x00%d\x00%s\x00%t\x00%t\x00%q\x00%s", *b.exeSum, articlesVersion, b.cfg.Location, b.cfg.Markdown.Unsafe, *b.cfg.Markdown.Typographer, b.cfg.Taxonomies, localZone())
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

// localZone names the machine's local time zone by where Go takes its
// rules from ($TZ, else /etc/localtime): a date whose offset matches the
// local zone parses in it, so an article parsed under one local zone is
// not taken from the cache under another (a cache restored on CI).
func localZone() string {
	tz, set := os.LookupEnv("TZ")
	b, _ := os.ReadFile("/etc/localtime")
	return fmt.Sprintf("TZ=%q %t %x", tz, set, sha256.Sum256(b))
}
