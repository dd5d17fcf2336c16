// Command searchbench measures, in Debian's headless chromium, what a
// reader's browser fetches and how long it waits when searching a built
// site: with folio's /search/ page, and with Pagefind's API on the same
// site, when `pagefind --site DIR` has indexed it. Each query starts with
// an empty cache; the site is served without compression, so sizes are
// the files' own. See generator/bench/search.sh.
//
//	go run ./generator/bench/searchbench -site DIR [-runs 3] word...
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// pagefindPage runs a query with Pagefind's JavaScript API and loads the
// first ten results' data (title, excerpt), as a results page shows them.
const pagefindPage = `<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Pagefind</title>
<ol id="results"></ol>
<script type="module">
window.runQuery = async (q) => {
	const start = performance.now();
	const pagefind = await import("/pagefind/pagefind.js");
	const search = await pagefind.search(q);
	const searched = performance.now();
	const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
	const list = document.getElementById("results");
	list.replaceChildren(...data.map((d) => { const li = document.createElement("li"); li.innerHTML = "<b></b> " + d.excerpt; li.firstChild.textContent = d.meta.title; return li; }));
	return { count: search.results.length, titles: data.map((d) => d.meta.title), wait: performance.now() - start, searched: searched - start };
};
</script>`

// counter serves the site and counts the bytes of every response body:
// the server sees what a page's workers fetch too, which the page's own
// resource timings leave out (Pagefind fetches from a worker).
type counter struct {
	next http.Handler
	mu   sync.Mutex
	got  []served
}

type served struct {
	path  string
	bytes int
}

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	cw := &countingWriter{ResponseWriter: w}
	c.next.ServeHTTP(cw, r)
	c.mu.Lock()
	c.got = append(c.got, served{r.URL.Path, cw.n})
	c.mu.Unlock()
}

type countingWriter struct {
	http.ResponseWriter
	n int
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += n
	return n, err
}

// measure runs one query and counts what was served meanwhile, and for
// half a second after, for anything fetched ahead. The part under prefix
// is the index, apart from the search page itself.
func (c *counter) measure(ctx context.Context, prefix string, query func() (outcome, error)) (outcome, error) {
	c.mu.Lock()
	c.got = nil
	c.mu.Unlock()
	o, err := query()
	if err != nil {
		return o, err
	}
	time.Sleep(500 * time.Millisecond)
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.got {
		o.Requests++
		o.Bytes += s.bytes
		if strings.HasPrefix(s.path, prefix) && s.path != prefix {
			o.IndexRequests++
			o.IndexBytes += s.bytes
		}
	}
	return o, nil
}

type fetched struct {
	Requests, Bytes           int
	IndexRequests, IndexBytes int
}

type outcome struct {
	fetched
	Count  int
	Titles []string
	// Wait is from the query to the results on screen, and All to the
	// filters too; Compute is the part spent ranking once the word
	// shards had arrived.
	Wait, All, Compute float64
	// After is from the arrival of the last file the results needed to
	// the results on screen.
	After float64
}

func main() {
	site := flag.String("site", "", "the built site: folio's output, perhaps indexed by pagefind too")
	runs := flag.Int("runs", 3, "runs of each query; the medians are reported")
	flag.Parse()
	if *site == "" || flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/pagefind-bench/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, pagefindPage)
	})
	served := &counter{next: http.FileServer(http.Dir(*site))}
	mux.Handle("/", served)
	go func() { log.Fatal(http.Serve(ln, mux)) }()
	base := "http://" + ln.Addr().String()

	ctx, cancel := browser()
	defer cancel()
	_, pagefind := os.Stat(filepath.Join(*site, "pagefind", "pagefind.js"))
	fmt.Printf("| query | engine | results | requests | bytes fetched | of which index | results shown | filters shown | ranking | results after last file |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, q := range flag.Args() {
		row := func(engine string, measure func() (outcome, error)) {
			var all []outcome
			for range *runs {
				o, err := measure()
				if err != nil {
					log.Fatalf("%s %q: %v", engine, q, err)
				}
				all = append(all, o)
			}
			o := all[0]
			wait := median(all, func(o outcome) float64 { return o.Wait })
			compute := median(all, func(o outcome) float64 { return o.Compute })
			whole := median(all, func(o outcome) float64 { return o.All })
			after := median(all, func(o outcome) float64 { return o.After })
			c, w, a := "—", "—", "—"
			if compute > 0 {
				c, w, a = fmt.Sprintf("%.1f ms", compute), fmt.Sprintf("%.0f ms", whole), fmt.Sprintf("%.1f ms", after)
			}
			fmt.Printf("| %s | %s | %d | %d | %s | %s | %.0f ms | %s | %s | %s |\n", q, engine, o.Count, o.Requests, kb(o.Bytes), kb(o.IndexBytes), wait, w, c, a)
		}
		row("folio", func() (outcome, error) {
			return served.measure(ctx, "/search/", func() (outcome, error) { return folio(ctx, base, q, false) })
		})
		row("folio, filters open", func() (outcome, error) {
			return served.measure(ctx, "/search/", func() (outcome, error) { return folio(ctx, base, q, true) })
		})
		if pagefind == nil {
			row("Pagefind", func() (outcome, error) {
				return served.measure(ctx, "/pagefind/", func() (outcome, error) { return pagefindQuery(ctx, base, q) })
			})
		}
	}
}

