package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"folio/generator/build"
	"folio/generator/search"
)

// searchSite builds the example site, fingerprinted and minified (the
// script too) as a deployment may be, and serves it as a static host
// would.
func searchSite(t *testing.T) (context.Context, string) {
	t.Helper()
	ctx := browser(t)
	root := copyExample(t)
	replaceIn(t, root, "config.yaml", "language: en", "language: en\nminify: true")
	return ctx, serveBuilt(t, root)
}

// serveBuilt builds the site at root, fingerprinted, and serves the
// output as a static host would; it returns the address.
func serveBuilt(t *testing.T, root string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest, Fingerprint: true}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// replaceIn replaces the first old in the file name of the site at root.
func replaceIn(t *testing.T, root, name, old, new string) {
	t.Helper()
	p := filepath.Join(root, name)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", name, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// searchResult is what the page shows for a query.
type searchResult struct {
	Status string
	Titles []string
	Marks  []string // the highlighted words, in page order
	Chips  []string // filter buttons: "Legend: label count", pressed ones with a *
}

const readResults = `(() => ({
	Status: document.getElementById("search-status").textContent,
	Titles: [...document.querySelectorAll("#search-results h2")].map((h) => h.textContent),
	Marks: [...document.querySelectorAll("#search-results mark")].map((m) => m.textContent),
	Chips: [...document.querySelectorAll("#search-filters button")].map((b) =>
		b.closest("fieldset").querySelector("legend").textContent + ": " + b.textContent + (b.getAttribute("aria-pressed") === "true" ? " *" : "")),
}))()`

func TestBrowserSearch(t *testing.T) {
	ctx, base := searchSite(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1024, 768), chromedp.Navigate(base+"/search/")); err != nil {
		t.Fatal(err)
	}
	// settled waits until the page shows all there is for q: results,
	// status and filters.
	settled := func(t *testing.T, q string) {
		t.Helper()
		quoted, _ := json.Marshal(q)
		waitFor(t, ctx, "results for "+q, `document.getElementById("search").dataset.shown === `+string(quoted))
	}
	// typing types into the box as a reader does, key by key, and waits
	// until the status line tells of the whole query.
	typing := func(t *testing.T, q string) searchResult {
		t.Helper()
		if err := run(ctx, `document.getElementById("search-query").value = ""`); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.SendKeys("#search-query", q)); err != nil {
			t.Fatal(err)
		}
		settled(t, q)
		r, err := chromedp.Run(ctx, chromedp.Evaluate[searchResult](readResults))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}

	t.Run("the script folds words as the index does", func(t *testing.T) {
		in := []string{"Zürich", "ZÜRICH", "Łódź", "Straße", "İzmir", "Østergaard", "ΗΡΑΚΛΕΙΟΣ", "Ηράκλειο", "Đà Nẵng", "부산", "京都", "Дмитрий", "Siobhán", "Ærø", "Côte"}
		list, _ := json.Marshal(in)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`import(document.querySelector("script[type=module]").src).then((m) => `+string(list)+`.map(m.fold))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		for i, w := range in {
			if i >= len(got) || got[i] != search.Fold(w) {
				t.Errorf("the script folds %q to %q, the index to %q", w, got[min(i, len(got)-1)], search.Fold(w))
			}
		}
		// Splits text into the same words: a query's words are among the
		// words the index holds (which also has joined forms: o'brien is
		// o, brien and obrien).
		texts := []string{"CO₂ levels", "Oʼbrien", "O'Brien’s", "½ price", "Ⅻ kings", "don't", "Zürich-based", "京都 and 부산", "ΣΟΦΟΣ", "x\u0301y", "ۚ mark"}
		list, _ = json.Marshal(texts)
		split, err := chromedp.Run(ctx, chromedp.Evaluate[[][]string](`import(document.querySelector("script[type=module]").src).then((m) => `+string(list)+`.map((t) => m.parseQuery(t + " ").map((w) => w.word)))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		for i, text := range texts {
			var indexed []string
			search.Tokens(text, func(w string) { indexed = append(indexed, strings.Clone(w)) })
			for _, w := range split[i] {
				if !slices.Contains(indexed, w) {
					t.Errorf("%q: the script looks for %q, which the index does not hold (it holds %q)", text, w, indexed)
				}
			}
			if len(split[i]) == 0 && len(indexed) > 0 {
				t.Errorf("%q: the script finds no words, the index %q", text, indexed)
			}
		}
		// And splits a query the same way: the word being typed is a
		// prefix, a finished one is not; apostrophes split.
		q, err := chromedp.Run(ctx, chromedp.Evaluate[string](`import(document.querySelector("script[type=module]").src).then((m) =>
			["O'Brien zür", "zürich ", "a", "Kyiv, Kyiv"].map((q) => m.parseQuery(q).map((w) => w.word + (w.prefix ? "*" : "")).join(" ")).join(" | "))`, chromedp.EvalAwaitPromise))
		if want := "o brien zur* | zurich | a | kyiv*"; err != nil || q != want {
			t.Errorf("queries split as %q, want %q (%v)", q, want, err)
		}
	})
	t.Run("messages", func(t *testing.T) {
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`import(document.querySelector("script[type=module]").src).then((m) => [
			new m.Words({}, "en_US").say("matches", { n: 1200, q: "x" }),                          // a tag browsers refuse
			new m.Words({ matches: { one: "{n} Artikel" } }, "de").say("matches", { n: 3, q: "x" }), // no form for 3: English
			new m.Words({ none: 7 }, "en").say("none", { q: "x" }),                                 // not a string: English
			new m.Words({ none: "{q} {year} {n}" }, "en").say("none", { q: "x" }),                  // no value: left as written
			new m.Words({ matches: { one: "{n} artykuł", few: "{n} artykuły", many: "{n} artykułów" } }, "pl").say("matches", { n: 22 }),
		])`, chromedp.EvalAwaitPromise))
		want := []string{"1,200 articles match “x”", "3 articles match “x”", "No article matches “x”", "x {year} {n}", "22 artykuły"}
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("messages %q, want %q (%v)", got, want, err)
		}
	})
	t.Run("diacritics and case", func(t *testing.T) {
		r := typing(t, "zurich")
		if r.Status != "3 articles match “zurich”." {
			t.Errorf("status %q", r.Status)
		}
		// The article with Zürich in its title comes first; then those
		// that name it as a place, newest first.
		if len(r.Titles) != 3 || r.Titles[0] != "Zürich archive begins digitising a century of newspapers" {
			t.Errorf("titles %q", r.Titles)
		}
		if !slices.Contains(r.Marks, "Zürich") {
			t.Errorf("Zürich is not highlighted: marks %q", r.Marks)
		}
		for _, m := range r.Marks {
			if !strings.EqualFold(m, "Zürich") {
				t.Errorf("highlighted %q", m)
			}
		}
	})
	t.Run("where a word matched, when the result does not show it", func(t *testing.T) {
		where := func(q string) []string {
			t.Helper()
			typing(t, q)
			w, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results li")].map((li) => (li.querySelector(".search-where") || {}).textContent || "")`))
			if err != nil {
				t.Fatal(err)
			}
			return w
		}
		// The first shows it in its title; the others name it as a place,
		// once the names have come.
		where("zurich")
		waitFor(t, ctx, "the places named", `[...document.querySelectorAll("#search-results .search-where")].map((p) => p.textContent).join("|") === "Places: Zürich|Places: Zürich"`)
		if w := where("zurich"); len(w) != 3 || w[0] != "" {
			t.Errorf("zurich: %q", w)
		}
		// A word of the text alone; a finished word has no "…".
		if w := where("monday "); len(w) != 1 || w[0] != "In the text: “monday”" {
			t.Errorf("monday: %q", w)
		}
	})
	t.Run("prefix of the word being typed", func(t *testing.T) {
		r := typing(t, "krak")
		if !strings.HasPrefix(r.Status, "4 articles match") || !slices.Contains(r.Marks, "Kraków") {
			t.Errorf("krak: %+v", r)
		}
		// Once the word is finished, it is a whole word: "krak " is not
		// the start of Kraków.
		if r := typing(t, "krak "); !strings.HasPrefix(r.Status, "No article matches") {
			t.Errorf("krak + space: %+v", r)
		}
	})
	t.Run("ranking: title, then names, then summary and body", func(t *testing.T) {
		r := typing(t, "kremlin")
		if len(r.Titles) < 2 || !strings.Contains(r.Titles[0], "Kremlin") || !strings.Contains(r.Titles[1], "Kremlin") {
			t.Errorf("kremlin: titles with the word should come first: %q", r.Titles)
		}
		for i, title := range r.Titles[2:] {
			if strings.Contains(title, "Kremlin") {
				t.Errorf("%q ranks %d, below articles without the word in their titles", title, i+3)
			}
		}
	})
	t.Run("every word must match", func(t *testing.T) {
		r := typing(t, "putin trump")
		if len(r.Titles) == 0 {
			t.Fatalf("putin trump: %+v", r)
		}
		one := typing(t, "putin")
		if len(one.Titles) <= len(r.Titles) && !strings.Contains(one.Status, "articles") {
			t.Errorf("putin alone matches %q, putin trump %q", one.Status, r.Status)
		}
	})
	t.Run("no article has every word: those with some", func(t *testing.T) {
		r := typing(t, "kremlin zanzibar")
		if !strings.HasPrefix(r.Status, "No article has all of “kremlin zanzibar”; ") || !strings.HasSuffix(r.Status, " articles have some of its words.") || len(r.Titles) == 0 {
			t.Errorf("kremlin zanzibar: %+v", r)
		}
		// A year without them all is no reason to fall back: other years
		// have them, and the year chips say so.
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/?q=putin%20trump&year=2019")); err != nil {
			t.Fatal(err)
		}
		settled(t, "putin trump")
		if y, err := chromedp.Run(ctx, chromedp.Evaluate[searchResult](readResults)); err != nil || y.Status != "No article matches “putin trump” in 2019." ||
			!slices.ContainsFunc(y.Chips, func(c string) bool { return strings.HasPrefix(c, "Year: 2024 ") }) {
			t.Errorf("putin trump in 2019: %+v, %v", y, err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/")); err != nil {
			t.Fatal(err)
		}
		// More of the words rank first: the one article with two of the
		// three, its title having one, above the Kremlin's in titles.
		r = typing(t, "kremlin hotline zanzibar")
		if len(r.Titles) < 2 || r.Titles[0] != "A short history of the Moscow-Washington hotline" {
			t.Errorf("kremlin hotline zanzibar: %q", r.Titles)
		}
	})
	t.Run("filters", func(t *testing.T) {
		r := typing(t, "kyiv")
		// The filters are folded under a summary until opened, and their
		// terms' article lists are not fetched before.
		lists := `performance.getEntriesByType("resource").filter((e) => /\/search\/t\/\d+\.bin/.test(e.name)).length`
		if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](lists)); err != nil || n != 0 || len(r.Chips) != 0 {
			t.Errorf("closed filters fetched %d term lists and show %q (%v)", n, r.Chips, err)
		}
		if err := chromedp.Do(ctx, chromedp.Click("#search-filters summary")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the filters, once opened", `document.getElementById("search").dataset.filters === "kyiv"`)
		r, err := chromedp.Run(ctx, chromedp.Evaluate[searchResult](readResults))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(r.Chips, func(c string) bool { return strings.HasPrefix(c, "People: Oksana Melnyk ") }) {
			t.Fatalf("no chip for Oksana Melnyk: %q", r.Chips)
		}
		before := len(r.Titles)
		if err := run(ctx, `(() => { const b = [...document.querySelectorAll("#search-filters button")].find((b) => b.textContent.startsWith("Oksana Melnyk")); b.focus(); b.click(); })()`); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "filtered results", `document.getElementById("search-status").textContent.includes("with the filters chosen")`)
		waitFor(t, ctx, "pressed chip", `!!document.querySelector("#search-filters button[aria-pressed=true]")`)
		f, err := chromedp.Run(ctx, chromedp.Evaluate[searchResult](readResults))
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Titles) == 0 || len(f.Titles) >= before || !slices.ContainsFunc(f.Chips, func(c string) bool {
			return strings.HasPrefix(c, "People: Oksana Melnyk") && strings.HasSuffix(c, " *")
		}) {
			t.Errorf("after choosing Oksana Melnyk: %+v (before: %d results)", f, before)
		}
		// The choice is in the address, by the term's page, and a
		// shared address opens with it chosen.
		loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`))
		if err != nil || loc != "?q=kyiv&in=people%2Foksana-melnyk%2F" {
			t.Errorf("location.search %q, %v", loc, err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/"+loc)); err != nil {
			t.Fatal(err)
		}
		settled(t, "kyiv")
		shared, err := chromedp.Run(ctx, chromedp.Evaluate[searchResult](readResults))
		if err != nil || fmt.Sprint(shared.Titles) != fmt.Sprint(f.Titles) || !strings.Contains(shared.Status, "with the filters chosen") {
			t.Errorf("the shared address shows %+v (%v), the page showed %q", shared, err, f.Titles)
		}
		if err := run(ctx, `document.querySelector("#search-filters button[aria-pressed=true]").focus()`); err != nil {
			t.Fatal(err)
		}
		// Filters stay while the query changes, until lifted: the chip
		// keeps the focus, and pressing it again lifts it.
		if err := run(ctx, `document.activeElement.click()`); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the filter lifted", `!document.getElementById("search-status").textContent.includes("with the filters chosen")`)
	})
	t.Run("a year", func(t *testing.T) {
		r := typing(t, "newspapers")
		if !slices.ContainsFunc(r.Chips, func(c string) bool { return strings.HasPrefix(c, "Year: 2026 ") }) {
			t.Fatalf("no chip for 2026: %q", r.Chips)
		}
		// A real click, on the first year's chip: the newest, 2026.
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#search-filters fieldset:first-of-type li:first-child button`))); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "results of 2026", `document.getElementById("search-status").textContent.includes("in 2026")`)
		dates, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results time")].map((t) => t.dateTime)`))
		if err != nil || len(dates) == 0 {
			t.Fatalf("dates %q, %v", dates, err)
		}
		for _, d := range dates {
			if !strings.HasPrefix(d, "2026-") {
				t.Errorf("a result of %s among those of 2026", d)
			}
		}
		loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`))
		if err != nil || loc != "?q=newspapers&year=2026" {
			t.Errorf("location.search %q, %v", loc, err)
		}
		// The chip keeps the focus, and pressing it again lifts the filter.
		if err := run(ctx, `document.activeElement.click()`); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "every year again", `!document.getElementById("search-status").textContent.includes(" in ")`)
	})
	t.Run("ten at a time", func(t *testing.T) {
		r := typing(t, "the")
		if len(r.Titles) != 10 || !strings.HasPrefix(r.Status, "20 articles match") {
			t.Fatalf("the: %d shown, status %q", len(r.Titles), r.Status)
		}
		if err := chromedp.Do(ctx, chromedp.Click("#search-more")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "the other ten, the button gone, focus on the first of them",
			`document.querySelectorAll("#search-results li").length === 20 && document.getElementById("search-more").hidden && `+
				`document.activeElement === document.querySelectorAll("#search-results li")[10].querySelector("a")`)
	})
	t.Run("the query is in the address", func(t *testing.T) {
		typing(t, "hotline")
		loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`))
		if err != nil || loc != "?q=hotline" {
			t.Errorf("location.search %q, %v", loc, err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/?q=Hotline")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, ctx, "results of a search in the address", `document.querySelectorAll("#search-results li").length === 1`)
	})
	t.Run("escaping", func(t *testing.T) {
		r := typing(t, "tags")
		if !slices.Contains(r.Titles, `Why “<b>” tags & smart quotes break old archives`) {
			t.Errorf("titles %q", r.Titles)
		}
	})
}

