package build_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"folio/generator/build"
	"folio/generator/imaging"
	"folio/generator/sitetest"
)

// The checks web teams run on a site before it goes out: the W3C Nu HTML
// Checker on every page, and a crawl of the served site from its home
// page. They run on the example site here, and on a generated archive in
// TestGeneratedArchive.

// maxClicks is how far from the home page any page may be.
const maxClicks = 6

func TestExampleSiteIsValidAndCrawlable(t *testing.T) {
	t.Parallel()
	s, _ := buildExample(t, build.Options{})
	webChecks(t, "the example site", s.dir)
}

// webChecks crawls and validates the built site in dir, as subtests: a
// machine without the checker skips only that one.
func webChecks(t *testing.T, label, dir string) {
	t.Helper()
	t.Run("crawl", func(t *testing.T) { crawl(t, label, dir) })
	t.Run("valid HTML", func(t *testing.T) { validate(t, label, dir) })
}

// vnu returns the command that runs the Nu HTML Checker ($FOLIO_VNU, the
// path of vnu.jar from npm's vnu-jar), or skips the test loudly.
func vnu(t *testing.T) []string {
	t.Helper()
	jar, _ := tool(t, "FOLIO_VNU", "java", "HTML validation", "vnu.jar (npm install vnu-jar)")
	return []string{"java", "-Xss8m", "-jar", jar}
}

// tool returns $env and the path of the command program, which a test
// needs for what it checks, or skips the test loudly when either is
// missing; in CI, which installs them (.ci/run), it fails instead.
func tool(t *testing.T, env, program, what, install string) (string, string) {
	t.Helper()
	path := os.Getenv(env)
	prog, err := exec.LookPath(program)
	if path == "" || err != nil {
		msg := fmt.Sprintf("%s needs %s and $%s, the path of %s", what, program, env, install)
		if os.Getenv("CI") != "" {
			t.Fatal(msg + ": .ci/run installs both")
		}
		fmt.Fprintln(os.Stderr, "SKIPPED: "+msg)
		t.Skip(msg)
	}
	return path, prog
}

// validate runs the Nu HTML Checker on every HTML page and the
// stylesheets of the built site in dir, named label in the figures it
// prints, and fails on any error or warning.
func validate(t *testing.T, label, dir string) {
	t.Helper()
	validateExcept(t, label, dir, nil)
}

// validateExcept is validate, but a problem known names is not one: a
// fact of the source site, said where it is called.
func validateExcept(t *testing.T, label, dir string, known func(problem string) bool) {
	t.Helper()
	var pages, sheets []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil || d.IsDir():
			return err
		case strings.HasSuffix(p, ".html"):
			pages = append(pages, p)
		case strings.HasSuffix(p, ".css"):
			sheets = append(sheets, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	problems := append(checkHTML(t, dir, pages, false), checkHTML(t, dir, sheets, true)...)
	if known != nil {
		problems = slices.DeleteFunc(problems, known)
	}
	for i, p := range problems {
		if i == 50 {
			t.Errorf("and %d more", len(problems)-50)
			break
		}
		t.Error(p)
	}
	sitetest.Report("vnu: %d pages and %d stylesheets of %s checked, %d errors and warnings", len(pages), len(sheets), label, len(problems))
}

// checkHTML runs the Nu HTML Checker on files (stylesheets when css) and
// returns its errors and warnings as "file:line: message".
func checkHTML(t *testing.T, dir string, files []string, css bool) []string {
	t.Helper()
	if len(files) == 0 {
		return nil
	}
	cmd := vnu(t)
	args := append(slices.Clone(cmd[1:]), "--format", "json")
	if css {
		args = append(args, "--css")
	}
	var out bytes.Buffer
	c := exec.Command(cmd[0], append(args, files...)...)
	c.Stderr = &out
	runErr := c.Run()
	var report struct {
		Messages []struct {
			Type, SubType, URL, Message string
			LastLine                    int
		}
	}
	if err := json.Unmarshal(out.Bytes(), &report); err != nil {
		t.Fatalf("vnu: %v (%v)\n%s", err, runErr, out.String())
	}
	var problems []string
	for _, m := range report.Messages {
		if m.Type == "error" || m.Type == "non-document-error" || m.SubType == "warning" {
			rel, _ := filepath.Rel(dir, strings.TrimPrefix(m.URL, "file:"))
			problems = append(problems, fmt.Sprintf("vnu %s: %s:%d: %s", m.Type, rel, m.LastLine, m.Message))
		}
	}
	return problems
}

// crawl serves the built site in dir, named label in the figures it
// prints, and fails on what crawlSite finds.
func crawl(t *testing.T, label, dir string) {
	t.Helper()
	problems, fetched, deepest := crawlSite(t, dir)
	for _, p := range problems {
		t.Error(p)
	}
	sitetest.Report("crawl: %d URLs of %s fetched from its home page, %d problems; the farthest page is %d clicks away",
		fetched, label, len(problems), deepest)
}

// crawlSite serves the built site in dir over HTTP and follows every link
// and asset from the home page. It reports internal URLs that do not
// answer 200, pages no link reaches (the 404 page aside) and pages more
// than maxClicks from home.
func crawlSite(t *testing.T, dir string) (problems []string, fetched, deepest int) {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	depth := map[string]int{"/": 0}
	queue := []string{"/"}
	farthest := "/"
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		resp, err := http.Get(srv.URL + u)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		fetched++
		if resp.StatusCode != http.StatusOK {
			problems = append(problems, fmt.Sprintf("GET %s: %s (reached in %d clicks)", u, resp.Status, depth[u]))
			continue
		}
		if depth[u] > deepest {
			deepest, farthest = depth[u], u
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		walk(doc, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			for _, a := range n.Attr {
				if a.Key != "href" && a.Key != "src" {
					continue
				}
				if a.Val == "" { // the page itself, but minifiers drop the empty value
					problems = append(problems, fmt.Sprintf("%s: an empty %s on <%s>", u, a.Key, n.Data))
					continue
				}
				target, ok := resolve(u, a.Val)
				if !ok || target.Host != "site" {
					continue
				}
				if _, seen := depth[target.Path]; !seen {
					depth[target.Path] = depth[u] + 1
					queue = append(queue, target.Path)
				}
			}
		})
	}
	// Redirect pages stand at old addresses that nothing links on
	// purpose: _redirects lists them.
	redirected := map[string]bool{}
	if b, err := os.ReadFile(filepath.Join(dir, "_redirects")); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if from, _, ok := strings.Cut(line, " "); ok {
				if p, err := url.PathUnescape(from); err == nil {
					redirected[p] = true
				}
			}
		}
	}
	var orphans []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		u := "/" + strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
		if _, ok := depth[u]; !ok && u != "/404.html" && !redirected[u] {
			orphans = append(orphans, u)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(orphans)
	for _, o := range orphans {
		problems = append(problems, "no link reaches "+o+" from the home page")
	}
	if deepest > maxClicks {
		problems = append(problems, fmt.Sprintf("%s is %d clicks from the home page; at most %d wanted", farthest, deepest, maxClicks))
	}
	return problems, fetched, deepest
}

