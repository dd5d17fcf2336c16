package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"folio/generator/build"
	"folio/generator/config"
	"folio/generator/create"
	"folio/generator/sitetest"
)

func TestSiteName(t *testing.T) {
	tests := []struct {
		path, escaped, want string
		ok                  bool
	}{
		{"/", "/", "index.html", true},
		{"/people/", "/people/", "people/index.html", true},
		{"/css/style.css", "/css/style.css", "css/style.css", true},
		{"/people", "/people", "people", true},
		{"/../etc/passwd", "/../etc/passwd", "", false},
		{"/a/../b", "/a/../b", "", false},
		{"/a/./b", "/a/./b", "", false},
		{"/a/b", "/a%2Fb", "", false},
		{"/a\\b", "/a%5Cb", "", false},
		{"/a\\b", "/a\\b", "", false},
		{"/a\x00b", "/a%00b", "", false},
		{"//etc/passwd", "//etc/passwd", "", false},
		{"relative", "relative", "", false},
	}
	for _, tt := range tests {
		got, ok := siteName(tt.path, tt.escaped)
		if got != tt.want || ok != tt.ok {
			t.Errorf("siteName(%q, %q) = %q, %v; want %q, %v", tt.path, tt.escaped, got, ok, tt.want, tt.ok)
		}
	}
}

func TestInject(t *testing.T) {
	script := "<script>(" + strings.TrimSpace(clientJS) + ")(7);</script>"
	tests := []struct{ in, want string }{
		{"<!DOCTYPE html><html><head><title>x</title></head><body>b</body></html>",
			"<!DOCTYPE html><html><head><title>x</title>" + script + "</head><body>b</body></html>"},
		{"<!DOCTYPE html><HTML><BODY class=x>b</BODY>", "<!DOCTYPE html><HTML><BODY class=x>" + script + "b</BODY>"},
		{"<!doctype html><p>no head, no body", "<!doctype html>" + script + "<p>no head, no body"},
		{"<p>a fragment", script + "<p>a fragment"},
		{"", script},
	}
	for _, tt := range tests {
		if got := string(inject([]byte(tt.in), 7)); got != tt.want {
			t.Errorf("inject(%q):\n got %.120q\nwant %.120q", tt.in, got, tt.want)
		}
	}
}

func TestReloadEvent(t *testing.T) {
	tests := []struct {
		name   string
		res    build.Result
		assets []string
		want   string
	}{
		{"article", build.Result{Rendered: []string{"/articles/a/", "/"}}, nil,
			`{"build":0,"urls":["/articles/a/","/"],"assets":[]}`},
		{"removed", build.Result{Rendered: []string{"/"}, Removed: []string{"/articles/a/"}}, nil,
			`{"build":0,"urls":["/","/articles/a/"],"assets":[]}`},
		{"reindexed", build.Result{Rendered: []string{"/articles/a/"}, Reindexed: true}, nil,
			`{"build":0,"urls":["/articles/a/","/search/"],"assets":[]}`},
		{"stylesheet", build.Result{}, []string{"css/style.css"}, `{"build":0,"urls":[],"assets":["/css/style.css"]}`},
		{"stylesheet and image", build.Result{}, []string{"css/style.css", "img/a.png"},
			`{"build":0,"urls":[],"assets":["/css/style.css","/img/a.png"]}`},
		{"nothing changed", build.Result{}, nil, ""},
		{"too many pages", build.Result{Rendered: make([]string, maxListed+1)}, nil, `{"build":0,"urls":"*","assets":[]}`},
		{"too many static files", build.Result{}, make([]string, maxListed+1), `{"build":0,"urls":[],"assets":"*"}`},
	}
	for _, tt := range tests {
		ch, ok := reloadEvent(&tt.res, tt.assets)
		got := ""
		if ok {
			b, _ := json.Marshal(ch)
			got = string(b)
		}
		if got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}

// copyExample copies the repository's example site to a temporary folder.
func copyExample(t *testing.T) string { return sitetest.Copy(t, "../..") }

func newTestServer(t *testing.T) (*Server, *httptest.Server, string) {
	t.Helper()
	root := copyExample(t)
	s, hs := serveRoot(t, root, io.Discard)
	return s, hs, root
}

// serveRoot builds the site at root into a server logging to log, and
// serves it until the test ends.
func serveRoot(t *testing.T, root string, log io.Writer) (*Server, *httptest.Server) {
	t.Helper()
	s := New(build.Options{Source: root}, log)
	if _, err := s.Rebuild(nil); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		close(s.done)
		hs.Close()
	})
	return s, hs
}

