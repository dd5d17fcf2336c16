package search

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/site"
	"folio/generator/slug"
)

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Zürich", "zurich"},
		{"ZÜRICH", "zurich"},
		{"Łódź", "lodz"},
		{"Straße", "strasse"},
		{"İzmir", "izmir"},
		{"Østergaard", "ostergaard"},
		{"Ærø", "aero"},
		{"ΗΡΑΚΛΕΙΟΣ", "ηρακλειοσ"}, // the final sigma as any other
		{"Ηράκλειο", "ηρακλειο"},
		{"Đà Nẵng", "da nang"},
		{"부산", "부산"}, // Hangul stays composed
		{"京都", "京都"},
		{"Дмитрий", "дмитрии"},
		{"plain", "plain"},
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func words(text string) []string {
	var out []string
	Tokens(text, func(w string) { out = append(out, strings.Clone(w)) })
	return out
}

func TestTokens(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"The Zürich-based court, in 2024.", []string{"the", "zurich", "based", "court", "in", "2024"}},
		{"Siobhán O'Brien", []string{"siobhan", "o", "brien", "obrien"}},
		{"Müller’s plan", []string{"muller", "s", "mullers", "plan"}},
		{"rock 'n' roll", []string{"rock", "n", "roll"}}, // quotes, not apostrophes inside a word
		{"UPPER lower MiXeD", []string{"upper", "lower", "mixed"}},
		{"京都 and 부산", []string{"京都", "and", "부산"}},
		{strings.Repeat("x", MaxWordLen+1) + " kept", []string{"kept"}},
		{"", nil},
	}
	for _, c := range cases {
		if got := words(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	got := words(PlainText(`<p>Fish &amp; chips<br>at <a href="https://example.org/zurich">Zürich&rsquo;s</a> &#8220;best&#8221; &bogus</p>`))
	want := []string{"fish", "chips", "at", "zurich", "s", "zurichs", "best", "bogus"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q (the link's address is not text)", got, want)
	}
}

// decodeList reads a list as static/js/search.js does.
func decodeList(t *testing.T, b []byte) (ids []uint32, rest []byte) {
	t.Helper()
	next := func() uint64 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			t.Fatalf("bad varint in % x", b)
		}
		b = b[n:]
		return v
	}
	head := next()
	n := int(head >> 1)
	if n == 0 {
		return nil, b
	}
	if head&1 == 1 {
		first, size := next(), int(next())
		for i := range size * 8 {
			if b[i/8]&(1<<(i%8)) != 0 {
				ids = append(ids, uint32(first)+uint32(i))
			}
		}
		if len(ids) != n {
			t.Fatalf("the bitmap holds %d positions, the head says %d", len(ids), n)
		}
		return ids, b[size:]
	}
	id := uint64(0)
	for range n {
		id += next()
		ids = append(ids, uint32(id))
	}
	return ids, b
}

func TestListsRoundTripInTheSmallerForm(t *testing.T) {
	dense := make([]uint32, 0, 5000)
	for i := uint32(3); i < 10000; i += 2 {
		dense = append(dense, i)
	}
	cases := []struct {
		name   string
		ids    []uint32
		bitmap bool
	}{
		{"empty", nil, false},
		{"one", []uint32{70000}, false},
		{"sparse", []uint32{5, 900, 20000, 150000}, false},
		{"dense", dense, true},
		{"a run", []uint32{100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117}, true},
	}
	for _, c := range cases {
		b := appendList(nil, c.ids)
		got, rest := decodeList(t, b)
		if !slices.Equal(got, c.ids) || len(rest) != 0 {
			t.Errorf("%s: decoded %v (%d bytes left)", c.name, got, len(rest))
		}
		// A list built by a full build, as gaps, encodes the same.
		var l list
		for _, id := range c.ids {
			l.add(id)
		}
		if compact := l.appendTo(nil); string(compact) != string(b) {
			t.Errorf("%s: the compact list encodes as % x, want % x", c.name, compact, b)
		}
		if l.expand(); !slices.Equal(l.ids, c.ids) && len(c.ids) > 0 {
			t.Errorf("%s: expanded to %v", c.name, l.ids)
		}
		if form := len(b) > 0 && b[0]&1 == 1; form != c.bitmap {
			t.Errorf("%s: bitmap form %v, want %v (%d bytes)", c.name, form, c.bitmap, len(b))
		}
	}
	if n := len(appendList(nil, dense)); n > 10000/8+8 {
		t.Errorf("a list of half the first 10,000 articles takes %d bytes; a bitmap takes 1,250", n)
	}
}

