package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"folio/generator/atomicfile"
	"folio/generator/parallel"
	"folio/generator/render"
	"folio/generator/site"
	"folio/generator/srcfile"
)

// A command-line build records each page's fingerprint (render.Page.
// Fingerprint) beside the output folder (.public.folio-pages for
// public/). The next build into that folder keeps the file of every page
// whose fingerprint is the same, as the manifest lists it, instead of
// rendering it: after one article's edit it renders the pages that show
// the article, not the site.

// printsVersion changes when the file's format, or what a fingerprint
// covers, does.
const printsVersion = 2

// printsMagic begins the file, then the SHA-256 of the gob that follows.
const printsMagic = "folio page prints\n"

// pagePrints are the fingerprints of the pages of one build.
type pagePrints struct {
	Version int
	// Output is the ID of the output folder the pages were written into:
	// the prints describe that folder and no other.
	Output string
	// Global is the build's global fingerprint (see globalPrint).
	Global [sha256.Size]byte
	// URLs are the pages' in the plan's order, and Sums their prints,
	// one after the other in the same order. Lists, not a map: the next
	// build's plan has the pages in the same order, unless the site's
	// shape changed, and looks each up by its place. At 200,000
	// articles, a map of the URLs took a second to make, to read and to
	// look up in, of an edit's 17.
	URLs []string
	Sums []byte
	// byURL finds a URL's place in URLs, made once when a page is not at
	// the place asked.
	byURLOnce sync.Once
	byURL     map[string]int
}

// print is the print of the page at place i.
func (pp *pagePrints) print(i int) [sha256.Size]byte {
	return [sha256.Size]byte(pp.Sums[i*sha256.Size:])
}

// find is the print recorded for url, the page at place i of a plan:
// looked for at the same place first. It may be called from several
// goroutines at once.
func (pp *pagePrints) find(i int, url string) ([sha256.Size]byte, bool) {
	if i < len(pp.URLs) && pp.URLs[i] == url {
		return pp.print(i), true
	}
	pp.byURLOnce.Do(func() {
		pp.byURL = make(map[string]int, len(pp.URLs))
		for j, u := range pp.URLs {
			pp.byURL[u] = j
		}
	})
	j, ok := pp.byURL[url]
	if !ok {
		return [sha256.Size]byte{}, false
	}
	return pp.print(j), true
}

// whole reports whether the lists agree: a print for every URL.
func (pp *pagePrints) whole() bool { return len(pp.Sums) == len(pp.URLs)*sha256.Size }

// printsPath is the prints file of the output folder dest.
func printsPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".folio-pages")
}

// loadPrints reads the prints of the last build into dest, when they
// describe the folder dest now holds (output is its marker's ID); nil
// otherwise, and for a file damaged or of another version.
func loadPrints(dest, output string) *pagePrints {
	p := printsPath(dest)
	if info, err := os.Lstat(p); err != nil || !info.Mode().IsRegular() || output == "" {
		return nil
	}
	b, err := srcfile.Read(p, srcfile.MaxImage)
	if err != nil {
		return nil
	}
	head := len(printsMagic) + sha256.Size
	if len(b) < head || string(b[:len(printsMagic)]) != printsMagic ||
		sha256.Sum256(b[head:]) != [sha256.Size]byte(b[len(printsMagic):head]) {
		return nil
	}
	pp := &pagePrints{}
	if err := gob.NewDecoder(bytes.NewReader(b[head:])).Decode(pp); err != nil || pp.Version != printsVersion || pp.Output != output || !pp.whole() {
		return nil
	}
	return pp
}

// savePrints writes pp beside dest, under a new name renamed into place:
// a link planted there is replaced, never written through.
func savePrints(dest string, pp *pagePrints) error {
	var body bytes.Buffer
	if err := gob.NewEncoder(&body).Encode(pp); err != nil {
		return err
	}
	sum := sha256.Sum256(body.Bytes())
	p := printsPath(dest)
	return atomicfile.Write(p, append(append([]byte(printsMagic), sum[:]...), body.Bytes()...))
}

// removePrints drops the prints of dest: a build that fails or writes
// without them leaves none that could describe another site.
func removePrints(dest string) {
	_ = os.Remove(printsPath(dest))
}

// globalPrint is what changes every page at once: the generator, the
// config, the options and the shortcodes and data files (which layouts
// show too). ok is false when the generator cannot be read.
func (b *Builder) globalPrint() ([sha256.Size]byte, bool) {
	exe, err := b.exe()
	if err != nil {
		return [sha256.Size]byte{}, false
	}
	o := b.opts
	return sha256.Sum256(fmt.Appendf(nil, "%x\x00%d\x00%s\x00%q\x00%t %t %t %t\x00%s",
		exe, printsVersion, b.cfg.Sum, o.BaseURL, o.Drafts, o.Future, o.Expired, o.Fingerprint, b.scKey)), true
}

// printPages fingerprints every page of the plan, on every core.
func printPages(s *site.Site, pages []*render.Page, global [sha256.Size]byte) *pagePrints {
	ids := make([][sha256.Size]byte, len(s.Articles))
	parallel.For(len(ids), func() func(int) {
		return func(i int) { ids[i] = site.Identity(s.Articles[i]) }
	})
	id := func(a *site.Article) [sha256.Size]byte { return ids[a.Position()] }
	pp := &pagePrints{Version: printsVersion, Global: global, URLs: make([]string, len(pages)), Sums: make([]byte, len(pages)*sha256.Size)}
	parallel.For(len(pages), func() func(int) {
		return func(i int) {
			sum := pages[i].Fingerprint(global, id)
			copy(pp.Sums[i*sha256.Size:], sum[:])
			pp.URLs[i] = pages[i].URL
		}
	})
	return pp
}

// keeper is a sink that can keep the last build's file of a page.
type keeper interface {
	KeepLast(name string) bool
}

// unchanged returns, for write, what tells whether the page of todo at
// an index may be kept from the last build rather than rendered: its
// fingerprint is the one the last build recorded for its URL, and the
// sink still has that build's file. planned gives each page's place in
// the plan. nil when nothing may be kept.
func (b *Builder) unchanged(sink Sink, todo []*render.Page, planned []int) func(int) bool {
	k, ok := sink.(keeper)
	last := b.lastPrints
	if !ok || last == nil || b.prints == nil || last.Global != b.prints.Global {
		return nil
	}
	return func(i int) bool {
		pg, at := todo[i], planned[i]
		old, ok := last.find(at, pg.URL)
		return ok && old == b.prints.print(at) && k.KeepLast(pg.File())
	}
}

// exe is the SHA-256 of the running generator, taken once.
func (b *Builder) exe() ([sha256.Size]byte, error) {
	if b.exeSum == nil {
		sum, err := executableSum()
		if err != nil {
			return sum, err
		}
		b.exeSum = &sum
	}
	return *b.exeSum, nil
}