// TestBrowserSearchFollowsEdits searches the dev server's site: a word
// saved into an article is found as soon as the page reloads, and a new
// article's title too.
func TestBrowserSearchFollowsEdits(t *testing.T) {
	ctx := browser(t)
	root := copyExample(t)
	url, srv := serveSite(t, root)
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"search/?q=zanzibar")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "no match yet", `document.getElementById("search-status").textContent === "No article matches “zanzibar”."`)
	connected(t, srv, 1)

	replaceIn(t, root, "content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md",
		"The Kremlin on Monday declined", "The Kremlin, via Zanzibar, on Monday declined")
	waitFor(t, ctx, "the edited article is found", `document.getElementById("search-status").textContent === "1 article matches “zanzibar”."`)

	fresh := "---\ntitle: Zanzibar ferry timetable returns\ndate: 2024-08-01\nplaces: [Zanzibar]\n---\nBoats again.\n"
	if err := os.WriteFile(filepath.Join(root, "content/articles/2024/07/zanzibar-ferries.md"), []byte(fresh), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the new article is found, first", `document.getElementById("search-status").textContent === "2 articles match “zanzibar”." && `+
		`document.querySelector("#search-results h2").textContent === "Zanzibar ferry timetable returns"`)
}

// TestBrowserSearchSpeaksTheSiteLanguage translates the layout's messages
// into Polish, whose plural has more forms than English: the script says
// what the layout says, in the right form for each count.
func TestBrowserSearchSpeaksTheSiteLanguage(t *testing.T) {
	ctx := browser(t)
	root := copyExample(t)
	replaceIn(t, root, "config.yaml", "language: en", "language: pl")
	replaceIn(t, root, "layouts/search.html", `"matches": {"one": "{n} article matches “{q}”", "other": "{n} articles match “{q}”"},`,
		`"matches": {"one": "{n} artykuł pasuje do „{q}”", "few": "{n} artykuły pasują do „{q}”", "many": "{n} artykułów pasuje do „{q}”", "other": "{n} artykułu pasuje do „{q}”"},`)
	base := serveBuilt(t, root)
	for q, want := range map[string]string{
		"hotline":  "1 artykuł pasuje do „hotline”.",
		"zurich":   "3 artykuły pasują do „zurich”.",
		"kyiv":     "6 artykułów pasuje do „kyiv”.",
		"zanzibar": "No article matches “zanzibar”.", // not translated: English
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/search/?q="+q)); err != nil {
			t.Fatal(err)
		}
		quoted, _ := json.Marshal(q)
		waitFor(t, ctx, "results for "+q, `document.getElementById("search").dataset.shown === `+string(quoted))
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("search-status").textContent`))
		if err != nil || got != want {
			t.Errorf("%s: %q, want %q (%v)", q, got, want, err)
		}
	}
}

// TestBrowserSearchShowsThumbnails: a result whose article has a lead
// image shows its smallest size, as lists do; one without shows none.
func TestBrowserSearchShowsThumbnails(t *testing.T) {
	ctx, base := searchSite(t)
	if _, err := chromedp.Run(ctx, chromedp.Navigate(base+"/search/?q=pamphlets")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "results", `document.querySelectorAll("#search-results article").length > 0`)
	thumbs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results article")].map((a) => {
		const img = a.querySelector(".thumb img");
		return a.querySelector("h2").textContent + ": " + (img ? new URL(img.src).pathname.replace(/\.[0-9a-f]{8}\./, ".TAG.") + " alt=" + JSON.stringify(img.alt) : "none");
	})`))
	if err != nil {
		t.Fatal(err)
	}
	want := `London print museum revives banned pamphlets on a 200-year-old press: /img/dandelions-480.TAG.jpg alt=""`
	if len(thumbs) == 0 || thumbs[0] != want {
		t.Errorf("results %q, want first %q", thumbs, want)
	}
	for _, th := range thumbs[1:] {
		if !strings.HasSuffix(th, ": none") {
			t.Errorf("a result without a lead image shows one: %s", th)
		}
	}
}