func TestSplitFilesEveryWordUnderItsLongestKey(t *testing.T) {
	entries := map[string][]byte{}
	var all []string
	add := func(w string, size int) {
		entries[w] = make([]byte, size)
		all = append(all, w)
	}
	add("the", 900) // too big for any shard: a shard of its own
	for i := range 200 {
		add(fmt.Sprintf("th%03d", i), 10)
		add(fmt.Sprintf("zu%03d", i), 2)
	}
	add("a", 5)
	add("été", 5)
	slices.Sort(all)
	const limit = 300
	out := map[string][]string{}
	split("", all, entries, limit, out)

	keys := slices.Sorted(maps.Keys(out))
	filed := 0
	for _, key := range keys {
		size := 0
		for _, w := range out[key] {
			size += len(entries[w])
			// The longest key that begins the word is this one.
			longest := ""
			for _, k := range keys {
				if strings.HasPrefix(w, k) && len(k) > len(longest) {
					longest = k
				}
			}
			if longest != key {
				t.Errorf("%q is filed under %q, but the longest key that begins it is %q", w, key, longest)
			}
		}
		if size > limit && len(out[key]) > 1 {
			t.Errorf("shard %q holds %d bytes in %d words, over %d", key, size, len(out[key]), limit)
		}
		if !slices.IsSorted(out[key]) {
			t.Errorf("shard %q is not sorted", key)
		}
		filed += len(out[key])
	}
	if filed != len(all) {
		t.Errorf("%d words filed, of %d", filed, len(all))
	}
	if !slices.Contains(keys, "the") || !slices.Contains(keys, "") {
		t.Errorf("keys %q: want one for the big word, and the root", keys)
	}
}

// testSite assembles a site of articles given as front matter and body.
func testSite(t *testing.T, files map[string]string) *site.Site {
	t.Helper()
	cfg := config.Default()
	p := content.NewParser(cfg)
	var parsed []*content.Article
	for _, name := range slices.Sorted(maps.Keys(files)) {
		a, probs := p.Parse(name, []byte(files[name]))
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		parsed = append(parsed, a)
	}
	s, probs := site.Assemble(cfg, parsed, nil, slug.NewCache())
	if len(probs.Errors()) > 0 {
		t.Fatal(probs)
	}
	return s
}

var articles = map[string]string{
	"content/articles/a.md": "---\ntitle: Zürich votes\ndate: 2024-03-01\nplaces: [Geneva]\n---\nA quiet day.\n",
	"content/articles/b.md": "---\ntitle: Budget talks\ndate: 2024-02-01\nplaces: [Zürich]\n---\nMinisters met.\n",
	"content/articles/c.md": "---\ntitle: Ferry news\ndate: 2023-05-01\nsummary: Boats to Zurich resume.\n---\nNothing else.\n",
	"content/articles/d.md": "---\ntitle: Rail news\ndate: 2022-01-01\n---\nA first paragraph, the summary.\n\nTrains reach **Zürich** again.\n",
	"content/articles/e.md": "---\ntitle: Other news\ndate: 2021-01-01\n---\nA first paragraph.\n\nNo such word.\n",
}

// readIndex decodes what a query for word would fetch: its postings by
// class, best first, from the shard meta.json names for it.
func readIndex(t *testing.T, files map[string][]byte, word string) [numClasses][]uint32 {
	t.Helper()
	var m meta
	if err := json.Unmarshal(files[metaFile], &m); err != nil {
		t.Fatal(err)
	}
	key := ""
	for _, k := range m.Shards {
		if strings.HasPrefix(word, k) && len(k) > len(key) {
			key = k
		}
	}
	b, ok := files[shardFile(key)]
	if !ok {
		t.Fatalf("no file %s", shardFile(key))
	}
	for len(b) > 0 {
		n, size := binary.Uvarint(b)
		w := string(b[size : size+int(n)])
		b = b[size+int(n):]
		var out [numClasses][]uint32
		for c := numClasses - 1; ; c-- { // best first
			out[c], b = decodeList(t, b)
			if c == 0 {
				break
			}
		}
		if w == word {
			return out
		}
	}
	t.Fatalf("%q is not in shard %q", word, key)
	return [numClasses][]uint32{}
}