func get(t *testing.T, url string) (int, string, http.Header) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func TestServesPagesWithScriptAndStaticWithout(t *testing.T) {
	_, hs, root := newTestServer(t)
	code, body, h := get(t, hs.URL+"/articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/")
	if code != 200 || !strings.Contains(body, "/__folio/events") || h.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("article: %d, script injected: %v, type %q", code, strings.Contains(body, "/__folio/events"), h.Get("Content-Type"))
	}
	if strings.Index(body, "<script>") > strings.Index(body, "</head>") {
		t.Error("the script is not in the head")
	}
	code, body, h = get(t, hs.URL+"/css/style.css")
	want, _ := os.ReadFile(filepath.Join(root, "static/css/style.css"))
	if code != 200 || body != string(want) || !strings.HasPrefix(h.Get("Content-Type"), "text/css") {
		t.Errorf("stylesheet: %d, %q, same bytes: %v", code, h.Get("Content-Type"), body == string(want))
	}
	code, body, _ = get(t, hs.URL+"/no/such/page/")
	if code != 404 || !strings.Contains(body, "Page not found") || !strings.Contains(body, "/__folio/events") {
		t.Errorf("missing page: %d, site 404 page: %v", code, strings.Contains(body, "Page not found"))
	}
	code, _, _ = get(t, hs.URL+"/css/")
	if code != 404 {
		t.Errorf("a folder without a page: %d, want 404 (no listings)", code)
	}
	for _, p := range []string{"/..%2f..%2fetc/passwd", "/css%2fstyle.css", "/%5c..%5cetc"} {
		if code, _, _ := get(t, hs.URL+p); code != 400 {
			t.Errorf("%s: %d, want 400", p, code)
		}
	}
	// The files a build writes never carry the script.
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	if strings.Contains(string(b), "__folio") {
		t.Error("a plain build wrote the live-reload script")
	}
}

// stream reads events from the server's event stream.
type stream struct {
	events chan event
	cancel func()
}

func listen(t *testing.T, url string) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", url+eventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	st := &stream{events: make(chan event, 64), cancel: cancel}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data += strings.TrimPrefix(line, "data: ")
			case line == "" && ev.name != "":
				st.events <- ev
				ev = event{}
			}
		}
		close(st.events)
	}()
	t.Cleanup(cancel)
	return st
}

func (st *stream) next(t *testing.T, name string) event {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case ev, ok := <-st.events:
			if !ok {
				t.Fatalf("stream closed waiting for %q", name)
			}
			if ev.name == name {
				return ev
			}
		case <-timeout:
			t.Fatalf("no %q event within 5 s", name)
		}
	}
}

// nextReload is the next reload event of a build, passing over those
// that tell tabs a search index made after its build is in the site:
// they come when the index is made, before or after the next build's.
func (st *stream) nextReload(t *testing.T) event {
	t.Helper()
	for {
		ev := st.next(t, "reload")
		if !strings.HasSuffix(ev.data, `"urls":["/search/"],"assets":[]}`) {
			return ev
		}
	}
}

