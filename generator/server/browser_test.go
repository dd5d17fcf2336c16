package server

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"folio/generator/build"
	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/watch"
)

// chromium finds Debian's chromium, or skips the test loudly; in CI (where
// .ci/run installs it) a missing browser is a failure.
func chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no chromium on this machine: .ci/run must install it (apt-get install -y chromium)")
	}
	fmt.Fprintln(os.Stderr, "SKIPPED: the browser tests need Debian's chromium (apt-get install -y chromium)")
	t.Skip("no chromium on this machine")
	return ""
}

// browser starts a headless chromium with the flags this machine needs.
func browser(t testing.TB) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1024, 768),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if _, err := chromedp.Run(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// serveSite runs the whole dev server (watcher included) on the site.
func serveSite(t testing.TB, root string) (string, *Server) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String() + "/"
	w, err := watch.New(root)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	batches := make(chan []string)
	go func() {
		_ = w.Run(ctx, batches)
		close(batches)
	}()
	s := New(build.Options{Source: root, BaseURL: url}, io.Discard)
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln, batches) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
		w.Close()
	})
	return url, s
}

// connected waits until n tabs listen for events.
func connected(t *testing.T, s *Server, n int) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for s.Clients() < n {
		if time.Now().After(deadline) {
			t.Fatalf("%d tabs connected to the event stream, want %d", s.Clients(), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// run evaluates a statement in the page.
func run(ctx context.Context, js string) error {
	_, err := chromedp.Run(ctx, chromedp.Evaluate[any](js))
	return err
}

// waitFor polls a JavaScript condition in the page until it holds.
func waitFor(t *testing.T, ctx context.Context, what, js string) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < 15*time.Second {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return time.Since(start)
		}
		time.Sleep(20 * time.Millisecond)
	}
	html, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 500) : ""`))
	t.Fatalf("%s: not within 15 s; the page shows: %s", what, html)
	return 0
}

func TestBrowserReloadsAndShowsProblems(t *testing.T) {
	ctx := browser(t)
	root := copyExample(t)
	url, srv := serveSite(t, root)
	const art = "content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md"
	page := url + "articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/"
	if _, err := chromedp.Run(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the article loads", `document.querySelector("h1").textContent.includes("Kremlin keeps cryptic stance")`)
	// A marker that a reload would wipe out: the page must update itself,
	// in place.
	if err := run(ctx, `window.folioMarker = 1`); err != nil {
		t.Fatal(err)
	}
	connected(t, srv, 1)

	p := filepath.Join(root, art)
	orig, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(orig), "The Kremlin on Monday declined", "The Kremlin on Tuesday once more declined", 1)
	if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	took := waitFor(t, ctx, "the page shows the edit, updated in place", `document.body.innerText.includes("on Tuesday once more declined") && window.folioMarker === 1`)
	t.Logf("edit on disk → page showing it: %v", took)
	// A new title changes the head too, and nothing is doubled.
	edited = strings.Replace(edited, `title: "Kremlin keeps cryptic stance`, `title: "Kremlin keeps a cryptic stance`, 1)
	if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the new title is in the head and the heading",
		`document.title.startsWith("Kremlin keeps a cryptic stance") && document.querySelector("h1").textContent.startsWith("Kremlin keeps a cryptic stance") && `+
			`document.querySelector('meta[property="og:title"]').content.startsWith("Kremlin keeps a cryptic stance") && `+
			`document.querySelectorAll('meta[property="og:title"]').length === 1 && document.querySelectorAll('link[rel="stylesheet"]').length === 1 && window.folioMarker === 1`)

	if err := os.WriteFile(p, []byte("---\ntitle: [unclosed\ndate: 2024-07-22\n---\nBody\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the overlay names the file",
		fmt.Sprintf(`(e => e !== null && e.shadowRoot.textContent.includes(%q))(document.getElementById("folio-problems"))`, art))
	// The last good page is still there under the overlay.
	waitFor(t, ctx, "the last good page stays", `document.body.innerText.includes("on Tuesday once more declined")`)

	if err := os.WriteFile(p, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the overlay goes away", `document.getElementById("folio-problems") === null && document.body.innerText.includes("on Monday declined")`)

	// A deleted page shows the 404 page.
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the 404 page replaces a deleted article", `document.querySelector("h1") && document.querySelector("h1").textContent === "Page not found"`)
}

func TestBrowserSwapsStylesheetWithoutReload(t *testing.T) {
	ctx := browser(t)
	root := copyExample(t)
	url, srv := serveSite(t, root)
	if _, err := chromedp.Run(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the home page loads", `document.querySelector("h1") !== null`)
	connected(t, srv, 1)
	if err := run(ctx, `window.folioMarker = 1`); err != nil {
		t.Fatal(err)
	}
	css := filepath.Join(root, "static/css/style.css")
	b, _ := os.ReadFile(css)
	if err := os.WriteFile(css, append(b, []byte("\nh1 { color: rgb(1, 2, 3) !important; }\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the new style applies without a reload",
		`getComputedStyle(document.querySelector("h1")).color === "rgb(1, 2, 3)" && window.folioMarker === 1`)
}

// BenchmarkSaveToReloadedPage measures, in headless chromium, the time
// from writing an edited article to disk to the page showing the edit,
// through the whole dev server (watcher, rebuild, event stream, fetch and
// in-place update), on the archive at $FOLIO_BENCH_SITE. A mutation
// observer in the page notes the moment the edit is in the document and
// laid out (innerText lays it out); the browser's clock and ours are the
// same clock, so no polling error enters the figure.
func BenchmarkSaveToReloadedPage(b *testing.B) {
	root, name, p, orig := benchArticle(b)
	url, srv := serveSite(b, root)
	ctx := browser(b)
	a, errs := content.NewParser(config.Default()).Parse(name, orig)
	if a == nil {
		b.Fatal(errs)
	}
	if _, err := chromedp.Run(ctx, chromedp.Navigate(url+"articles/"+a.Slug+"/")); err != nil {
		b.Fatal(err)
	}
	const observe = `window.folioSeen = 0; new MutationObserver(() => {
		if (!window.folioSeen && document.body.innerText.includes(window.folioWant)) window.folioSeen = performance.timeOrigin + performance.now();
	}).observe(document.documentElement, {childList: true, subtree: true}); true`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](observe)); err != nil {
		b.Fatal(err)
	}
	var times []time.Duration
	b.ResetTimer()
	for i := range b.N {
		for srv.Clients() < 1 {
			time.Sleep(time.Millisecond)
		}
		marker := fmt.Sprintf("Edit number %d.", i)
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`window.folioWant = %q; window.folioSeen = 0; true`, marker))); err != nil {
			b.Fatal(err)
		}
		edited := strings.Replace(string(orig), "\n\n", "\n\n"+marker+"\n\n", 1)
		written := time.Now()
		if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			seen, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.folioSeen || 0`))
			if err == nil && seen > 0 {
				times = append(times, time.UnixMicro(int64(seen*1000)).Sub(written))
				break
			}
			if time.Now().After(deadline) {
				b.Fatalf("edit %d: the page did not show it within 10 s, or reloaded instead of updating", i)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "p90-ms")
}

