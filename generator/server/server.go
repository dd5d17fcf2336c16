// Package server is the dev server: it builds the site into memory, serves
// it on a local address, rebuilds what changed when the sources change, and
// tells every open browser tab to reload (or, for a stylesheet, to swap it
// in place). A broken build never stops it: it keeps serving the last good
// site and shows the problems in the terminal and over the page.
//
// Pages are rendered when they are asked for, not when the site is built:
// a build only works out which pages changed, and the last pages served
// are kept, within a budget (cacheBudget). So the first answer of a large
// archive comes after its model is made, not after its 400,000 pages are,
// and memory holds the model, not the pages.
package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"folio/generator/build"
	"folio/generator/diag"
	"folio/generator/output"
	"folio/generator/progress"
	"folio/generator/search"
	"folio/generator/urlpath"
)

// eventsPath is where tabs listen for reloads; no site page can have it,
// since site paths never start with "__".
const eventsPath = "/__folio/events"

// cacheBudget is how many bytes of rendered pages the server keeps: some
// hundreds of pages, the tabs' and the ones around them. Pages are
// rendered again when asked for after that.
const cacheBudget = 32 << 20

// maxListed is the most changed URLs sent to tabs by name; past it, every
// tab reloads.
const maxListed = 2000

// Server serves one site.
type Server struct {
	// model is held to read while a page renders, and to write while a
	// build changes the model pages are rendered from.
	model   sync.RWMutex
	builder *build.Builder
	meter   *progress.Meter
	site    *output.Memory
	hub     *hub
	log     io.Writer
	id      string // tells tabs that the server restarted
	// build counts the good builds that changed the site; pages carry the
	// number they were served from, so a tab can tell it missed one.
	build atomic.Int64
	done  chan struct{}
	// hosts are the names requests may be for: see AllowHosts.
	hosts   *hosts
	allowed []string
	// indexed tells that a search index was put into the site: tabs may
	// have loaded it. Held with model.
	indexed bool
}

// New prepares a server for the site described by opts; nothing is built
// until Rebuild.
func New(opts build.Options, log io.Writer) *Server {
	id := make([]byte, 8)
	_, _ = rand.Read(id)
	opts.Progress = &progress.Meter{}
	opts.IndexLater = true
	s := &Server{
		meter:   opts.Progress,
		builder: build.NewBuilder(opts),
		site:    output.NewMemory(),
		hub:     newHub(),
		log:     log,
		id:      hex.EncodeToString(id),
		done:    make(chan struct{}),
		hosts:   newHosts(nil, nil),
	}
	s.site.RenderWith(s.render, cacheBudget)
	return s
}

// render makes a page a build deferred, from the model of the last good
// build: it waits while a build changes the model, but nothing else does
// (static files, pages kept, the search index are served meanwhile).
func (s *Server) render(name string) ([]byte, bool, error) {
	s.model.RLock()
	defer s.model.RUnlock()
	return s.builder.Render(name)
}

// AllowHosts adds names the preview answers to, besides loopback
// addresses, localhost and the address it listens on: a request for any
// other name is refused, lest a page of another site read the preview.
// Call it before Serve.
func (s *Server) AllowHosts(names ...string) {
	s.allowed = append(s.allowed, names...)
	s.hosts = newHosts(nil, s.allowed)
}

// Rebuild brings the served site up to date with the changed paths (nil:
// check everything), reports the outcome in the terminal and to every tab,
// and returns the build's result. On failure the last good site stays.
func (s *Server) Rebuild(changed build.Changes) (*build.Result, error) {
	// The last build's index is waited for before the model is locked:
	// pages are rendered meanwhile.
	s.model.RLock()
	ready := s.builder.IndexPending()
	s.model.RUnlock()
	if ready != nil {
		<-ready
	}
	s.model.Lock()
	defer s.model.Unlock()
	s.applyIndex()
	batch := s.site.Batch()
	s.meter.Reset()
	res, err := s.builder.Build(batch, changed)
	if res != nil {
		for _, w := range res.Warnings {
			fmt.Fprintln(s.log, w)
		}
	}
	if err != nil {
		fmt.Fprintf(s.log, "%s\nbuild failed: still serving the last good site\n", diag.Format(err))
		s.hub.publish(problemsEvent(err))
		return res, err
	}
	assets := batch.Apply()
	ch, reload := reloadEvent(res, assets)
	took := fmt.Sprintf("in %d ms", res.Took.Milliseconds())
	if res.Took >= time.Second {
		// Where a long build's time went: a large archive's first.
		took = fmt.Sprintf("in %s (%s)", progress.Seconds(res.Took), progress.Summary(s.meter.Timings()))
	}
	fmt.Fprintf(s.log, "%s: %d of %d pages changed, %d removed, %s\n",
		describe(changed), len(res.Rendered), res.Pages, len(res.Removed), took)
	for _, name := range res.ChangedDrafts {
		fmt.Fprintf(s.log, "%s is a draft (draft: true), left out of the preview: restart serve with -drafts to see it\n", diag.Name(name))
	}
	for _, name := range res.ChangedExpired {
		fmt.Fprintf(s.log, "%s is past its expiry date, left out of the preview: restart serve with -expired to see it\n", diag.Name(name))
	}
	s.hub.publish(event{name: "ok"})
	if reload {
		s.publishReload(ch)
	}
	if ready := s.builder.IndexPending(); ready != nil {
		go func() {
			select {
			case <-ready:
				s.settleIndex(ready)
			case <-s.done:
			}
		}()
	}
	return res, nil
}

