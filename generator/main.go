// Command generator builds an article archive into a static website.
//
//	go run ./generator [flags]          build the site into public/
//	go run ./generator build [flags]    the same
//
// Run it with -h for every flag.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"

	"folio/generator/build"
	"folio/generator/diag"
)

const usage = `folio builds an archive of Markdown articles into a static website.

Usage:
  go run ./generator [build] [flags]   build the site into public/

The site root (-source) holds config.yaml, content/articles/ (the articles),
layouts/ (html/template layouts) and static/ (files copied as they are).

Flags:
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "build" {
		args = args[1:]
	}
	fs := flag.NewFlagSet("generator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts build.Options
	fs.StringVar(&opts.Source, "source", ".", "site root `folder`, holding config.yaml, content/, layouts/ and static/")
	fs.StringVar(&opts.Dest, "dest", "", "output `folder` (default: public/ in the site root); it is replaced whole on every build")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include articles marked draft: true")
	fs.StringVar(&opts.BaseURL, "baseurl", "", "`URL` the site is deployed at, overriding baseURL in config.yaml")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `file`, for go tool pprof")
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "unknown command or argument %q (see -h)\n", fs.Arg(0))
		return 2
	}
	if *cpuProfile != "" {
		stop, err := startProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		defer stop()
	}
	res, err := build.Run(opts)
	if res != nil {
		for _, w := range res.Warnings {
			fmt.Fprintln(stderr, w)
		}
	}
	if err != nil {
		report(stderr, err)
		return 1
	}
	fmt.Fprintln(stdout, summary(res))
	return 0
}

// report prints a failed build's problems, one a line, and a count.
func report(w io.Writer, err error) {
	var list diag.List
	if errors.As(err, &list) {
		fmt.Fprintln(w, list.Error())
		fmt.Fprintf(w, "build failed: %d %s; the output folder was not changed\n", len(list), pluralize(len(list), "error", "errors"))
		return
	}
	fmt.Fprintf(w, "build failed: %v\n", err)
}

// summary is the line printed after a good build.
func summary(r *build.Result) string {
	var terms []string
	for _, t := range r.Taxonomies {
		terms = append(terms, fmt.Sprintf("%d %s", t.Terms, strings.ToLower(t.Title)))
	}
	drafts := ""
	if r.Drafts > 0 {
		drafts = fmt.Sprintf(" (%d %s left out)", r.Drafts, pluralize(r.Drafts, "draft", "drafts"))
	}
	return fmt.Sprintf("built %d %s%s into %s: %d pages, %d static files; %s; in %d ms",
		r.Articles, pluralize(r.Articles, "article", "articles"), drafts, r.Dest, r.Pages, r.StaticFiles,
		strings.Join(terms, ", "), r.Took.Milliseconds())
}

// startProfile starts CPU profiling into path and returns the function
// that stops it.
func startProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

func pluralize(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
