// Package report writes the archive's report for its keepers: one HTML
// page, outside the published site, with the archive in numbers (articles
// a year and by author, terms a taxonomy, the largest terms), every
// warning of the build grouped by kind with its file and line, and what
// changed since the last report. A real archive gives hundreds of
// warnings; grouped, they can be read and worked through, where a
// terminal only scrolls them past.
package report

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"folio/generator/atomicfile"
	"folio/generator/diag"
	"folio/generator/site"
	"folio/generator/sitepath"
)

// Input is what the report is made of: a build's model and problems.
type Input struct {
	Site     *site.Site
	Warnings diag.List
	// Expired are the articles left out past their expiry date.
	Expired []string
	// Now is when the report is made.
	Now time.Time
}

// Snapshot is what the report remembers of the archive, to say next time
// what changed: each article's file by its hash, each term's count.
type Snapshot struct {
	Made     time.Time
	Articles map[string]string // path → SHA-256 in hex
	Terms    map[string]int    // taxonomy/slug → articles
	Names    map[string]string // taxonomy/slug → name
}

// snapshotVersion is written with a snapshot; another is not read.
const snapshotVersion = 1

type snapshotFile struct {
	Version int
	Snapshot
}

// Take makes the snapshot of a site.
func Take(s *site.Site, now time.Time) *Snapshot {
	snap := &Snapshot{Made: now, Articles: map[string]string{}, Terms: map[string]int{}, Names: map[string]string{}}
	for _, a := range s.Articles {
		snap.Articles[a.Path] = hex.EncodeToString(a.Parsed.Sum[:])
	}
	for _, t := range s.Taxonomies {
		for _, term := range t.Terms {
			key := t.Name + "/" + term.Slug
			snap.Terms[key], snap.Names[key] = term.Count(), term.Name
		}
	}
	return snap
}

// Load reads the snapshot at name; nil when there is none, or it is of
// another version or damaged (the report then says it has none).
func Load(name string) *Snapshot {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil
	}
	var f snapshotFile
	if json.Unmarshal(b, &f) != nil || f.Version != snapshotVersion || f.Articles == nil {
		return nil
	}
	return &f.Snapshot
}

// Save writes the snapshot at name, whole or not at all.
func (s *Snapshot) Save(name string) error {
	b, err := json.Marshal(snapshotFile{Version: snapshotVersion, Snapshot: *s})
	if err != nil {
		return err
	}
	return atomicfile.Write(name, b)
}

// Group is the warnings of one kind.
type Group struct {
	Kind     string
	Advice   string
	Problems []*diag.Problem
}

// kinds sorts warnings by what their message says, in the order the
// report shows them: those a keeper can act on first.
var kinds = []struct {
	name, advice string
	match        func(p *diag.Problem) bool
}{
	{"Broken links inside the site", "Links to addresses where the site has no page: a deleted article, a mistyped slug, an old URL without a redirect.",
		func(p *diag.Problem) bool {
			return strings.Contains(p.Message, "no page has this address") || strings.Contains(p.Message, "where the site has no page")
		}},
	{"Names that look like one", "Two spellings of what may be one person, place or topic, side by side: an alias in a profile merges them.",
		func(p *diag.Problem) bool { return strings.Contains(p.Message, " looks like ") }},
	{"Profiles no article uses", "Profiles whose term no article names: a misspelt name, or a profile to remove.",
		func(p *diag.Problem) bool { return strings.Contains(p.Message, "no article lists") }},
	{"Articles dated in the future", "Left out until their date, or a date mistyped.",
		func(p *diag.Problem) bool { return strings.Contains(p.Message, "is in the future") }},
	{"Raw HTML removed", "HTML in articles that the sanitizer removed: check nothing the article needs went with it.",
		func(p *diag.Problem) bool { return strings.HasPrefix(p.Message, "raw HTML") }},
	{"Images without a text alternative", "Images whose Markdown gives no words for readers who cannot see them: write what each shows between its brackets.",
		func(p *diag.Problem) bool { return strings.Contains(p.Message, "no text alternative") }},
	{"Images", "Images misnamed or not as their names say.",
		func(p *diag.Problem) bool {
			return p.Field == "image" || strings.Contains(p.Message, " image, not the ")
		}},
	{"Aliases and redirects", "Old addresses that clash or lead nowhere.",
		func(p *diag.Problem) bool {
			return strings.Contains(p.Field, "alias") || strings.Contains(p.Field, "redirect") || strings.Contains(p.Message, "redirect")
		}},
	{"Files not read or not published", "Files in the site's folders that the build skipped: links, special files, sections' introductions.",
		func(p *diag.Problem) bool {
			return strings.HasSuffix(p.Message, "not read") || strings.HasSuffix(p.Message, "not copied") || strings.Contains(p.Message, "is not published")
		}},
}