// publishReload tells tabs what changed; tabs that update in place learn
// the build they now show.
func (s *Server) publishReload(ch change) {
	ch.Build = s.build.Add(1)
	data, _ := json.Marshal(ch)
	s.hub.publish(event{name: "reload", data: string(data)})
}

// settleIndex puts into the site the search index whose making ready
// tells the end of, unless a build did already.
func (s *Server) settleIndex(ready <-chan struct{}) {
	s.model.Lock()
	defer s.model.Unlock()
	if s.builder.IndexPending() == ready {
		s.applyIndex()
	}
}

// applyIndex puts into the site the search index the last build left
// being made, waiting for it: a full build answers before its index is
// made (at 200,000 articles, some 5 s sooner). Requests for the index
// wait for it (indexFor), so only a tab that loaded an earlier index is
// told to reload the search page, when the index changed. The caller
// holds s.model.
func (s *Server) applyIndex() {
	if s.builder.IndexPending() == nil {
		return
	}
	batch := s.site.Batch()
	changed, warnings, err := s.builder.FinishIndex(batch)
	for _, w := range warnings {
		fmt.Fprintln(s.log, w)
	}
	if err != nil {
		fmt.Fprintf(s.log, "%s\nthe search page keeps its last index\n", diag.Format(err))
		return
	}
	batch.Apply()
	for _, t := range s.meter.Timings() {
		if t.Phase == build.IndexPhase && t.Took >= time.Second {
			// The build's summary, printed before, could not say it.
			fmt.Fprintf(s.log, "search index made in %s, after the pages\n", progress.Seconds(t.Took))
		}
	}
	if changed && s.indexed {
		s.publishReload(change{URLs: []string{search.PageURL}, Assets: []string{}})
	}
	s.indexed = true
}

// indexFor waits, for a request of a file of the search index, until the
// index being made is in the site, or the request is given up.
func (s *Server) indexFor(r *http.Request) {
	s.model.RLock()
	ready := s.builder.IndexPending()
	s.model.RUnlock()
	if ready == nil {
		return
	}
	select {
	case <-ready:
		s.settleIndex(ready)
	case <-r.Context().Done():
	}
}

// describe names what changed, for the terminal: the first few paths.
func describe(changed build.Changes) string {
	const named = 3
	if changed == nil {
		return "full check"
	}
	names := make([]string, 0, named)
	for _, c := range changed[:min(len(changed), named)] {
		names = append(names, diag.Name(c))
	}
	list := strings.Join(names, ", ")
	if len(changed) > named {
		list += fmt.Sprintf(" and %d more", len(changed)-named)
	}
	return list
}

// change is what a reload event tells tabs: the URLs of the pages to put
// in place, and of the static files to load again where they are used;
// each list may be "*", for all.
type change struct {
	Build  int64 `json:"build"`
	URLs   any   `json:"urls"`
	Assets any   `json:"assets"`
}

// reloadEvent decides what tabs must do after a good build that rendered
// and removed the pages res lists and changed the static files assets
// names; it reports false when there is nothing to do. The static files
// are those the site holds, added, removed or changed, not the paths the
// watcher saw: an editor's temporary file, there and gone between two
// builds, is nothing a page uses, and a stylesheet saved by rename is one
// changed file.
func reloadEvent(res *build.Result, assets []string) (change, bool) {
	urls := make([]string, 0, len(res.Rendered)+len(res.Removed)+1)
	urls = append(append(urls, res.Rendered...), res.Removed...)
	if res.Reindexed {
		// The search page shows the index, so it must load it anew.
		urls = append(urls, search.PageURL)
	}
	if len(urls) == 0 && len(assets) == 0 {
		return change{}, false
	}
	files := make([]string, len(assets))
	for i, a := range assets {
		files[i] = "/" + a
	}
	ch := change{URLs: urls, Assets: files}
	if len(urls) > maxListed {
		ch.URLs = "*"
	}
	if len(assets) > maxListed {
		ch.Assets = "*"
	}
	return ch, true
}

// problemsEvent carries a failed build's problems to the overlay.
func problemsEvent(err error) event {
	type problem struct {
		Path    string `json:"path"`
		Line    int    `json:"line,omitempty"`
		Column  int    `json:"column,omitempty"`
		Field   string `json:"field,omitempty"`
		Message string `json:"message"`
		Text    string `json:"text"`
	}
	var list diag.List
	var probs []problem
	if errors.As(err, &list) {
		for _, p := range list {
			probs = append(probs, problem{p.Path, p.Line, p.Column, p.Field, p.Message, p.Error()})
		}
	} else {
		probs = append(probs, problem{Message: err.Error(), Text: diag.Format(err)})
	}
	data, _ := json.Marshal(map[string]any{"problems": probs})
	return event{name: "problems", data: string(data)}
}