func TestEventsFollowBuilds(t *testing.T) {
	s, hs, root := newTestServer(t)
	st := listen(t, hs.URL)
	st.next(t, "hello")
	st.next(t, "ok")
	const art = "content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md"
	p := filepath.Join(root, art)
	orig, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(orig), "declined to confirm", "REFUSED to confirm", 1)), 0o644)
	if _, err := s.Rebuild(build.Changes{art}); err != nil {
		t.Fatal(err)
	}
	ev := st.nextReload(t)
	if !strings.Contains(ev.data, `"/articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/"`) {
		t.Errorf("reload event %q lacks the article's URL", ev.data)
	}
	if _, body, _ := get(t, hs.URL+"/articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/"); !strings.Contains(body, "REFUSED to confirm") {
		t.Error("the page does not show the edit")
	}

	os.WriteFile(p, []byte("---\ntitle: [broken\n---\n"), 0o644)
	if _, err := s.Rebuild(build.Changes{art}); err == nil {
		t.Fatal("a broken article built")
	}
	ev = st.next(t, "problems")
	if !strings.Contains(ev.data, art) {
		t.Errorf("problems event %q does not name the file", ev.data)
	}
	if _, body, _ := get(t, hs.URL+"/articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/"); !strings.Contains(body, "REFUSED to confirm") {
		t.Error("the last good page is no longer served")
	}
	// A tab that connects now learns of the problems at once.
	late := listen(t, hs.URL)
	late.next(t, "problems")

	os.WriteFile(p, orig, 0o644)
	if _, err := s.Rebuild(build.Changes{art}); err != nil {
		t.Fatal(err)
	}
	st.next(t, "ok")
	st.nextReload(t)

	os.WriteFile(filepath.Join(root, "static/css/style.css"), []byte("body{}"), 0o644)
	if _, err := s.Rebuild(build.Changes{"static/css/style.css"}); err != nil {
		t.Fatal(err)
	}
	if ev := st.nextReload(t); !strings.HasSuffix(ev.data, `"urls":[],"assets":["/css/style.css"]}`) {
		t.Errorf("after a stylesheet's edit: %s", ev.data)
	}
	// Saved by rename: a temporary file comes, then goes in place of the
	// stylesheet. It is in the site for a moment, and tabs are told so.
	tmp := filepath.Join(root, "static/css/sed1Xy2Z")
	os.WriteFile(tmp, []byte("body{color:red}"), 0o644)
	if _, err := s.Rebuild(build.Changes{"static/css/sed1Xy2Z"}); err != nil {
		t.Fatal(err)
	}
	if ev := st.nextReload(t); !strings.HasSuffix(ev.data, `"urls":[],"assets":["/css/sed1Xy2Z"]}`) {
		t.Errorf("after a temporary file came: %s", ev.data)
	}
	os.Rename(tmp, filepath.Join(root, "static/css/style.css"))
	if _, err := s.Rebuild(build.Changes{"static/css/sed1Xy2Z", "static/css/style.css"}); err != nil {
		t.Fatal(err)
	}
	if ev := st.nextReload(t); !strings.HasSuffix(ev.data, `"urls":[],"assets":["/css/sed1Xy2Z","/css/style.css"]}`) {
		t.Errorf("after the rename: %s", ev.data)
	}
}

func TestManyClientsAndDisconnects(t *testing.T) {
	s, hs, _ := newTestServer(t)
	const n = 200
	var wg sync.WaitGroup
	streams := make([]*stream, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			streams[i] = listen(t, hs.URL)
			streams[i].next(t, "hello")
		}()
	}
	wg.Wait()
	if got := s.Clients(); got != n {
		t.Fatalf("%d clients connected, want %d", got, n)
	}
	// Half of them go away mid-stream.
	for i := 0; i < n; i += 2 {
		streams[i].cancel()
	}
	deadline := time.Now().Add(5 * time.Second)
	for s.Clients() != n/2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := s.Clients(); got != n/2 {
		t.Errorf("%d clients after %d disconnected, want %d", got, n/2, n/2)
	}
	s.hub.publish(event{name: "reload", data: `"*"`})
	for i := 1; i < n; i += 2 {
		streams[i].nextReload(t)
	}
}

// TestSurvivesHostileFiles feeds the running server one bad file after
// another: every build fails, and the last good site is served throughout.
func TestSurvivesHostileFiles(t *testing.T) {
	s, hs, root := newTestServer(t)
	const name = "content/articles/hostile.md"
	p := filepath.Join(root, name)
	bad := []string{
		"---\ntitle: Unterminated\n",
		"---\ntitle: \xff\ndate: 2024-01-01\n---\n",
		"",
		"---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ntitle: Laughs\ndate: 2024-01-01\n---\n",
		"---\ntitle: X\ndate: 2024-01-01\nimage: \"javascript:alert(1)\"\nimage_alt: x\n---\n",
		"---\ntitle: X\ndate: 2024-01-01\nslug: kremlin-keeps-cryptic-stance-on-putin-trump-contacts\n---\n",
	}
	for i, src := range bad {
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Rebuild(build.Changes{name}); err == nil {
			t.Errorf("bad file %d built", i)
		}
		if code, body, _ := get(t, hs.URL+"/"); code != 200 || !strings.Contains(body, "Kremlin keeps cryptic stance") {
			t.Fatalf("after bad file %d the home page is %d", i, code)
		}
	}
	os.Remove(p)
	if _, err := s.Rebuild(build.Changes{name}); err != nil {
		t.Errorf("removing the bad file did not bring the site back: %v", err)
	}
}

