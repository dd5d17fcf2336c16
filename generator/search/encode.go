package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"math/bits"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"folio/generator/parallel"
	"folio/generator/site"
)

// The files of the index, under Dir. A query fetches meta.json, the word
// shards its words are in, the records of the articles it shows, and the
// article lists of the terms it offers as filters.
const (
	metaFile = Dir + "meta.json"
	// Format is the version of the file formats, which the script checks.
	Format = 3
	// DocsPerFile is the number of article records in one file: few
	// enough that a page of results, scattered over the archive, costs
	// little; many enough not to litter the output with files.
	DocsPerFile = 16
	// TermsPerFile is the number of term names in one file.
	TermsPerFile = 64
	// minShard is the size a word shard may grow to before it is split
	// by the next letter of its words. Large archives get larger shards,
	// so that meta.json, which lists them, stays near 2,000 entries.
	minShard  = 16 << 10
	maxShards = 2000
)

func shardFile(key string) string { return Dir + "w/" + keyName(key) + ".bin" }
func docFile(n int) string        { return fmt.Sprintf("%sd/%d.json", Dir, n) }
func termFile(id int) string      { return fmt.Sprintf("%st/%d.bin", Dir, id) }
func namesFile(n int) string      { return fmt.Sprintf("%st/n%d.json", Dir, n) }

// keyName spells a shard key as a file name that any host serves: ASCII
// letters and digits stay, other bytes become _hh, and the empty key is _.
// Names Windows reserves for devices (con, nul, com1…) get a trailing _,
// which no other name has.
func keyName(key string) string {
	if key == "" {
		return "_"
	}
	var b strings.Builder
	for i := 0; i < len(key); i++ {
		c := key[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "_%02x", c)
		}
	}
	if reserved.MatchString(b.String()) {
		b.WriteByte('_')
	}
	return b.String()
}

var reserved = regexp.MustCompile(`^(con|prn|aux|nul|com[0-9]|lpt[0-9])$`)

// encodeAll encodes every word's entry and every file, the entries,
// shards and files of documents on every core: at 200,000 articles they
// are a quarter of the index's time, and the index is made beside the
// pages on what the rendering leaves of the cores.
func (x *Index) encodeAll() map[string][]byte {
	x.sorted = slices.Sorted(maps.Keys(x.words))
	encoded := make([][]byte, len(x.sorted))
	parallel.For(len(x.sorted), func() func(int) {
		return func(i int) { encoded[i] = appendEntry(nil, x.sorted[i], x.words[x.sorted[i]]) }
	})
	x.entries = make(map[string][]byte, len(x.sorted))
	x.total = 0
	for i, w := range x.sorted {
		x.entries[w] = encoded[i]
		x.total += len(encoded[i])
	}
	x.splitShards()
	keys := slices.Collect(maps.Keys(x.shards))
	shards := make([][]byte, len(keys))
	parallel.For(len(keys), func() func(int) {
		return func(i int) { shards[i] = joinEntries(x.shards[keys[i]], x.entries) }
	})
	docs := make([][]byte, (x.docs()+DocsPerFile-1)/DocsPerFile)
	parallel.For(len(docs), func() func(int) {
		return func(n int) { docs[n] = x.encodeDocs(n) }
	})
	files := make(map[string][]byte, len(keys)+len(docs)+2*len(x.terms))
	for i, key := range keys {
		files[shardFile(key)] = shards[i]
	}
	for n, b := range docs {
		files[docFile(n)] = b
	}
	for id, t := range x.terms {
		ids := make([]uint32, len(t.Articles))
		for i, a := range t.Articles {
			ids[i] = uint32(a.Position())
		}
		slices.Sort(ids)
		files[termFile(id)] = appendList(nil, ids)
	}
	for n := 0; n*TermsPerFile < len(x.terms); n++ {
		files[namesFile(n)] = x.encodeNames(n)
	}
	return files
}