// TestBrowserStylesheetSavedByRename saves the stylesheet as many editors
// do, writing a new file and renaming it over the old one, the way of sed
// -i, of vim and of JetBrains' editors: the open tab shows each new
// colour, in place.
func TestBrowserStylesheetSavedByRename(t *testing.T) {
	ctx := browser(t)
	root := copyExample(t)
	url, srv := serveSite(t, root)
	page := url + "articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/"
	if _, err := chromedp.Run(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the article loads", `document.querySelector("h1") !== null`)
	connected(t, srv, 1)
	if err := run(ctx, `window.folioMarker = 1`); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "static/css")
	css := filepath.Join(dir, "style.css")
	orig, err := os.ReadFile(css)
	if err != nil {
		t.Fatal(err)
	}
	write := func(p, colour string) {
		t.Helper()
		if err := os.WriteFile(p, append(slices.Clone(orig), "\nh1 { color: "+colour+" !important; }\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	saves := []struct {
		editor string
		save   func(colour string)
	}{
		{"sed -i", func(colour string) {
			write(filepath.Join(dir, "sedq1W2e3"), colour)
			must(os.Rename(filepath.Join(dir, "sedq1W2e3"), css))
		}},
		{"vim", func(colour string) {
			write(filepath.Join(dir, "4913"), colour) // vim checks it may write here
			must(os.Remove(filepath.Join(dir, "4913")))
			must(os.Rename(css, css+"~"))
			write(css, colour)
			must(os.Remove(css + "~"))
		}},
		{"JetBrains", func(colour string) {
			write(css+"___jb_tmp___", colour)
			must(os.Rename(css, css+"___jb_old___"))
			must(os.Rename(css+"___jb_tmp___", css))
			must(os.Remove(css + "___jb_old___"))
		}},
	}
	for i, s := range saves {
		colour := fmt.Sprintf("rgb(%d, 2, 3)", 10+i)
		s.save(colour)
		waitFor(t, ctx, fmt.Sprintf("saved as %s does: the heading turns %s", s.editor, colour),
			`getComputedStyle(document.querySelector("h1")).color === "`+colour+`" && window.folioMarker === 1`)
	}
	// An article saved next is put in place with the new stylesheet.
	const art = "content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md"
	replaceIn(t, root, art, "The Kremlin on Monday declined", "The Kremlin on Wednesday declined")
	waitFor(t, ctx, "the edit shows, in the last colour", `document.body.innerText.includes("on Wednesday declined") && `+
		`getComputedStyle(document.querySelector("h1")).color === "rgb(12, 2, 3)" && document.querySelectorAll('link[rel="stylesheet"]').length === 1 && window.folioMarker === 1`)
}

// panelContrast is the lowest contrast, over the text of the problems
// panel, between the text and the background behind it, with what it
// measured; the panel may be a shadow host.
const panelContrast = `(() => {
	const host = document.getElementById("folio-problems");
	if (!host) return { ratio: 0, what: "no panel" };
	const root = host.shadowRoot || host;
	const rgb = (c) => c.match(/[\d.]+/g).map(Number);
	const lum = (c) => { const [r, g, b] = rgb(c).slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
	const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
	const opaque = (c) => { const v = rgb(c); return v.length < 4 || v[3] === 1; };
	const parent = (el) => el.parentElement || (el.getRootNode() instanceof ShadowRoot ? el.getRootNode().host : null);
	const behind = (el) => {
		for (let e = el; e; e = parent(e)) { const bg = getComputedStyle(e).backgroundColor; if (opaque(bg)) return bg; if (rgb(bg)[3] > 0) return "translucent " + bg; }
		return getComputedStyle(document.documentElement).backgroundColor;
	};
	let worst = { ratio: 99, what: "no text" };
	const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		const el = n.parentElement;
		if (!n.textContent.trim() || el.tagName === "STYLE") continue;
		const style = getComputedStyle(el);
		const bg = behind(el);
		const ratio = bg.startsWith("translucent") ? 0 : contrast(style.color, bg);
		if (parseFloat(style.fontSize) < 12) return { ratio: 0, what: el.tagName + " text is " + style.fontSize };
		if (style.visibility !== "visible") return { ratio: 0, what: el.tagName + " is hidden" };
		for (let e = el; e; e = e === host ? null : parent(e)) {
			const s = getComputedStyle(e);
			if (s.display === "none" || s.opacity !== "1") return { ratio: 0, what: e.tagName + " has display " + s.display + ", opacity " + s.opacity };
		}
		if (ratio < worst.ratio) worst = { ratio, what: el.tagName + ": " + style.color + " on " + bg };
	}
	return worst;
})()`

// TestBrowserProblemsPanelReadable: the panel over the page that lists a
// failed build's problems carries its own styles, whatever the site's
// stylesheet says: its text keeps a contrast of 4.5:1 or more against its
// background, in light and dark, with the example site's stylesheet and
// with one that restyles everything it can.
func TestBrowserProblemsPanelReadable(t *testing.T) {
	ctx := browser(t)
	root := copyExample(t)
	url, srv := serveSite(t, root)
	const art = "content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md"
	if _, err := chromedp.Run(ctx, chromedp.Navigate(url+"articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the article loads", `document.querySelector("h1") !== null`)
	connected(t, srv, 1)
	if err := os.WriteFile(filepath.Join(root, art), []byte("---\ntitle: [unclosed\ndate: 2024-07-22\n---\nBody\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, "the panel names the file",
		fmt.Sprintf(`(e => e !== null && (e.shadowRoot || e).textContent.includes(%q))(document.getElementById("folio-problems"))`, art))
	type measure struct {
		Ratio float64
		What  string
	}
	check := func(sheet string) {
		t.Helper()
		for _, scheme := range []string{"light", "dark"} {
			if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
				return err
			})); err != nil {
				t.Fatal(err)
			}
			m, err := chromedp.Run(ctx, chromedp.Evaluate[measure](panelContrast))
			if err != nil {
				t.Fatal(err)
			}
			if m.Ratio < 4.5 {
				t.Errorf("%s, %s: the panel's text has a contrast of %.2f:1 (%s), want 4.5:1 or more", sheet, scheme, m.Ratio, m.What)
			}
		}
	}
	check("the example site's stylesheet")
	if err := run(ctx, `(() => { const s = document.createElement("style");
		s.textContent = "*, *::before { color: #fafafa !important; background: #f5efe0 !important; font-size: 4px !important; opacity: .2 !important; } div, pre, strong, folio-problems { display: none !important; }";
		document.head.append(s); })()`); err != nil {
		t.Fatal(err)
	}
	check("a hostile stylesheet")
}