// TestStaticServedOnlyAsBuilt replaces static files, between builds, by
// what the build would have refused: a link to a file outside the site, a
// hard link to one, a folder link, a named pipe. Until the next build
// they must not be served (nor hang the request): the server serves only
// the files the last build checked.
func TestStaticServedOnlyAsBuilt(t *testing.T) {
	s, hs, root := newTestServer(t)
	secret := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(secret, []byte("root:x:0:0:SECRET\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "css")
	if err := os.Mkdir(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "style.css"), []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	css := filepath.Join(root, "static/css/style.css")
	replace := []struct {
		what   string
		change func() error
	}{
		{"a link to a file outside", func() error { return os.Symlink(secret, css) }},
		{"a hard link to it", func() error { return os.Link(secret, css) }},
		{"a named pipe", func() error { return syscall.Mkfifo(css, 0o644) }},
		{"its folder by a link", func() error {
			if err := os.Rename(filepath.Join(root, "static/css"), filepath.Join(root, "static/css.old")); err != nil {
				return err
			}
			return os.Symlink(outside, filepath.Join(root, "static/css"))
		}},
	}
	for _, r := range replace {
		what, change := r.what, r.change
		orig, err := os.ReadFile(css)
		if err != nil {
			t.Fatal(err)
		}
		if code, body, _ := get(t, hs.URL+"/css/style.css"); code != 200 || body != string(orig) {
			t.Fatalf("before replacing it by %s: %d, same bytes: %v", what, code, body == string(orig))
		}
		if err := os.Rename(css, css+".bak"); err != nil {
			t.Fatal(err)
		}
		if err := change(); err != nil {
			t.Fatal(err)
		}
		got := make(chan string, 1)
		go func() {
			// Not get: t.Fatal belongs to the test's own goroutine.
			resp, err := http.Get(hs.URL + "/css/style.css")
			if err != nil {
				got <- "error " + err.Error()
				return
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			got <- fmt.Sprintf("%d %s", resp.StatusCode, body)
		}()
		select {
		case g := <-got:
			if strings.Contains(g, "SECRET") || !strings.HasPrefix(g, "404 ") {
				t.Errorf("the stylesheet replaced by %s: got %.60q, want the 404 page", what, g)
			}
		case <-time.After(5 * time.Second):
			t.Errorf("the stylesheet replaced by %s: no answer within 5 s", what)
			if f, err := os.OpenFile(css, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				f.Close() // let the server's read of the pipe end
			}
			<-got
		}
		// Put things back as they were.
		if what == "its folder by a link" {
			os.Remove(filepath.Join(root, "static/css"))
			os.Rename(filepath.Join(root, "static/css.old"), filepath.Join(root, "static/css"))
		} else {
			os.Remove(css)
		}
		if err := os.Rename(css+".bak", css); err != nil {
			t.Fatal(err)
		}
	}
	// Edited in place, it is the same file: served as it is now.
	if err := os.WriteFile(css, []byte("body{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, body, _ := get(t, hs.URL+"/css/style.css"); code != 200 || body != "body{}" {
		t.Errorf("the stylesheet edited in place: %d %q", code, body)
	}
	// A link to a file inside the site, which the build accepts, is served.
	if err := os.Symlink("style.css", filepath.Join(root, "static/css/alias.css")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Rebuild(build.Changes{"static/css/alias.css"}); err != nil {
		t.Fatal(err)
	}
	if code, body, _ := get(t, hs.URL+"/css/alias.css"); code != 200 || body != "body{}" {
		t.Errorf("a link to the stylesheet: %d %q", code, body)
	}
}

// TestSavedDraftIsExplained: a saved article that the preview leaves out,
// a draft as `new` writes them or one dated in the future, is named in
// the terminal with why and the flag that shows it.
func TestSavedDraftIsExplained(t *testing.T) {
	root := copyExample(t)
	var log strings.Builder
	s := New(build.Options{Source: root}, &log)
	if _, err := s.Rebuild(nil); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	draft, err := create.Article(root, cfg, "A story in the works", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	log.Reset()
	if _, err := s.Rebuild(build.Changes{draft}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{draft + ": 0 of ", draft + " is a draft (draft: true), left out of the preview: restart serve with -drafts to see it\n"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("after saving a draft, the terminal does not say %q:\n%s", want, log.String())
		}
	}
	const future = "content/articles/later.md"
	if err := os.WriteFile(filepath.Join(root, future), []byte("---\ntitle: Later\ndate: 2099-01-01\n---\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	log.Reset()
	if _, err := s.Rebuild(build.Changes{future}); err != nil {
		t.Fatal(err)
	}
	if want := future + ":3: warning: date: 2099-01-01 00:00 is in the future: the article is left out until then (build with -future to include it)\n"; !strings.Contains(log.String(), want) {
		t.Errorf("after saving an article dated in the future, the terminal does not say %q:\n%s", want, log.String())
	}
	const expired = "content/articles/gone.md"
	if err := os.WriteFile(filepath.Join(root, expired), []byte("---\ntitle: Gone\ndate: 2024-01-01\nexpiryDate: 2024-06-01\n---\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	log.Reset()
	if _, err := s.Rebuild(build.Changes{expired}); err != nil {
		t.Fatal(err)
	}
	if want := expired + " is past its expiry date, left out of the preview: restart serve with -expired to see it\n"; !strings.Contains(log.String(), want) {
		t.Errorf("after saving an expired article, the terminal does not say %q:\n%s", want, log.String())
	}
	// Many files saved at once: the first few are named.
	log.Reset()
	if _, err := s.Rebuild(build.Changes{"content/articles/a.md", "content/articles/b.md", draft, future, "static/x.png"}); err != nil {
		t.Fatal(err)
	}
	if want := "content/articles/a.md, content/articles/b.md, " + draft + " and 2 more: "; !strings.Contains(log.String(), want) {
		t.Errorf("after five changes, the terminal does not say %q:\n%s", want, log.String())
	}
	if want := draft + " is a draft"; !strings.Contains(log.String(), want) {
		t.Errorf("after five changes, the terminal does not say %q:\n%s", want, log.String())
	}

	// With -drafts, the draft is in the preview.
	s = New(build.Options{Source: root, Drafts: true}, &log)
	if _, err := s.Rebuild(nil); err != nil {
		t.Fatal(err)
	}
	log.Reset()
	res, err := s.Rebuild(build.Changes{draft})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(log.String(), "is a draft") || !slices.Contains(res.Rendered, "/articles/a-story-in-the-works/") {
		t.Errorf("with -drafts: rendered %q, and the terminal says:\n%s", res.Rendered, log.String())
	}
}

// Redirect pages are served like any page, and follow an article's
// aliases as they are edited.
func TestServesRedirectPages(t *testing.T) {
	s, hs, root := newTestServer(t)
	const name = "content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md"
	src, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		t.Fatal(err)
	}
	save := func(aliases string) {
		t.Helper()
		body := strings.Replace(string(src), "---\n", "---\naliases: "+aliases+"\n", 1)
		if err := os.WriteFile(filepath.Join(root, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Rebuild(build.Changes{name}); err != nil {
			t.Fatal(err)
		}
	}
	save("[/old/kremlin/, /old.php]")
	code, body, _ := get(t, hs.URL+"/old/kremlin/")
	if code != 200 || !strings.Contains(body, `<meta http-equiv="refresh" content="0; url=../../articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/">`) {
		t.Errorf("/old/kremlin/: %d\n%s", code, body)
	}
	// An old path with an extension other than .html is a folder, as
	// Hugo writes it: the preview leads there as static hosts do.
	code, body, _ = get(t, hs.URL+"/old.php")
	if code != 200 || !strings.Contains(body, `url=../articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/"`) {
		t.Errorf("/old.php: %d\n%s", code, body)
	}
	save("[/older/kremlin/]")
	if code, _, _ := get(t, hs.URL+"/old/kremlin/"); code != 404 {
		t.Errorf("/old/kremlin/ after the alias changed: %d, want 404", code)
	}
	if code, _, _ := get(t, hs.URL+"/older/kremlin/"); code != 200 {
		t.Errorf("/older/kremlin/: %d, want 200", code)
	}
	if code, body, _ := get(t, hs.URL+"/_redirects"); code != 200 || body != "/older/kremlin/ /articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/ 301\n" {
		t.Errorf("/_redirects: %d %q", code, body)
	}
}

// Pages are rendered when asked for: a layout that fails on a page no tab
// has looked at lets the build through and fails on the page, which says
// why; once a tab has looked at a page, a layout failing on it fails the
// build, and the last good page is served.
func TestLayoutFailuresOfPagesRenderedWhenAsked(t *testing.T) {
	root := copyExample(t)
	var log sitetest.Buffer
	s, hs := serveRoot(t, root, &log)
	st := listen(t, hs.URL)
	st.next(t, "ok")
	const article = "/articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/"
	if code, body, _ := get(t, hs.URL+article); code != 200 || !strings.Contains(body, "Kremlin keeps cryptic stance") {
		t.Fatalf("article: %d", code)
	}
	layout := func(name, old, new string) {
		t.Helper()
		p := filepath.Join(root, "layouts", name)
		b, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(b), old) {
			t.Fatalf("%s: %v, or no %q in it", name, err, old)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// No tab looked at a person's page: the build goes through.
	layout("term.html", "<h1", `{{ template "no-such-partial" . }}<h1`)
	if _, err := s.Rebuild(build.Changes{"layouts/term.html"}); err != nil {
		t.Fatalf("a layout failing only on pages not looked at failed the build: %v", err)
	}
	code, body, _ := get(t, hs.URL+"/people/vladimir-putin/")
	if code != 500 || !strings.Contains(body, "Page not rendered") || !strings.Contains(body, "no-such-partial") || !strings.Contains(body, "/__folio/events") {
		t.Errorf("a page the layout fails on: %d\n%s", code, body)
	}
	if ev := st.next(t, "problems"); !strings.Contains(ev.data, "no-such-partial") {
		t.Errorf("problems event: %s", ev.data)
	}
	if !strings.Contains(log.String(), "no-such-partial") {
		t.Errorf("the terminal does not say why:\n%s", log.String())
	}
	layout("term.html", `{{ template "no-such-partial" . }}<h1`, "<h1")
	if _, err := s.Rebuild(build.Changes{"layouts/term.html"}); err != nil {
		t.Fatal(err)
	}
	st.next(t, "ok")
	if code, body, _ := get(t, hs.URL+"/people/vladimir-putin/"); code != 200 || !strings.Contains(body, "Vladimir Putin") {
		t.Errorf("the mended page: %d", code)
	}

	// A tab looked at the article: its layout failing fails the build,
	// and the article is served as it was.
	layout("article.html", "<h1", `{{ template "no-such-partial" . }}<h1`)
	if _, err := s.Rebuild(build.Changes{"layouts/article.html"}); err == nil || !strings.Contains(err.Error(), "no-such-partial") {
		t.Fatalf("a layout failing on a page a tab showed: build error %v", err)
	}
	if code, body, _ := get(t, hs.URL+article); code != 200 || !strings.Contains(body, "Kremlin keeps cryptic stance") {
		t.Errorf("the last good article is not served: %d", code)
	}
	// Nor is any other page made with the failing layout.
	if code, body, _ := get(t, hs.URL+"/articles/how-americas-primary-season-picks-a-nominee/"); code != 200 || !strings.Contains(body, "<h1") {
		t.Errorf("another article after the failed build: %d", code)
	}
}

// A quick build that fails (its layout fails on a page a tab showed)
// leaves the model as it was: pages rendered afterwards, from the model,
// show the last good site, not the failed edit.
func TestFailedQuickBuildLeavesTheModel(t *testing.T) {
	root := copyExample(t)
	p := filepath.Join(root, "layouts/article.html")
	layout, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(layout), "<h1", `{{ if eq .Title "BOOM title" }}{{ index .Site.Menu 99 }}{{ end }}<h1`, 1)), 0o644)
	s, hs := serveRoot(t, root, io.Discard)
	const art = "content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md"
	const page = "/articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/"
	if code, _, _ := get(t, hs.URL+page); code != 200 {
		t.Fatalf("article: %d", code)
	}
	src, _ := os.ReadFile(filepath.Join(root, art))
	os.WriteFile(filepath.Join(root, art), []byte(strings.Replace(string(src), `title: "Kremlin keeps cryptic stance on Putin-Trump contacts"`, `title: "BOOM title"`, 1)), 0o644)
	res, err := s.Rebuild(build.Changes{art})
	if err == nil || res == nil || !res.Swapped {
		t.Fatalf("the quick build did not fail: %v", err)
	}
	for _, u := range []string{"/", "/2024/07/", "/people/vladimir-putin/", page} {
		code, body, _ := get(t, hs.URL+u)
		if code != 200 || strings.Contains(body, "BOOM title") || !strings.Contains(body, "Kremlin keeps cryptic stance") {
			t.Errorf("%s after the failed build: %d, shows the failed edit: %v", u, code, strings.Contains(body, "BOOM title"))
		}
	}
}

// Static files, pages kept and the search index are served while a build
// holds the model; pages are rendered from it once the build is done.
func TestServesWhileBuilding(t *testing.T) {
	s, hs, _ := newTestServer(t)
	get(t, hs.URL+"/search/meta.json") // the index is in the site
	get(t, hs.URL+"/")                 // the home page is kept
	s.model.Lock()
	done := make(chan string, 2)
	go func() {
		code, _, _ := get(t, hs.URL+"/css/style.css")
		done <- fmt.Sprint("stylesheet ", code)
	}()
	go func() {
		code, _, _ := get(t, hs.URL+"/")
		done <- fmt.Sprint("home page ", code)
	}()
	for range 2 {
		select {
		case got := <-done:
			if !strings.HasSuffix(got, " 200") {
				t.Error(got)
			}
		case <-time.After(5 * time.Second):
			t.Error("a request waited for the build")
		}
	}
	s.model.Unlock()
}

// Tabs reading pages, the search index and static files while articles
// are edited, added and removed, quick and full builds: under the race
// detector, nothing is read while it is written, and every answer is a
// page of the site or its 404.
func TestRequestsDuringBuilds(t *testing.T) {
	s, hs, root := newTestServer(t)
	const art = "content/articles/2024/07/kremlin-keeps-cryptic-stance-on-putin-trump-contacts.md"
	src, _ := os.ReadFile(filepath.Join(root, art))
	stop := make(chan struct{})
	var wg sync.WaitGroup
	paths := []string{"/", "/articles/kremlin-keeps-cryptic-stance-on-putin-trump-contacts/", "/people/vladimir-putin/",
		"/search/", "/search/meta.json", "/css/style.css", "/2024/07/", "/articles/new/", "/feed.xml", "/no/such/page/"}
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := i; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := http.Get(hs.URL + paths[n%len(paths)])
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 && resp.StatusCode != 404 {
					t.Errorf("%s: %d", paths[n%len(paths)], resp.StatusCode)
				}
			}
		}()
	}
	for i := range 6 {
		body := strings.Replace(string(src), "declined to confirm", fmt.Sprintf("declined %d times to confirm", i), 1)
		os.WriteFile(filepath.Join(root, art), []byte(body), 0o644)
		changed := build.Changes{art}
		if i%2 == 1 {
			os.WriteFile(filepath.Join(root, "content/articles/2024/07/new.md"), []byte("---\ntitle: New\ndate: 2024-07-30\n---\nNew.\n"), 0o644)
			changed = append(changed, "content/articles/2024/07/new.md")
		} else {
			os.Remove(filepath.Join(root, "content/articles/2024/07/new.md"))
			changed = append(changed, "content/articles/2024/07/new.md")
		}
		if _, err := s.Rebuild(changed); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
}

// A 404 layout that fails, on a site no tab has asked a missing page of,
// is said in the terminal and over the tabs when one is asked for.
func TestBrokenNotFoundPageIsReported(t *testing.T) {
	root := copyExample(t)
	p := filepath.Join(root, "layouts/404.html")
	b, err := os.ReadFile(p)
	if err != nil || !strings.Contains(string(b), "<h1") {
		t.Fatalf("the example's 404 layout: %v", err)
	}
	os.WriteFile(p, []byte(strings.Replace(string(b), "<h1", `{{ index .Site.Menu 99 }}<h1`, 1)), 0o644)
	var log sitetest.Buffer
	_, hs := serveRoot(t, root, &log)
	if code, _, _ := get(t, hs.URL+"/no/such/page/"); code != 404 {
		t.Errorf("missing page: %d", code)
	}
	if !strings.Contains(log.String(), "index out of range") {
		t.Errorf("the terminal does not say the 404 page failed:\n%s", log.String())
	}
}
