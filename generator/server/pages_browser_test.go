package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"folio/generator/build"
	"folio/generator/sitetest"
)

// pageKinds are one page of every kind of the example site.
var pageKinds = []struct{ kind, url string }{
	{"home", "/"},
	{"article", "/articles/a-short-history-of-the-moscow-washington-hotline/"},
	{"person", "/people/vladimir-putin/"},
	{"taxonomy", "/people/"},
	{"month", "/2024/07/"},
	{"404", "/404.html"},
	{"search", "/search/?q=kyiv"}, // without JavaScript: the form and links to browse
}

// pageCheck is run on a page: it returns what is wrong with it, or "".
// The text column must fit the viewport (nothing scrolls sideways), the
// page must have its landmarks and a heading, body text and links must
// keep a contrast of 4.5:1 against the background (WCAG AA), and lines
// must not grow wider than a reader can follow.
const pageCheck = `(() => {
	const problems = [];
	const doc = document.documentElement;
	if (doc.scrollWidth > innerWidth + 1) problems.push("the page is " + doc.scrollWidth + " px wide in a " + innerWidth + " px viewport");
	for (const sel of ["header", "main", "footer", "h1"]) if (!document.querySelector(sel)) problems.push("no " + sel);
	const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
	const lum = (c) => { const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
	const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
	let bg = getComputedStyle(document.body).backgroundColor;
	if (rgb(bg).length < 3 || bg === "rgba(0, 0, 0, 0)") bg = getComputedStyle(doc).backgroundColor;
	for (const sel of ["main p", "main a", "main h1"]) {
		const el = document.querySelector(sel);
		if (!el) continue;
		const ratio = contrast(getComputedStyle(el).color, bg);
		if (ratio < 4.5) problems.push(sel + " has a contrast of " + ratio.toFixed(2) + ":1");
	}
	const p = document.querySelector("main p");
	if (p && p.getBoundingClientRect().width > 60 * parseFloat(getComputedStyle(p).fontSize)) problems.push("lines are " + Math.round(p.getBoundingClientRect().width) + " px wide");
	return problems.join("; ");
})()`

// TestBrowserPagesAtEverySize looks at one page of every kind in Debian's
// chromium with JavaScript off, 320 px to 4K wide, in light and dark, and
// printed. With $FOLIO_SCREENSHOTS set to a folder, it saves screenshots
// of every page at 390 and 1366 px there, for people to look at.
func TestBrowserPagesAtEverySize(t *testing.T) {
	ctx := browser(t)
	root := copyExample(t)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest, Fingerprint: true}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dest)))
	defer srv.Close()
	shots := os.Getenv("FOLIO_SCREENSHOTS")
	media := func(m, scheme string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Media: m, Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
			return err
		})
	}
	noScript := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	if err := chromedp.Do(ctx, noScript); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, pk := range pageKinds {
		for _, size := range [][2]int64{{320, 640}, {390, 844}, {1366, 768}, {3840, 2160}} {
			for _, scheme := range []string{"light", "dark"} {
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(size[0], size[1]), media("screen", scheme), chromedp.Navigate(srv.URL+pk.url)); err != nil {
					t.Fatal(err)
				}
				problems, err := chromedp.Run(ctx, chromedp.Evaluate[string](pageCheck))
				if err != nil {
					t.Fatal(err)
				}
				if problems != "" {
					t.Errorf("%s at %d px, %s: %s", pk.url, size[0], scheme, problems)
				}
				checked++
				if shots != "" && (size[0] == 390 || size[0] == 1366) {
					png, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
					if err != nil {
						t.Fatal(err)
					}
					name := fmt.Sprintf("%s-%d-%s.png", pk.kind, size[0], scheme)
					if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		// On paper: no navigation, and the addresses of links out of
		// the site are printed after them.
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(800, 1000), media("print", "light"), chromedp.Navigate(srv.URL+pk.url)); err != nil {
			t.Fatal(err)
		}
		printed, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
			const shown = [".site-nav", ".breadcrumbs", ".pagination", ".prev-next", ".skip-link"].filter((s) => { const e = document.querySelector(s); return e && getComputedStyle(e).display !== "none"; });
			const out = document.querySelector('.prose a[href^="http"]');
			const after = out ? getComputedStyle(out, "::after").content : "";
			return shown.length ? "navigation printed: " + shown.join(", ") : (out && !after.includes(out.getAttribute("href")) ? "a link's address is not printed: " + after : "");
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if printed != "" {
			t.Errorf("%s printed: %s", pk.url, printed)
		}
	}
	// The checks find what they look for.
	bad := `<!DOCTYPE html><html lang="en"><title>Bad</title><body style="background:#fff"><header></header>` +
		`<main><h1>Bad</h1><p style="color:#aaa">Pale text.</p><div style="width:2000px">Wide.</div></main>`
	if err := os.WriteFile(filepath.Join(dest, "bad.html"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844), media("screen", "light"), chromedp.Navigate(srv.URL+"/bad.html")); err != nil {
		t.Fatal(err)
	}
	if problems, err := chromedp.Run(ctx, chromedp.Evaluate[string](pageCheck)); err != nil ||
		!strings.Contains(problems, "px wide in a 390 px viewport") || !strings.Contains(problems, "no footer") || !strings.Contains(problems, "main p has a contrast of 2.32:1") {
		t.Errorf("a bad page: %q, %v", problems, err)
	}
	sitetest.Report("browser: %d page views checked (%d kinds, 320 to 3840 px, light and dark, no JavaScript) and printed", checked, len(pageKinds))
}