// splitShards splits the words into shards by the sizes of their entries.
func (x *Index) splitShards() {
	limit := max(minShard, x.total/maxShards)
	x.shards = map[string][]string{}
	split("", x.sorted, x.entries, limit, x.shards)
	x.sizes = make(map[string]int, len(x.shards))
	for key, ws := range x.shards {
		for _, w := range ws {
			x.sizes[key] += len(x.entries[w])
		}
	}
}

// split files the words, sorted and all beginning with prefix, under shard
// keys. The words that fit stay in prefix's own shard, the smallest groups
// by next letter first; each other group is split in turn. A word stands
// in the shard of the longest key that begins it.
func split(prefix string, words []string, entries map[string][]byte, limit int, out map[string][]string) {
	size := 0
	for _, w := range words {
		size += len(entries[w])
	}
	if size <= limit || len(words) == 1 {
		out[prefix] = words
		return
	}
	var own []string
	ownSize := 0
	if words[0] == prefix {
		own, ownSize = words[:1:1], len(entries[prefix])
		words = words[1:]
	}
	type group struct {
		prefix string
		words  []string
		size   int
	}
	var groups []group
	for i := 0; i < len(words); {
		_, n := utf8.DecodeRuneInString(words[i][len(prefix):])
		g := group{prefix: words[i][:len(prefix)+n]}
		j := i
		for j < len(words) && strings.HasPrefix(words[j], g.prefix) {
			g.size += len(entries[words[j]])
			j++
		}
		g.words = words[i:j]
		groups = append(groups, g)
		i = j
	}
	slices.SortStableFunc(groups, func(a, b group) int { return a.size - b.size })
	for _, g := range groups {
		if ownSize+g.size <= limit {
			own = append(own, g.words...)
			ownSize += g.size
			continue
		}
		split(g.prefix, g.words, entries, limit, out)
	}
	if len(own) > 0 || prefix == "" {
		slices.Sort(own)
		out[prefix] = own
	}
}

func joinEntries(words []string, entries map[string][]byte) []byte {
	var b []byte
	for _, w := range words {
		b = append(b, entries[w]...)
	}
	return b
}

// appendEntry encodes a word and its postings: the word's length in bytes
// and its bytes, then its articles of each class, best first.
func appendEntry(b []byte, w string, p *postings) []byte {
	b = binary.AppendUvarint(b, uint64(len(w)))
	b = append(b, w...)
	for c := numClasses - 1; ; c-- {
		b = p.lists[c].appendTo(b)
		if c == 0 {
			return b
		}
	}
}

// appendList encodes a sorted list of positions in whichever of two forms
// is smaller. Both start with a varint n<<1|form, n being the length:
// form 0 continues with the gaps between positions as varints (the first
// gap from 0), form 1 with the first position, the length of a bitmap in
// bytes, and the bitmap, bit i of which stands for first+i. A word in most
// articles, such as "the", then costs an eighth of a byte per article.
func appendList(b []byte, ids []uint32) []byte {
	n := len(ids)
	if n == 0 {
		return append(b, 0)
	}
	gaps, prev := 0, uint32(0)
	for _, id := range ids {
		gaps += uvarintLen(uint64(id - prev))
		prev = id
	}
	first := ids[0]
	mapLen := int(ids[n-1]-first)/8 + 1
	if mapLen+uvarintLen(uint64(first))+uvarintLen(uint64(mapLen)) < gaps {
		b = binary.AppendUvarint(b, uint64(n)<<1|1)
		b = binary.AppendUvarint(b, uint64(first))
		b = binary.AppendUvarint(b, uint64(mapLen))
		start := len(b)
		b = append(b, make([]byte, mapLen)...)
		for _, id := range ids {
			d := id - first
			b[start+int(d/8)] |= 1 << (d % 8)
		}
		return b
	}
	b = binary.AppendUvarint(b, uint64(n)<<1)
	prev = 0
	for _, id := range ids {
		b = binary.AppendUvarint(b, uint64(id-prev))
		prev = id
	}
	return b
}

func uvarintLen(v uint64) int { return max(1, (bits.Len64(v)+6)/7) }