func kb(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }

func median(all []outcome, f func(outcome) float64) float64 {
	v := make([]float64, len(all))
	for i, o := range all {
		v[i] = f(o)
	}
	slices.Sort(v)
	return v[len(v)/2]
}

func browser() (context.Context, context.CancelFunc) {
	dir, err := os.MkdirTemp("", "searchbench")
	if err != nil {
		log.Fatal(err)
	}
	path := "chromium"
	if p := os.Getenv("CHROME_PATH"); p != "" {
		path = p
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.UserDataDir(dir), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true))
	ctx, cancel := chromedp.NewContext(alloc)
	return ctx, func() {
		cancel()
		cancelAlloc()
		os.RemoveAll(dir)
	}
}

// fresh empties the browser's cache and opens url.
func fresh(ctx context.Context, url string) error {
	return chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, network.ClearBrowserCache, cdp.Empty{})
			return err
		}),
		chromedp.Navigate(url))
}

// folio opens /search/ and types the query, then waits for the page to
// say it shows all there is: results, and the filters with their counts.
func folio(ctx context.Context, base, q string, filtersOpen bool) (outcome, error) {
	if err := fresh(ctx, base+"/search/"); err != nil {
		return outcome{}, err
	}
	if err := chromedp.Do(ctx, chromedp.WaitReady("#search-query")); err != nil {
		return outcome{}, err
	}
	if filtersOpen { // as for a reader who opened the filters before
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.folioSearch.filtersOpen = true`)); err != nil {
			return outcome{}, err
		}
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys("#search-query", q)); err != nil {
		return outcome{}, err
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		shown, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("search").dataset.shown || ""`))
		if err != nil {
			return outcome{}, err
		}
		if shown == q {
			break
		}
		if time.Now().After(deadline) {
			status, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("search-status").textContent + " / shown: " + document.getElementById("search").dataset.shown`))
			return outcome{}, fmt.Errorf("no results within 30 s; the page says %q", status)
		}
		time.Sleep(5 * time.Millisecond)
	}
	var o outcome
	t, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
		Count   int
		Titles  []string
		Wait    float64
		All     float64
		Compute float64
		After   float64
	}](`(() => {
		const p = window.folioSearch, t = p.timing;
		const ends = performance.getEntriesByType("resource").map((e) => e.responseEnd).filter((e) => e <= t.results);
		return { Count: p.result.ids.length, Titles: [...document.querySelectorAll("#search-results h2")].slice(0, 10).map((h) => h.textContent),
			Wait: t.results - t.start, All: t.shown - t.start, Compute: t.compute, After: t.results - Math.max(t.start, ...ends) };
	})()`))
	if err != nil {
		return o, err
	}
	o.Count, o.Titles, o.Wait, o.All, o.Compute, o.After = t.Count, t.Titles, t.Wait, t.All, t.Compute, t.After
	return o, nil
}

// pagefindQuery runs the query through Pagefind's API on a bare page.
func pagefindQuery(ctx context.Context, base, q string) (outcome, error) {
	if err := fresh(ctx, base+"/pagefind-bench/"); err != nil {
		return outcome{}, err
	}
	if err := chromedp.Do(ctx, chromedp.WaitReady("#results")); err != nil {
		return outcome{}, err
	}
	r, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
		Count    int
		Titles   []string
		Wait     float64
		Searched float64
	}](`runQuery(`+quote(q)+`)`, chromedp.EvalAwaitPromise))
	if err != nil {
		return outcome{}, err
	}
	return outcome{Count: r.Count, Titles: r.Titles, Wait: r.Wait}, nil
}

func quote(s string) string { return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"` }