// The checks find what they look for.
func TestWebChecksCatchProblems(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write(t, dir, "index.html", "<!DOCTYPE html><html lang=en><title>x</title><p><a href=\"gone/\">gone</a><a href=\"\">here</a><div></div></p>")
	write(t, dir, "orphan/index.html", "<!DOCTYPE html><html lang=en><title>y</title><p>Nobody links here.</p>")
	problems, _, _ := crawlSite(t, dir)
	want := []string{"/: an empty href on <a>", "GET /gone/: 404 Not Found (reached in 1 clicks)", "no link reaches /orphan/ from the home page"}
	if !slices.Equal(problems, want) {
		t.Errorf("crawl found %q, want %q", problems, want)
	}
	if got := checkHTML(t, dir, []string{filepath.Join(dir, "index.html")}, false); len(got) == 0 || !strings.Contains(got[0], "index.html:1:") {
		t.Errorf("vnu found %q in a page with a div inside a p", got)
	}
}

// TestLighthouse audits one page of every kind of the example site with
// Lighthouse ($FOLIO_LIGHTHOUSE, npm's lighthouse, driving Debian's
// chromium): accessibility, best practices and SEO must score 100, and
// performance at least 95. A page made to fail shows the audit can.
func TestLighthouse(t *testing.T) {
	t.Parallel()
	lighthouse, chromium := tool(t, "FOLIO_LIGHTHOUSE", "chromium", "The Lighthouse test", "npm's lighthouse command (npm install lighthouse)")
	s, _ := buildExample(t, build.Options{})
	write(t, s.dir, "bad/index.html", "<!DOCTYPE html><p><img src=\"x.png\"><a href=\"#\"></a>")
	srv := httptest.NewServer(http.FileServer(http.Dir(s.dir)))
	defer srv.Close()
	pages := []string{
		"/", // home
		"/articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/",
		"/articles/zurich-archive-begins-digitising-a-century-of-newspapers/", // with a lead image
		"/people/vladimir-putin/", // a person, with a profile
		"/people/eileen-collins/", // and with a portrait
		"/people/",                // a taxonomy index
		"/2024/07/",               // a month
		"/404.html",
		"/search/?q=kyiv", // search, with results
		"/articles/a-foreign-readers-guide-to-the-electoral-college/", // a part of a series
		"/series/how-elections-work/",
		"/corrections/",
	}
	for _, u := range pages {
		scores, failed := audit(t, lighthouse, chromium, srv.URL+u)
		if scores["performance"] < 95 {
			// Performance is timed, and a machine running the other
			// tests beside it blocks the page's main thread at times
			// (a CI run scored a page 91 for 360 ms of blocking time
			// that an idle machine scores 100 with none): as
			// Lighthouse's authors advise, the median of three runs
			// counts. The other categories are not timed.
			runs := []int{scores["performance"]}
			for range 2 {
				again, _ := audit(t, lighthouse, chromium, srv.URL+u)
				runs = append(runs, again["performance"])
			}
			slices.Sort(runs)
			sitetest.Report("lighthouse %s: performance %v in three runs, the median counts", u, runs)
			scores["performance"] = runs[1]
		}
		for name, score := range scores {
			want := 100
			if name == "performance" {
				want = 95
			}
			if score < want {
				t.Errorf("%s: %s scores %d, want %d or more; failed audits: %s", u, name, score, want, strings.Join(failed[name], ", "))
			}
		}
		sitetest.Report("lighthouse %s: performance %d, accessibility %d, best practices %d, SEO %d",
			u, scores["performance"], scores["accessibility"], scores["best-practices"], scores["seo"])
	}
	if scores, _ := audit(t, lighthouse, chromium, srv.URL+"/bad/"); scores["accessibility"] == 100 || scores["seo"] == 100 {
		t.Errorf("a page without lang, title or alt text scores %v", scores)
	}
}