// encodeDocs encodes the records of file n: a JSON array of records.
func (x *Index) encodeDocs(n int) []byte {
	var b bytes.Buffer
	b.WriteByte('[')
	for i := n * DocsPerFile; i < min(x.docs(), (n+1)*DocsPerFile); i++ {
		if i > n*DocsPerFile {
			b.WriteByte(',')
		}
		if i < len(x.s.Articles) {
			b.Write(x.docRecord(x.s.Articles[i]))
		} else {
			b.Write(pageRecord(x.s.Pages[i-len(x.s.Articles)]))
		}
	}
	b.WriteByte(']')
	return b.Bytes()
}

// encodeNames encodes the terms of file n: for each, its taxonomy (an
// index into meta.json's), name and URL without the leading slash.
func (x *Index) encodeNames(n int) []byte {
	tax := map[string]int{}
	for i, t := range x.s.Taxonomies {
		tax[t.Name] = i
	}
	var recs [][]any
	for _, t := range x.terms[n*TermsPerFile : min(len(x.terms), (n+1)*TermsPerFile)] {
		recs = append(recs, []any{tax[t.Taxonomy.Name], t.Name, strings.TrimPrefix(t.URL, "/")})
	}
	b, _ := json.Marshal(recs)
	return b
}

// meta is meta.json: what the script needs before it fetches anything
// else.
type meta struct {
	Format     int            `json:"format"`
	Docs       int            `json:"docs"`
	Terms      int            `json:"terms"`
	PerFile    int            `json:"docsPerFile"`
	PerNames   int            `json:"termsPerFile"`
	Taxonomies []metaTaxonomy `json:"taxonomies"`
	// Years are runs of articles of one year, in site order: [year,
	// count], year 0 for articles without a date.
	Years [][2]int `json:"years"`
	// Shards are the shard keys, sorted, and Sizes their files' sizes,
	// which tell how much a prefix search would fetch.
	Shards []string `json:"shards"`
	Sizes  []int    `json:"sizes"`
	// Version changes with any file of the index, so that a browser
	// never mixes files of two builds from its cache.
	Version string `json:"version"`
}

type metaTaxonomy struct {
	Name     string `json:"name"`
	Title    string `json:"title"`
	Singular string `json:"singular"`
	URL      string `json:"url"`
}

// years are the runs of articles of one year of s, in site order, then
// its standalone pages, in no year (0).
func years(s *site.Site) [][2]int {
	runs := [][2]int{}
	for _, a := range s.Articles {
		year := 0
		if !a.Date.IsZero() {
			year = a.Date.In(s.Config.Location).Year()
		}
		if n := len(runs); n > 0 && runs[n-1][0] == year {
			runs[n-1][1]++
		} else {
			runs = append(runs, [2]int{year, 1})
		}
	}
	if len(s.Pages) > 0 {
		runs = append(runs, [2]int{0, len(s.Pages)})
	}
	return runs
}

// encodeMeta encodes meta.json. sums are the sums of every other file
// of the index, which its version is made from.
func (x *Index) encodeMeta(sums map[string][sha256.Size]byte) []byte {
	m := meta{Format: Format, Docs: x.docs(), Terms: len(x.terms), PerFile: DocsPerFile, PerNames: TermsPerFile, Years: x.years}
	for _, t := range x.s.Taxonomies {
		m.Taxonomies = append(m.Taxonomies, metaTaxonomy{t.Name, t.Title, t.Singular, strings.TrimPrefix(t.URL, "/")})
	}
	for key := range x.shards {
		m.Shards = append(m.Shards, key)
	}
	slices.Sort(m.Shards)
	for _, key := range m.Shards {
		m.Sizes = append(m.Sizes, x.sizes[key])
	}
	// The version is the XOR of the files' names and sums: the same set
	// of files gives the same version in any order.
	var v [sha256.Size]byte
	for name, sum := range sums {
		h := sha256.Sum256(append([]byte(name+"\x00"), sum[:]...))
		for i := range v {
			v[i] ^= h[i]
		}
	}
	m.Version = hex.EncodeToString(v[:6])
	b, _ := json.Marshal(m)
	return b
}