// Groups sorts warnings by kind, in the report's order, each group by
// file and line; warnings of no known kind come last, as "Other".
func Groups(warnings diag.List) []Group {
	groups := make([]Group, len(kinds)+1)
	for i, k := range kinds {
		groups[i] = Group{Kind: k.name, Advice: k.advice}
	}
	groups[len(kinds)] = Group{Kind: "Other", Advice: "Everything else the build warned of."}
	for _, p := range warnings {
		i := slices.IndexFunc(kinds, func(k struct {
			name, advice string
			match        func(p *diag.Problem) bool
		}) bool {
			return k.match(p)
		})
		if i < 0 {
			i = len(kinds)
		}
		groups[i].Problems = append(groups[i].Problems, p)
	}
	for i := range groups {
		slices.SortStableFunc(groups[i].Problems, func(a, b *diag.Problem) int {
			return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line))
		})
	}
	return slices.DeleteFunc(groups, func(g Group) bool { return len(g.Problems) == 0 })
}

// Bar is one bar of a chart: a label, a number, and its share of the
// largest, for the bar's width.
type Bar struct {
	Label   string
	URL     string
	Count   int
	Percent int
}

func bars(list []Bar) []Bar {
	most := 0
	for _, b := range list {
		most = max(most, b.Count)
	}
	for i := range list {
		if most > 0 {
			// A count of one in thousands still shows.
			list[i].Percent = max(list[i].Count*100/most, min(list[i].Count, 1))
		}
	}
	return list
}

// Changes are what changed since the last report.
type Changes struct {
	Since                   time.Time
	Added, Removed, Changed []string
	NewTerms, GoneTerms     []string
}

// diff compares two snapshots.
func diff(last, now *Snapshot) *Changes {
	if last == nil {
		return nil
	}
	c := &Changes{Since: last.Made}
	for p, sum := range now.Articles {
		switch old, ok := last.Articles[p]; {
		case !ok:
			c.Added = append(c.Added, p)
		case old != sum:
			c.Changed = append(c.Changed, p)
		}
	}
	for p := range last.Articles {
		if _, ok := now.Articles[p]; !ok {
			c.Removed = append(c.Removed, p)
		}
	}
	for k, name := range now.Names {
		if _, ok := last.Names[k]; !ok {
			c.NewTerms = append(c.NewTerms, name+" ("+strings.SplitN(k, "/", 2)[0]+")")
		}
	}
	for k, name := range last.Names {
		if _, ok := now.Names[k]; !ok {
			c.GoneTerms = append(c.GoneTerms, name+" ("+strings.SplitN(k, "/", 2)[0]+")")
		}
	}
	for _, l := range [][]string{c.Added, c.Removed, c.Changed, c.NewTerms, c.GoneTerms} {
		slices.Sort(l)
	}
	return c
}

// page is what the report's template shows.
type page struct {
	Title       string
	Made        string
	Articles    int
	First, Last string
	Years       []Bar
	Authors     []Bar
	Taxonomies  []Bar
	Largest     []largest
	Groups      []Group
	Warnings    int
	Expired     []string
	Changes     *Changes
	SinceText   string
}

type largest struct {
	Title string
	Terms []Bar
}

// MaxAuthors and MaxLargest bound the report's charts: the authors with
// the most articles, and the largest terms of each taxonomy.
const (
	MaxAuthors = 25
	MaxLargest = 15
)

