// Command generator builds an article archive into a static website, or
// serves it for preview while it is being written.
//
//	go run ./generator [build] [flags]   build the site into public/
//	go run ./generator serve [flags]     preview it, rebuilding on change
//
// Run it with -h for every flag.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"folio/generator/atomicfile"
	"folio/generator/build"
	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/create"
	"folio/generator/diag"
	"folio/generator/migrate"
	"folio/generator/migrate/all"
	"folio/generator/progress"
	archive "folio/generator/report"
	"folio/generator/server"
	"folio/generator/srcfile"
	"folio/generator/watch"
)

const usage = `folio builds an archive of Markdown articles into a static website.

Usage:
  go run ./generator [build] [flags]   build the site into public/
  go run ./generator serve [flags]     preview the site on http://127.0.0.1:1313/,
                                       rebuilding and reloading the browser on every change
  go run ./generator new "Title"       start an article: content/articles/YYYY/MM/<slug>.md,
                                       a draft dated now, its front matter filled in
  go run ./generator import FILE...    turn raw text or saved web pages into articles
  go run ./generator migrate SRC DEST  make a new site DEST from a Hugo, Jekyll or Eleventy
                                       site SRC, or a WordPress export EXPORT.xml (which is
                                       not changed); see DEST/MIGRATION.md
  go run ./generator report [flags]    write the archive's report for its keepers (numbers,
                                       warnings grouped by kind, what changed) outside public/
  go run ./generator help              this text

The site root (-source) holds config.yaml, content/articles/ (the articles),
content/pages/ (About and other standalone pages), layouts/ (html/template
layouts) and static/ (files copied as they are).
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	memoryLimit()
	cmd := "build"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "build":
		return buildCmd(args, stdout, stderr)
	case "serve":
		// serve runs until Ctrl-C or a SIGTERM.
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		return serveCmd(ctx, args, stdout, stderr)
	case "new":
		return newCmd(args, stdout, stderr)
	case "import":
		return importCmd(args, stdout, stderr)
	case "migrate":
		return migrateCmd(args, stdout, stderr)
	case "report":
		return reportCmd(args, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		fmt.Fprintln(stdout, "\nRun a command with -h for its flags.")
		return 0
	}
	fmt.Fprintf(stderr, "unknown command %q: use build, serve, new, import, migrate, report or help\n", cmd)
	return 2
}

// flags returns a flag set with the options every command shares.
func flags(name string, stderr io.Writer, opts *build.Options) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&opts.Source, "source", ".", "site root `folder`, holding config.yaml, content/, layouts/ and static/")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include articles marked draft: true")
	fs.BoolVar(&opts.Future, "future", false, "include articles dated more than a day ahead, or with a publishDate still to come")
	fs.BoolVar(&opts.Expired, "expired", false, "include articles past their expiryDate")
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fmt.Fprintf(stderr, "\nFlags of %s:\n", name)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, returning the exit code to stop with, if any.
func parse(fs *flag.FlagSet, args []string, stderr io.Writer) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, true
		}
		return 2, true
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "unexpected argument %q (see -h)\n", fs.Arg(0))
		return 2, true
	}
	return 0, false
}

func buildCmd(args []string, stdout, stderr io.Writer) int {
	var opts build.Options
	fs := flags("build", stderr, &opts)
	fs.StringVar(&opts.Dest, "dest", "", "output `folder` (default: public/ in the site root); it is replaced whole on every build")
	fs.StringVar(&opts.BaseURL, "baseurl", "", "`URL` the site is deployed at, overriding baseURL in config.yaml")
	fs.BoolVar(&opts.Force, "force", false, "build even when nothing changed since the last build into the output folder, and render every page, not only those whose fingerprints changed")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `file`, for go tool pprof")
	if code, stop := parse(fs, args, stderr); stop {
		return code
	}
	stopProfile, ok := startProfile(*cpuProfile, stderr)
	if !ok {
		return 1
	}
	defer stopProfile()
	opts.Fingerprint = true
	opts.Waiting = func(pid int) {
		who := "another build"
		if pid > 0 {
			who = fmt.Sprintf("another build (process %d)", pid)
		}
		fmt.Fprintf(stderr, "%s is writing the same output folder: waiting for it to finish…\n", who)
	}
	opts.Progress = &progress.Meter{}
	stopLine := showProgress(stderr, opts.Progress)
	res, err := build.Run(opts)
	stopLine()
	if res != nil {
		for _, w := range res.Warnings {
			fmt.Fprintln(stderr, w)
		}
	}
	if err != nil {
		report(stderr, err)
		return 1
	}
	fmt.Fprintln(stdout, summary(res, opts.Progress.Timings()))
	return 0
}

// reportCmd builds the site as build does, writing nothing but the
// report: its pages go nowhere, its caches are read and kept as a build
// keeps them.
func reportCmd(args []string, stdout, stderr io.Writer) int {
	var opts build.Options
	fs := flags("report", stderr, &opts)
	out := fs.String("o", "", "write the report to `file` (default: .folio-cache/report.html in the site root)")
	if code, stop := parse(fs, args, stderr); stop {
		return code
	}
	dir, err := archive.Folder(opts.Source)
	if err != nil {
		report(stderr, err)
		return 1
	}
	shown := *out
	if *out == "" {
		*out, shown = archive.Path(dir), archive.Path(filepath.Join(opts.Source, ".folio-cache"))
	}
	opts.Progress = &progress.Meter{}
	stopLine := showProgress(stderr, opts.Progress)
	res, err := build.NewBuilder(opts).Build(discard{}, nil)
	stopLine()
	if err != nil {
		report(stderr, err)
		return 1
	}
	now := time.Now()
	snapPath := archive.SnapshotPath(dir)
	var page bytes.Buffer
	in := archive.Input{Site: res.Model(), Warnings: res.Warnings, Expired: res.ExpiredFiles, Now: now}
	if err := archive.Write(&page, in, archive.Load(snapPath)); err != nil {
		report(stderr, err)
		return 1
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		report(stderr, err)
		return 1
	}
	if err := atomicfile.Write(*out, page.Bytes()); err != nil {
		report(stderr, err)
		return 1
	}
	if err := archive.Take(res.Model(), now).Save(snapPath); err != nil {
		fmt.Fprintf(stderr, "warning: the report could not remember the archive for the next one: %v\n", err)
	}
	fmt.Fprintf(stdout, "wrote the report of %d %s and %d %s to %s\n", res.Articles, pluralize(res.Articles, "article", "articles"),
		len(res.Warnings), pluralize(len(res.Warnings), "warning", "warnings"), diag.Name(shown))
	return 0
}

// discard is a sink that keeps nothing: the report needs the build's
// model and problems, not its pages.
type discard struct{}

func (discard) WriteFile(string, []byte) error { return nil }
func (discard) CopyFile(string, string) error  { return nil }
func (discard) Remove(string) error            { return nil }

// showProgress draws m on stderr as one updating line, when stderr is a
// terminal and the work lasts over two seconds; the returned function
// erases it.
func showProgress(stderr io.Writer, m *progress.Meter) func() {
	if f, ok := stderr.(*os.File); ok && progress.Terminal(f) {
		return progress.Show(f, m, 2*time.Second, 250*time.Millisecond)
	}
	return func() {}
}

func newCmd(args []string, stdout, stderr io.Writer) int {
	fs, source := contentFlags("new", `"Title of the article"`, "", stderr)
	cfg, code, stop := parseContentArgs(fs, args, source, stderr)
	if stop {
		return code
	}
	name, err := create.Article(*source, cfg, strings.Join(fs.Args(), " "), time.Now())
	if err != nil {
		fmt.Fprintln(stderr, diag.Format(err))
		return 1
	}
	fmt.Fprintln(stdout, diag.Name(filepath.Join(*source, filepath.FromSlash(name))))
	return 0
}

// contentFlags returns the flag set of a command that adds articles, with
// its -source flag; what its arguments are is said in usage.
func contentFlags(name, args, about string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "site root `folder`")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./generator %s [flags] %s\n%sFlags:\n", name, args, about)
		fs.PrintDefaults()
	}
	return fs, source
}

// parseContentArgs parses the flags and arguments of a command that adds
// articles, and loads the site's config; stop says to return code.
func parseContentArgs(fs *flag.FlagSet, args []string, source *string, stderr io.Writer) (cfg *config.Config, code int, stop bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, 0, true
		}
		return nil, 2, true
	}
	if strings.TrimSpace(strings.Join(fs.Args(), " ")) == "" {
		fs.Usage()
		return nil, 2, true
	}
	cfg, err := config.Load(*source)
	if err != nil {
		report(stderr, err)
		return nil, 1, true
	}
	return cfg, 0, false
}

func importCmd(args []string, stdout, stderr io.Writer) int {
	fs, source := contentFlags("import", "FILE...",
		"Each FILE, raw text (title on the first line) or a saved web page, becomes\ncontent/articles/YYYY/MM/<slug>.md.\n", stderr)
	date := fs.String("date", "", "the articles' `date` (2024-07-22, or 2024-07-22T09:30:00+02:00); default: each file's modification time")
	author := fs.String("author", "", "the articles' `author`")
	cfg, code, stop := parseContentArgs(fs, args, source, stderr)
	if stop {
		return code
	}
	var when time.Time
	var err error
	if *date != "" {
		// A day alone is midnight where the site is.
		if when, err = time.Parse(time.RFC3339, *date); err != nil {
			if when, err = time.ParseInLocation(time.DateOnly, *date, cfg.Location); err != nil {
				fmt.Fprintf(stderr, "-date %q: write 2024-07-22 or 2024-07-22T09:30:00+02:00\n", *date)
				return 2
			}
		}
		if !content.InDateRange(when, cfg.Location) {
			fmt.Fprintf(stderr, "-date %q is out of range: write a date from the year 1 to the year 9999\n", *date)
			return 2
		}
	}
	known, err := create.KnownNames(*source, cfg)
	if err != nil {
		fmt.Fprintln(stderr, diag.Format(err))
		return 1
	}
	for _, file := range fs.Args() {
		src, info, err := srcfile.ReadFile(file, srcfile.MaxText)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %s\n", diag.Name(file), diag.Format(err))
			code = 1
			continue
		}
		at := when
		if at.IsZero() {
			at = info.ModTime()
		}
		name, a, err := create.Import(*source, cfg, src, known, at, *author)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %s\n", diag.Name(file), diag.Format(err))
			code = 1
			continue
		}
		fmt.Fprintf(stdout, "%s: wrote %s, %d paragraphs", diag.Name(file), diag.Name(filepath.Join(*source, filepath.FromSlash(name))), len(a.Paragraphs))
		for _, t := range cfg.Taxonomies {
			if names := a.Terms[t.Name]; len(names) > 0 {
				shown := make([]string, len(names))
				for i, n := range names {
					shown[i] = diag.Name(n)
				}
				fmt.Fprintf(stdout, "; %s: %s", diag.Text(strings.ToLower(t.Title)), strings.Join(shown, ", "))
			}
		}
		if len(a.Suggested) > 0 {
			fmt.Fprintf(stdout, "; %d other names to review in its front matter", len(a.Suggested))
		}
		fmt.Fprintln(stdout)
	}
	return code
}

func migrateCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts migrate.Options
	fs.StringVar(&opts.Look, "look", ".", "a folio site `folder` whose layouts/ and static/ the new site starts with (default: this checkout)")
	sections := func(v string) error {
		for _, s := range strings.Split(v, ",") {
			if s = strings.Trim(strings.TrimSpace(s), "/"); s != "" {
				opts.Sections = append(opts.Sections, s)
			}
		}
		return nil
	}
	fs.Func("sections", "the source `sections` (Hugo), collections (Jekyll, Eleventy) or post types (WordPress, besides post) whose pages become articles, separated by commas (default: those whose pages mostly have dates)", sections)
	fs.Func("types", "the WordPress post `types` besides post whose items become articles, separated by commas (the same as -sections)", sections)
	fs.Func("taxonomy", "WordPress's taxonomies and the folio `taxonomies` they become, as category=topics,post_tag=tags (the default); a taxonomy not named is left out", func(v string) error {
		opts.Taxonomies = map[string]string{}
		for _, pair := range strings.Split(v, ",") {
			from, to, ok := strings.Cut(strings.TrimSpace(pair), "=")
			if from, to = strings.TrimSpace(from), strings.TrimSpace(to); !ok || from == "" || to == "" {
				return fmt.Errorf("%q is not WORDPRESS=FOLIO, as category=topics", pair)
			}
			opts.Taxonomies[from] = to
		}
		return nil
	})
	fs.StringVar(&opts.Uploads, "uploads", "", "a copy of the old WordPress site's wp-content/uploads `folder`: the files posts use are copied into static/wp-content/uploads/ and linked there (default: links to them stay on the old site)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the migration to `file`, for go tool pprof")
	fs.BoolVar(&opts.Comments, "comments", false, "keep WordPress's approved comments, shown under their articles as an archived, closed thread (names, dates and text; never e-mail or IP addresses)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage: go run ./generator migrate [flags] SRC DEST\n"+
			"Makes the new folio site DEST (absent or empty) from the Hugo, Jekyll or Eleventy\n"+
			"site SRC, or a WordPress export (SRC the .xml file, or a folder of the files a large\n"+
			"export is split into), which is not changed; what needs a person is listed in\n"+
			"DEST/MIGRATION.md.\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	// Flags may follow SRC and DEST too (migrate export.xml new -comments).
	var pos []string
	for rest := fs.Args(); len(rest) > 0; rest = fs.Args() {
		pos = append(pos, rest[0])
		if err := fs.Parse(rest[1:]); err != nil {
			return 2
		}
	}
	if len(pos) != 2 {
		fs.Usage()
		return 2
	}
	src, dest := pos[0], pos[1]
	r, err := migrate.Detect(src, all.Readers())
	if err != nil {
		fmt.Fprintf(stderr, "migrate: %s\n", diag.Format(err))
		return 1
	}
	if opts.Uploads != "" && r.Name != "WordPress" {
		fmt.Fprintf(stderr, "migrate: -uploads is for a WordPress export; %s is a %s site, whose files are copied from its own folders\n", diag.Name(src), r.Name)
		return 2
	}
	stopProfile, ok := startProfile(*cpuProfile, stderr)
	if !ok {
		return 1
	}
	defer stopProfile()
	lessGC()
	opts.Progress = &progress.Meter{}
	stopLine := showProgress(stderr, opts.Progress)
	rep, err := migrate.Run(src, dest, r, opts)
	stopLine()
	if err != nil {
		fmt.Fprintf(stderr, "migrate failed: %s\n", diag.Format(err))
		return 1
	}
	rep.Print(stdout)
	return 0
}

func serveCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var opts build.Options
	fs := flags("serve", stderr, &opts)
	port := fs.Int("port", 1313, "`port` to listen on")
	bind := fs.String("bind", "127.0.0.1", "`address` to listen on; 0.0.0.0 makes the preview reachable from other machines")
	var allow []string
	fs.Func("allow-host", "also answer to `name`, say this machine's name on your network (repeat the flag, or separate names with commas); requests for other names are refused", func(v string) error {
		for _, n := range strings.Split(v, ",") {
			n = strings.TrimSpace(n)
			if n == "" || strings.ContainsAny(n, "/ \t@?#") {
				return fmt.Errorf("%q is not a host name: write it as in the address bar, without http:// or a path (preview.lan, 192.168.1.20)", n)
			}
			allow = append(allow, n)
		}
		return nil
	})
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the preview, from its start to its stop, to `file`, for go tool pprof")
	if code, stop := parse(fs, args, stderr); stop {
		return code
	}
	stopProfile, ok := startProfile(*cpuProfile, stderr)
	if !ok {
		return 1
	}
	defer stopProfile()
	if _, err := netip.ParseAddr(*bind); err != nil && *bind != "" {
		allow = append(allow, *bind) // a name given to -bind is a name the preview has
	}
	addr := net.JoinHostPort(*bind, strconv.Itoa(*port))
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		fmt.Fprintf(stderr, "port %d is already in use on %s: stop the program using it, or choose another port with -port\n", *port, diag.Name(*bind))
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "cannot listen on %s: %s\n", diag.Name(addr), diag.Format(err))
		return 1
	}
	// Links and feeds point at the preview, not at the deployed site.
	urls, open := server.URLs(ln.Addr())
	opts.BaseURL = urls[0]

	w, err := watch.New(opts.Source)
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "cannot watch %s: %s\n", diag.Name(opts.Source), diag.Format(err))
		return 1
	}
	defer w.Close()
	batches := make(chan []string)
	go func() {
		if err := w.Run(ctx, batches); err != nil {
			fmt.Fprintf(stderr, "watching stopped: %s (restart serve to pick up changes)\n", diag.Format(err))
		}
		close(batches)
	}()
	banner(stdout, stderr, opts.Source, urls, open)
	srv := server.New(opts, stdout)
	srv.AllowHosts(allow...)
	if err := srv.Serve(ctx, ln, batches); err != nil {
		fmt.Fprintln(stderr, diag.Format(err))
		return 1
	}
	fmt.Fprintln(stdout, "stopped")
	return 0
}

// banner says where the preview of the site at source can be reached,
// and warns when other machines can reach it.
func banner(stdout, stderr io.Writer, source string, urls []string, open bool) {
	fmt.Fprintf(stdout, "serving %s at %s (Ctrl-C to stop)\n", diag.Name(source), urls[0])
	if len(urls) > 1 {
		fmt.Fprintf(stdout, "and from other machines at %s\n", strings.Join(urls[1:], ", "))
	}
	if open {
		fmt.Fprintln(stderr, "warning: the preview is open to your network: whoever can reach this machine can read it (drafts too, with -drafts); bind to 127.0.0.1 to keep it to yourself")
	}
}

// report prints a failed build's problems, one a line, and a count.
func report(w io.Writer, err error) {
	var list diag.List
	if errors.As(err, &list) {
		fmt.Fprintln(w, list.Error())
		fmt.Fprintf(w, "build failed: %d %s; the output folder was not changed\n", len(list), pluralize(len(list), "error", "errors"))
		return
	}
	fmt.Fprintf(w, "build failed: %s\n", diag.Format(err))
}

// summary is the line printed after a good build.
func summary(r *build.Result, timings []progress.Timing) string {
	var terms []string
	for _, t := range r.Taxonomies {
		terms = append(terms, fmt.Sprintf("%d %s", t.Terms, diag.Text(strings.ToLower(t.Title))))
	}
	var out []string
	if r.Drafts > 0 {
		out = append(out, fmt.Sprintf("%d %s", r.Drafts, pluralize(r.Drafts, "draft", "drafts")))
	}
	if r.Future > 0 {
		out = append(out, fmt.Sprintf("%d dated in the future", r.Future))
	}
	if r.Expired > 0 {
		out = append(out, fmt.Sprintf("%d past their expiry date", r.Expired))
	}
	drafts := ""
	if len(out) > 0 {
		drafts = " (" + strings.Join(out, ", ") + " left out)"
	}
	if r.UpToDate {
		return fmt.Sprintf("%s is up to date, as nothing changed since it was built: %d %s%s, %d pages; checked in %d ms",
			diag.Name(r.Dest), r.Articles, pluralize(r.Articles, "article", "articles"), drafts, r.Pages, r.Took.Milliseconds())
	}
	images := ""
	if r.ArticlesCached > 0 {
		images = fmt.Sprintf("; %d %s from the article cache", r.ArticlesCached, pluralize(r.ArticlesCached, "article", "articles"))
	}
	if n := r.ImagesMade + r.ImagesCached; n > 0 {
		images += fmt.Sprintf("; %d %s (%d made, %d from the image cache)", n, pluralize(n, "image", "images"), r.ImagesMade, r.ImagesCached)
	}
	files := ""
	if f := r.Files; f != nil {
		files = fmt.Sprintf("; %d %s written, %d unchanged, %d removed", f.Written, pluralize(f.Written, "file", "files"), f.Kept, f.Removed)
	}
	took := fmt.Sprintf("in %d ms", r.Took.Milliseconds())
	if len(timings) > 0 {
		took = fmt.Sprintf("in %s (%s)", progress.Seconds(r.Took), progress.Summary(timings))
	}
	pages := fmt.Sprintf("%d pages", r.Pages)
	if r.PagesKept > 0 {
		pages = fmt.Sprintf("%d pages (%d rendered, %d as the last build made them)", r.Pages, r.Pages-r.PagesKept, r.PagesKept)
	}
	return fmt.Sprintf("built %d %s%s into %s: %s, %d static files%s; %s%s; %s",
		r.Articles, pluralize(r.Articles, "article", "articles"), drafts, diag.Name(r.Dest), pages, r.StaticFiles, images,
		strings.Join(terms, ", "), files, took)
}

// lessGC lets a migration's heap grow to three times what it holds
// before collecting, rather than twice: collecting was a tenth of its
// time, and a 100,000-post export then peaks near 530 MB. A small
// memory limit instead would make a larger export collect without end
// (the one memoryLimit sets only nears at the machine's memory). GOGC,
// when set, is left alone.
func lessGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
}

// startProfile starts CPU profiling into path, unless path is "", and
// returns the function that stops it; false, said on stderr, when it
// cannot.
func startProfile(path string, stderr io.Writer) (stop func(), ok bool) {
	if path == "" {
		return func() {}, true
	}
	f, err := os.Create(path)
	if err == nil {
		if err = pprof.StartCPUProfile(f); err != nil {
			f.Close()
			err = fmt.Errorf("%s: %w", path, err)
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, diag.Format(err))
		return nil, false
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, true
}

func pluralize(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