func TestIndexFilesEachArticleUnderItsBestClass(t *testing.T) {
	s := testSite(t, articles)
	u := New().Build(s)
	got := readIndex(t, u.Files, "zurich")
	// Newest first: a (title), b (a place), c (summary), d (body).
	want := [numClasses][]uint32{{3}, {2}, {1}, {0}} // by class: body, summary, terms, title
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("zurich: %v, want title, terms, summary, body: %v", got, want)
	}

	var m meta
	if err := json.Unmarshal(u.Files[metaFile], &m); err != nil {
		t.Fatal(err)
	}
	if m.Docs != 5 || !slices.Equal(m.Years, [][2]int{{2024, 2}, {2023, 1}, {2022, 1}, {2021, 1}}) {
		t.Errorf("meta: %d docs, years %v", m.Docs, m.Years)
	}
	var recs [][]any
	if err := json.Unmarshal(u.Files[docFile(0)], &recs); err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 || fmt.Sprint(recs[2][:5]) != "[Ferry news articles/c/ 2023-05-01 1 May 2023 Boats to Zurich resume.]" {
		t.Errorf("records: %v", recs)
	}
	// The term Geneva is the first place, with article a.
	ids, _ := decodeList(t, u.Files[termFile(0)])
	var names [][]any
	if err := json.Unmarshal(u.Files[namesFile(0)], &names); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(names[0]) != "[1 Geneva places/geneva/]" || !slices.Equal(ids, []uint32{0}) {
		t.Errorf("term 0: %v with %v", names[0], ids)
	}
}

func TestRebuildWritesOnlyWhatChanged(t *testing.T) {
	x := New()
	s := testSite(t, articles)
	first := x.Build(s)
	first.Commit()
	if again := x.Build(s); len(again.Files) != 0 || len(again.Removed) != 0 {
		t.Errorf("an unchanged site rewrites %d files and removes %q", len(again.Files), again.Removed)
	}

	// An edited body, swapped in place, changes its word shards, its
	// records file and meta.json, and the index equals a fresh one.
	edited := maps.Clone(articles)
	edited["content/articles/e.md"] = strings.Replace(articles["content/articles/e.md"], "No such word.", "Now Zürich too.", 1)
	s2 := testSite(t, edited)
	a := s.Article("content/articles/e.md")
	if !s.Swap([]*content.Article{s2.Article("content/articles/e.md").Parsed}) {
		t.Fatal("the edit changes the site's shape")
	}
	u := x.Swap([]*site.Article{a}, nil)
	if _, ok := u.Files[metaFile]; !ok || len(u.Files) >= len(first.Files) {
		t.Errorf("the edit rewrites %q", slices.Sorted(maps.Keys(u.Files)))
	}
	fresh := New().Build(s2)
	for name, data := range fresh.Files {
		if prev, ok := u.Files[name]; ok && string(prev) != string(data) || !ok && string(first.Files[name]) != string(data) {
			t.Errorf("%s differs from a fresh build's", name)
		}
	}
	if got := readIndex(t, fresh.Files, "zurich"); !slices.Equal(got[inBody], []uint32{3, 4}) {
		t.Errorf("after the edit, zurich in bodies: %v", got[inBody])
	}

	// Undone, the edit gives back the words it took away ("such" was
	// only in e), and the files of the first build.
	u.Commit()
	if !s.Swap([]*content.Article{testSite(t, articles).Article("content/articles/e.md").Parsed}) {
		t.Fatal("undoing the edit changes the site's shape")
	}
	back := x.Swap([]*site.Article{a}, nil)
	back.Commit()
	for name, data := range first.Files {
		got, ok := back.Files[name]
		if !ok {
			got = fresh.Files[name]
			if _, changed := u.Files[name]; !changed {
				got = data // neither edit touched it
			}
		}
		if string(got) != string(data) {
			t.Errorf("after undoing the edit, %s differs from the first build's", name)
		}
	}
	if got := readIndex(t, first.Files, "such"); !slices.Equal(got[inBody], []uint32{4}) {
		t.Errorf("such: %v", got)
	}
}