// TestBrowserSearchTermAuthorsAndOrder: a query that is a person's name
// shows their page first; each result says who wrote it; "Newest first"
// orders the results by date, and stays in the address.
func TestBrowserSearchTermAuthorsAndOrder(t *testing.T) {
	ctx, base := searchSite(t)
	if _, err := chromedp.Run(ctx, chromedp.Navigate(base+"/search/?q=Vladimir+Putin")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "results", `document.getElementById("search").dataset.shown === "Vladimir Putin" && !document.getElementById("search-term").hidden`)
	type shown struct {
		Term, TermURL string
		Metas         []string
		Dates         []string
	}
	const read = `(() => ({
		Term: document.getElementById("search-term").textContent,
		TermURL: document.querySelector("#search-term a") ? new URL(document.querySelector("#search-term a").href).pathname : "",
		Metas: [...document.querySelectorAll("#search-results .meta:not(.search-where)")].map((p) => p.textContent),
		Dates: [...document.querySelectorAll("#search-results time")].map((t) => t.dateTime),
	}))()`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[shown](read))
	if err != nil {
		t.Fatal(err)
	}
	if got.Term != "Person: Vladimir Putin, and every article that names them" || got.TermURL != "/people/vladimir-putin/" {
		t.Errorf("the person's page is not first: %q at %q", got.Term, got.TermURL)
	}
	if len(got.Metas) == 0 || !strings.Contains(got.Metas[0], " · by ") {
		t.Errorf("results do not say who wrote them: %q", got.Metas)
	}
	// A query that is not a name shows no term first.
	if _, err := chromedp.Run(ctx, chromedp.Navigate(base+"/search/?q=putin+press")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "results", `document.getElementById("search").dataset.shown === "putin press"`)
	if hidden, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("search-term").hidden`)); err != nil || !hidden {
		t.Errorf("a query of no name shows a term first (hidden %v, %v)", hidden, err)
	}
	// Newest first.
	if _, err := chromedp.Run(ctx, chromedp.Navigate(base+"/search/?q=kremlin&order=new")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "results", `document.getElementById("search").dataset.shown === "kremlin"`)
	got, err = chromedp.Run(ctx, chromedp.Evaluate[shown](read))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Dates) < 3 || !slices.IsSortedFunc(got.Dates, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("results are not newest first: %q", got.Dates)
	}
	order, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("search-order").value + " " + new URL(location.href).searchParams.get("order")`))
	if err != nil || order != "new new" {
		t.Errorf("the order chosen is not shown and kept: %q, %v", order, err)
	}
}