// audit runs Lighthouse on the page at url and returns the score of each
// category, from 0 to 100, and the audits that failed in each.
func audit(t *testing.T, lighthouse, chromium, url string) (map[string]int, map[string][]string) {
	t.Helper()
	var out, stderr bytes.Buffer
	cmd := exec.Command(lighthouse, url, "--quiet", "--output=json", "--output-path=stdout",
		"--only-categories=performance,accessibility,best-practices,seo",
		"--chrome-flags=--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir="+t.TempDir())
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chromium)
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("lighthouse %s: %v\n%s", url, err, stderr.String())
	}
	var report struct {
		Categories map[string]struct {
			Score     float64
			AuditRefs []struct {
				ID     string
				Weight float64
			}
		}
		Audits map[string]struct {
			Score        *float64
			DisplayValue string
		}
	}
	if err := json.Unmarshal(out.Bytes(), &report); err != nil {
		t.Fatalf("lighthouse %s: %v", url, err)
	}
	scores, failed := map[string]int{}, map[string][]string{}
	for name, c := range report.Categories {
		scores[name] = int(c.Score*100 + 0.5)
		for _, r := range c.AuditRefs {
			if a := report.Audits[r.ID]; r.Weight > 0 && a.Score != nil && *a.Score < 1 {
				failed[name] = append(failed[name], strings.TrimSpace(r.ID+" "+a.DisplayValue))
			}
		}
	}
	return scores, failed
}

// With Fingerprint, pages link stylesheets by names made from their bytes.
func TestFingerprintedAssets(t *testing.T) {
	t.Parallel()
	s, _ := buildExample(t, build.Options{Fingerprint: true})
	want, err := os.ReadFile(filepath.Join(exampleSite, "static/css/style.css"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(want)
	name := "css/style." + hex.EncodeToString(sum[:6]) + ".css"
	for u, p := range s.pages {
		sheets := 0
		for _, l := range find(p.doc, "link", "") {
			if attr(l, "rel") != "stylesheet" {
				continue
			}
			sheets++
			if target, ok := resolve(u, attr(l, "href")); !ok || target.Path != "/"+name {
				t.Errorf("%s links the stylesheet as %q, want %s", u, attr(l, "href"), name)
			}
		}
		if sheets != 1 {
			t.Errorf("%s links %d stylesheets", u, sheets)
		}
	}
	for _, f := range []string{name, "css/style.css"} {
		if got, err := os.ReadFile(filepath.Join(s.dir, f)); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes, %v; want static/css/style.css", f, len(got), err)
		}
	}
	// Without it (as in the dev server), pages link the file by its name.
	plain, _ := buildExample(t, build.Options{})
	if l := firstOf(find(plain.pages["/"].doc, "link", "")); !strings.Contains(plain.pages["/"].raw, `href="css/style.css"`) {
		t.Errorf("without fingerprints the home page links %q", attr(l, "href"))
	}
}

// With minify: true the pages, feeds and stylesheet shrink and stay valid,
// with every link in place.
func TestMinifiedSite(t *testing.T) {
	t.Parallel()
	root := buildWithConfig(t, "minify: true\n")
	s := parseSite(t, filepath.Join(root, "public"))
	plain, _ := buildExample(t, build.Options{})
	size := func(dir string) (total int64) {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !imaging.Raster(p) { // photos are no text to shrink
				info, _ := d.Info()
				total += info.Size()
			}
			return nil
		})
		return total
	}
	small, big := size(s.dir), size(plain.dir)
	if small >= big*95/100 {
		t.Errorf("minified site: %d bytes, against %d", small, big)
	}
	for _, f := range []string{"index.html", "index.xml", "css/style.css", "favicon.svg"} {
		a, _ := os.ReadFile(filepath.Join(s.dir, f))
		b, _ := os.ReadFile(filepath.Join(plain.dir, f))
		if len(a) == 0 || len(a) >= len(b) {
			t.Errorf("%s: %d bytes minified, %d not", f, len(a), len(b))
		}
	}
	if len(s.pages) != len(plain.pages) || checkLinks(t, s) != checkLinks(t, plain) {
		t.Error("the minified site has other pages or links")
	}
	sitetest.Report("minify: the example site takes %d bytes, against %d", small, big)
	webChecks(t, "the minified example site", s.dir)
}