// TestSwapWithWordsBefore: words noted before an edit let Swap move the
// article in the lists that changed only, and the index then equals a
// fresh one, through edits that add a word, take away one no other
// article has, move one to a better class and keep one only this
// article has, then undo it all.
func TestSwapWithWordsBefore(t *testing.T) {
	const name = "content/articles/e.md"
	versions := []string{
		// "such" is only e's; "zurich" comes into its body.
		strings.Replace(articles[name], "No such word.", "No such word, but Zürich.", 1),
		// "zurich" moves up to the title, "first" leaves, "such" stays.
		strings.Replace(strings.Replace(articles[name], "title: Other news", "title: Zürich news", 1), "A first paragraph.", "A paragraph.", 1),
		articles[name],
	}
	x := New()
	s := testSite(t, articles)
	first := x.Build(s)
	first.Commit()
	files := maps.Clone(first.Files)
	a := s.Article(name)
	for i, text := range versions {
		prior := x.Before([]*site.Article{a})
		words := map[string]class{}
		for p, c := range prior[a] {
			words[p.word] = c
		}
		switch i {
		case 0:
			if words["such"] != inBody || words["first"] != inSummary || words["other"] != inTitle || len(words) != 8 {
				t.Errorf("before the first edit: %v", words)
			}
		case 1:
			if words["zurich"] != inBody {
				t.Errorf("before the second edit: %v", words)
			}
		}
		edited := maps.Clone(articles)
		edited[name] = text
		s2 := testSite(t, edited)
		if !s.Swap([]*content.Article{s2.Article(name).Parsed}) {
			t.Fatalf("version %d changes the site's shape", i)
		}
		u := x.Swap([]*site.Article{a}, prior)
		u.Commit()
		maps.Copy(files, u.Files)
		for _, f := range u.Removed {
			delete(files, f)
		}
		fresh := New().Build(s2).Files
		for f := range files {
			if _, ok := fresh[f]; !ok {
				t.Errorf("version %d: %s is left, a fresh build has none", i, f)
			}
		}
		for f, data := range fresh {
			if string(files[f]) != string(data) {
				t.Errorf("version %d: %s differs from a fresh build's", i, f)
			}
		}
	}
}

// FuzzTokens checks that every word Tokens yields is what the index can
// store and a query can reach: not empty, folded already, made of word
// characters only, and no longer than MaxWordLen.
func FuzzTokens(f *testing.F) {
	for _, s := range []string{"Zürich", "O'Brien’s", "ΗΡΑΚΛΕΙΟΣ", "a\u0301b", "İ", "x'", "'x", "ß'ß", "\xff\xfe", "京都 부산"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		Tokens(s, func(w string) {
			if w == "" {
				t.Fatalf("%q: an empty word", s)
			}
			if Fold(w) != w {
				t.Errorf("%q: %q is not folded (%q)", s, w, Fold(w))
			}
			for _, r := range w {
				if !inWord(r) {
					t.Errorf("%q: %q has %q", s, w, r)
				}
			}
			if n := len([]rune(w)); n > MaxWordLen*2 {
				t.Errorf("%q: %q is %d runes long", s, w, n)
			}
		})
	})
}

// TestSeriesNameIsSearched: the words of an article's series find it as
// its terms' words do.
func TestSeriesNameIsSearched(t *testing.T) {
	files := maps.Clone(articles)
	files["content/articles/f.md"] = "---\ntitle: Part one\ndate: 2020-01-01\nseries: Gazprom files\n---\nText.\n"
	s := testSite(t, files)
	u := New().Build(s)
	got := readIndex(t, u.Files, "gazprom")
	want := [numClasses][]uint32{{}, {}, {5}, {}} // by class: body, summary, terms, title
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("gazprom: %v, want the article under its terms: %v", got, want)
	}
}

// TestJSONStringsAsEncodingJSON: the hand-written document records quote
// strings byte for byte as encoding/json does: every ASCII byte, HTML's
// characters, the line separators, invalid UTF-8, and plain text.
func TestJSONStringsAsEncodingJSON(t *testing.T) {
	cases := []string{"", "Plain text, as most are.", `"Quoted" \ back\slash`, "<b>&amp;</b> > <", "line\u2028para\u2029end",
		"Zürich – 東京 🗞", "bad \xff byte \xc3", "\xe2\x80", "tail\xe2\x80\xa8"}
	var all strings.Builder
	for c := range 128 {
		all.WriteByte(byte(c))
	}
	cases = append(cases, all.String())
	for _, s := range cases {
		want, _ := json.Marshal(s)
		if got := appendJSONString([]byte("x"), s); string(got) != "x"+string(want) {
			t.Errorf("%q:\n got %s\nwant %s", s, got[1:], want)
		}
	}
}