// Write writes the report of in to w, comparing with last (nil for none).
func Write(w io.Writer, in Input, last *Snapshot) error {
	s := in.Site
	if s == nil {
		return errors.New("report: no site")
	}
	loc := s.Config.Location
	pg := page{Title: s.Config.Title, Made: in.Now.In(loc).Format("2 January 2006, 15:04"), Articles: len(s.Articles), Warnings: len(in.Warnings),
		Groups: Groups(in.Warnings), Expired: in.Expired}
	if n := len(s.Articles); n > 0 {
		pg.First = s.Articles[n-1].Date.In(loc).Format(time.DateOnly)
		pg.Last = s.Articles[0].Date.In(loc).Format(time.DateOnly)
	}
	var years []Bar
	for i := len(s.Years) - 1; i >= 0; i-- { // oldest first, as time runs
		y := s.Years[i]
		years = append(years, Bar{Label: fmt.Sprint(y.Year), Count: y.Count()})
	}
	pg.Years = bars(years)
	for _, t := range s.Taxonomies {
		pg.Taxonomies = append(pg.Taxonomies, Bar{Label: t.Title, Count: len(t.Terms)})
		top := t.ByCount[:min(len(t.ByCount), MaxLargest)]
		var list []Bar
		for _, term := range top {
			list = append(list, Bar{Label: term.Name, URL: term.URL, Count: term.Count()})
		}
		if t.Name == "authors" {
			all := t.ByCount[:min(len(t.ByCount), MaxAuthors)]
			for _, term := range all {
				pg.Authors = append(pg.Authors, Bar{Label: term.Name, URL: term.URL, Count: term.Count()})
			}
			pg.Authors = bars(pg.Authors)
			continue
		}
		if len(list) > 0 {
			pg.Largest = append(pg.Largest, largest{Title: t.Title, Terms: bars(list)})
		}
	}
	pg.Taxonomies = bars(pg.Taxonomies)
	pg.Changes = diff(last, Take(s, in.Now))
	if pg.Changes != nil {
		pg.SinceText = pg.Changes.Since.In(loc).Format("2 January 2006, 15:04")
	}
	return tmpl.Execute(w, pg)
}

// Folder is where a site's report is written unless told otherwise, and
// where it remembers the archive (made when missing): beside the
// caches, out of the published site, and never through a link out of
// the site.
func Folder(root string) (string, error) {
	dir, err := sitepath.MkdirInside(root, ".folio-cache")
	if err != nil {
		return "", fmt.Errorf(".folio-cache: %w", err)
	}
	return dir, nil
}

// Path is the report in the folder dir (see Folder).
func Path(dir string) string { return filepath.Join(dir, "report.html") }

// SnapshotPath is where the report remembers the archive in dir.
func SnapshotPath(dir string) string { return filepath.Join(dir, "report.json") }

// ID names a problem's anchor, so that a keeper can link to it.
func ID(p *diag.Problem) string {
	sum := sha256.Sum256([]byte(p.Error()))
	return "w-" + hex.EncodeToString(sum[:6])
}

var tmpl = template.Must(template.New("report").Funcs(template.FuncMap{"id": ID}).Parse(reportHTML))

const reportHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{ .Title }}: the archive's report</title>
<style>
:root { color-scheme: light dark; --bg: #fbfaf6; --text: #1c1b19; --muted: #5d5950; --rule: #d9d4c7; --bar: #8c2416; --surface: #f2efe7; }
@media (prefers-color-scheme: dark) { :root { --bg: #161514; --text: #e9e5dd; --muted: #aaa498; --rule: #3d3a35; --bar: #f0a08c; --surface: #221f1d; } }
body { margin: 0; background: var(--bg); color: var(--text); font: 1rem/1.5 system-ui, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
h1 { margin: 0 0 0.25rem; font-size: 1.75rem; }
h2 { margin: 2.5rem 0 0.75rem; padding-top: 1rem; border-top: 1px solid var(--rule); font-size: 1.25rem; }
h3 { margin: 1.5rem 0 0.5rem; font-size: 1rem; }
.muted, .advice { color: var(--muted); }
.numbers { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; margin: 1rem 0; padding: 0; list-style: none; }
.numbers strong { display: block; font-size: 1.6rem; font-variant-numeric: tabular-nums; }
.chart { display: grid; gap: 0.2rem; margin: 0; padding: 0; list-style: none; font-size: 0.875rem; }
.chart li { display: grid; grid-template-columns: minmax(6rem, 14rem) 1fr 4rem; gap: 0.6rem; align-items: center; }
.chart .bar { height: 0.75rem; background: var(--surface); border-radius: 2px; }
.chart .bar span { display: block; height: 100%; background: var(--bar); border-radius: 2px; }
.chart .n { text-align: right; font-variant-numeric: tabular-nums; }
.problems { margin: 0; padding-left: 1.25rem; font-size: 0.9375rem; }
.problems li { margin: 0.3rem 0; overflow-wrap: anywhere; }
.problems code { font-size: 0.875rem; }
details { margin: 0.5rem 0; }
summary { cursor: pointer; font-weight: 600; }
.columns { columns: 18rem 3; column-gap: 2rem; }
</style>
</head>
<body>
<main>
<h1>{{ .Title }}: the archive's report</h1>
<p class="muted">Made {{ .Made }} by folio. This page is not part of the published site.</p>

<h2 id="numbers">The archive in numbers</h2>
<ul class="numbers">
  <li><strong>{{ .Articles }}</strong> articles</li>
  {{- if .First }}<li><strong>{{ .First }}</strong> the oldest</li><li><strong>{{ .Last }}</strong> the newest</li>{{ end }}
  <li><strong>{{ .Warnings }}</strong> warnings</li>
  {{- with .Expired }}<li><strong>{{ len . }}</strong> past their expiry date</li>{{ end }}
</ul>
{{- with .Years }}
<h3>Articles a year</h3>
{{ template "chart" . }}
{{- end }}
{{- with .Authors }}
<h3>Articles by author (the {{ len . }} with the most)</h3>
{{ template "chart" . }}
{{- end }}
{{- with .Taxonomies }}
<h3>Terms a taxonomy</h3>
{{ template "chart" . }}
{{- end }}
{{- range .Largest }}
<h3>The largest of {{ .Title }}</h3>
{{ template "chart" .Terms }}
{{- end }}

<h2 id="warnings">Warnings, by kind</h2>
{{- if not .Groups }}
<p>The build warned of nothing.</p>
{{- end }}
{{- range .Groups }}
<details open>
  <summary>{{ .Kind }}: {{ len .Problems }}</summary>
  <p class="advice">{{ .Advice }}</p>
  <ol class="problems">
    {{- range .Problems }}
    <li id="{{ id . }}"><code>{{ .Path }}{{ if .Line }}:{{ .Line }}{{ end }}</code>{{ with .Field }} <em>{{ . }}</em>{{ end }}: {{ .Message }}</li>
    {{- end }}
  </ol>
</details>
{{- end }}
{{- with .Expired }}
<details>
  <summary>Past their expiry date, left out: {{ len . }}</summary>
  <ol class="problems columns">
    {{- range . }}
    <li><code>{{ . }}</code></li>
    {{- end }}
  </ol>
</details>
{{- end }}

<h2 id="changes">Since the last report</h2>
{{- with .Changes }}
<p class="muted">The last report was made {{ $.SinceText }}.</p>
{{- if not (or .Added .Removed .Changed .NewTerms .GoneTerms) }}
<p>Nothing changed.</p>
{{- end }}
{{- with .Added }}<details open><summary>Articles added: {{ len . }}</summary><ol class="problems columns">{{ range . }}<li><code>{{ . }}</code></li>{{ end }}</ol></details>{{ end }}
{{- with .Changed }}<details open><summary>Articles changed: {{ len . }}</summary><ol class="problems columns">{{ range . }}<li><code>{{ . }}</code></li>{{ end }}</ol></details>{{ end }}
{{- with .Removed }}<details open><summary>Articles gone: {{ len . }}</summary><ol class="problems columns">{{ range . }}<li><code>{{ . }}</code></li>{{ end }}</ol></details>{{ end }}
{{- with .NewTerms }}<details><summary>New names: {{ len . }}</summary><ol class="problems columns">{{ range . }}<li>{{ . }}</li>{{ end }}</ol></details>{{ end }}
{{- with .GoneTerms }}<details><summary>Names no longer used: {{ len . }}</summary><ol class="problems columns">{{ range . }}<li>{{ . }}</li>{{ end }}</ol></details>{{ end }}
{{- else }}
<p>This is the first report: the next one says what changed since this one.</p>
{{- end }}
</main>
</body>
</html>
{{- define "chart" }}
<ol class="chart">
  {{- range . }}
  <li><span>{{ .Label }}</span> <span class="bar" aria-hidden="true"><span style="width: {{ .Percent }}%"></span></span> <span class="n">{{ .Count }}</span></li>
  {{- end }}
</ol>
{{- end }}
`