// Handler serves the site and the event stream.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hosts.allows(r.Host) {
		refuse(w, fmt.Sprintf("This is a folio preview. It answers only to the addresses it listens on and to names given with -allow-host, "+
			"not to %q: a page of another site may be trying to read it. If you opened it by that name, restart folio serve with -allow-host and the name.", hostName(r.Host)))
		return
	}
	if r.URL.Path == eventsPath {
		if o := r.Header.Get("Origin"); o != "" && !s.hosts.allowsOrigin(o) {
			refuse(w, fmt.Sprintf("The preview's events are for its own pages, not for those of %q.", o))
			return
		}
		s.serveEvents(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := siteName(r.URL.Path, r.URL.EscapedPath())
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasPrefix(name, search.Dir) && name != urlpath.File(search.PageURL) {
		s.indexFor(r)
	}
	page, _, found, err := s.site.Lookup(name)
	if !found && !strings.HasSuffix(name, "/index.html") {
		// /people/jane-doe → /people/jane-doe/, as static hosts do; and
		// /old.php → /old.php/, where a redirect page for it is written.
		if s.site.Has(name + "/index.html") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
	}
	switch {
	case err != nil:
		s.renderFailed(w, r, name, err)
	case !found:
		s.notFound(w, r)
	case page != nil:
		s.serveBytes(w, r, name, page, http.StatusOK)
	default:
		// Never what the path leads to now: only the file the last build
		// checked, until the next build checks again.
		f, info, err := s.site.OpenStatic(name)
		if err != nil {
			s.notFound(w, r)
			return
		}
		defer f.Close()
		http.ServeContent(w, r, name, info.ModTime(), f)
	}
}

// renderFailed answers for a page the layouts failed to render: the
// problem in the terminal, over every tab, and as the page itself, which
// reloads once a build has mended it.
func (s *Server) renderFailed(w http.ResponseWriter, r *http.Request, name string, err error) {
	fmt.Fprintf(s.log, "%s\n", diag.Format(err))
	s.hub.publish(problemsEvent(err))
	page := []byte("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page not rendered</title></head>" +
		"<body><h1>Page not rendered</h1><p>The layouts failed on this page:</p><pre>" + html.EscapeString(diag.Format(err)) + "</pre></body></html>\n")
	s.serveBytes(w, r, name, page, http.StatusInternalServerError)
}

// notFound serves the site's 404 page with status 404.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	page, _, ok, err := s.site.Lookup("404.html")
	if err != nil {
		// A broken 404 layout, which no build reported: no tab had
		// asked for the page yet.
		fmt.Fprintf(s.log, "%s\n", diag.Format(err))
		s.hub.publish(problemsEvent(err))
	}
	if !ok || err != nil {
		page = []byte("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>" +
			"<body><h1>Not found</h1><p>There is no page here, or the site has not built yet.</p></body></html>\n")
	}
	s.serveBytes(w, r, "404.html", page, http.StatusNotFound)
}

// serveBytes writes a rendered file, with the live-reload script in HTML.
func (s *Server) serveBytes(w http.ResponseWriter, r *http.Request, name string, body []byte, status int) {
	if path.Ext(name) == ".html" {
		body = inject(body, s.build.Load())
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	}
	if status == http.StatusOK {
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
		return
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// siteName maps a request path to a site file name, refusing anything
// that is not a plain path inside the site: ".." segments, backslashes,
// NUL bytes and encoded slashes.
func siteName(p, escaped string) (string, bool) {
	lower := strings.ToLower(escaped)
	if strings.Contains(lower, "%2f") || strings.Contains(lower, "%5c") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	if !strings.HasPrefix(p, "/") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	if strings.Contains(p, "//") {
		return "", false
	}
	name := strings.TrimPrefix(p, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	return name, true
}

// Serve builds the site, then serves it on ln until ctx is done, applying
// each batch of changes from the watcher as it arrives. It shuts down
// cleanly: open event streams are closed and requests in flight finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener, batches <-chan []string) error {
	s.hosts = newHosts(ln.Addr(), s.allowed)
	_, _ = s.Rebuild(nil) // a broken first build still serves the overlay
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	for {
		select {
		case <-ctx.Done():
			close(s.done)
			shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			return srv.Shutdown(shutdown)
		case err := <-errc:
			close(s.done)
			return err
		case batch, ok := <-batches:
			if !ok {
				batches = nil // the watcher stopped; keep serving
				continue
			}
			_, _ = s.Rebuild(batch)
		}
	}
}

// Clients is the number of connected tabs.
func (s *Server) Clients() int { return s.hub.count() }
