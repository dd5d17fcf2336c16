package migrate

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"folio/generator/diag"
)

// Kind is a kind of thing that came across, counted in the report.
type Kind string

// The kinds counted, in the report's order.
const (
	Articles    Kind = "articles"
	Profiles    Kind = "profiles"
	Pages       Kind = "pages"
	Redirects   Kind = "redirects (old URLs kept working)"
	Shortcodes  Kind = "shortcode templates"
	Partials    Kind = "partial templates (called by shortcodes)"
	StandIns    Kind = "shortcode stand-ins (to rewrite)"
	StaticFiles Kind = "static files"
	DataFiles   Kind = "data files"
	Uploads     Kind = "uploaded files posts use (images, documents)"
	// Comments are readers' comments kept under their articles; only
	// tools that have them (WordPress) list them, even as 0.
	Comments Kind = "comments (archived, read-only)"
)

var kindOrder = []Kind{Articles, Profiles, Pages, Redirects, Shortcodes, Partials, StandIns, StaticFiles, DataFiles, Uploads, Comments}

// one is each kind's name for one thing.
var one = map[Kind]string{
	Articles: "article", Profiles: "profile", Pages: "page", Redirects: "redirect (old URL kept working)",
	Shortcodes: "shortcode template", Partials: "partial template (called by shortcodes)", StandIns: "shortcode stand-in (to rewrite)",
	StaticFiles: "static file", DataFiles: "data file", Uploads: "uploaded file posts use (images, documents)", Comments: "comment (archived, read-only)",
}

// count says n things of the kind: "1 article", "2 articles".
func (k Kind) count(n int) string {
	if n == 1 && one[k] != "" {
		return "1 " + one[k]
	}
	return fmt.Sprintf("%d %s", n, k)
}

// Item is one thing a person needs to look at after the migration.
type Item struct {
	// Group gathers items of one sort under one heading ("Shortcode
	// templates not translated").
	Group string
	// File is slash-separated, relative to the source site; Line is
	// 1-based, 0 when the whole file is meant.
	File string
	Line int
	What string
}

// String is the item as compilers write a problem: "file:line: what".
func (it Item) String() string {
	var b strings.Builder
	b.WriteString(diag.Name(it.File))
	if it.Line > 0 {
		fmt.Fprintf(&b, ":%d", it.Line)
	}
	b.WriteString(": ")
	b.WriteString(diag.Text(it.What))
	return b.String()
}

// Report is what came across and what needs a person.
type Report struct {
	Tool, Source, Dest string
	Counts             map[Kind]int
	groups             []string
	items              map[string][]Item
}

func newReport(tool string) *Report {
	return &Report{Tool: tool, Counts: map[Kind]int{}, items: map[string][]Item{}}
}

func (r *Report) add(it Item) {
	if _, ok := r.items[it.Group]; !ok {
		r.groups = append(r.groups, it.Group)
	}
	r.items[it.Group] = append(r.items[it.Group], it)
}

// Items returns the items of every group, groups in the order they first
// came, items by file and line.
func (r *Report) Items() map[string][]Item {
	for _, list := range r.items {
		slices.SortStableFunc(list, func(a, b Item) int {
			return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
		})
	}
	return r.items
}

// Groups returns the groups' names in the order they first came.
func (r *Report) Groups() []string { return r.groups }

// NeedsPerson is the number of items.
func (r *Report) NeedsPerson() int {
	n := 0
	for _, list := range r.items {
		n += len(list)
	}
	return n
}

func (r *Report) counts() string {
	var parts []string
	for _, k := range kindOrder {
		if n := r.Counts[k]; n > 0 {
			parts = append(parts, k.count(n))
		}
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, ", ")
}

// Lines are the items of the groups, in the groups' order, each as the
// report writes it ("file:line: what").
func (r *Report) Lines(groups ...string) []string {
	var out []string
	items := r.Items()
	for _, g := range groups {
		for _, it := range items[g] {
			out = append(out, it.String())
		}
	}
	return out
}

// Markdown is the report as DEST/MIGRATION.md.
func (r *Report) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Migration from %s\n\n", r.Tool)
	fmt.Fprintf(&b, "Source: %s\n\n## What came across\n\n", diag.Name(r.Source))
	for _, k := range kindOrder {
		if n, ok := r.Counts[k]; ok || k != Comments {
			fmt.Fprintf(&b, "- %s: %d\n", k, n)
		}
	}
	items := r.Items()
	fmt.Fprintf(&b, "\n## What needs a person (%d)\n", r.NeedsPerson())
	if len(r.groups) == 0 {
		b.WriteString("\nNothing.\n")
	}
	for _, g := range r.groups {
		fmt.Fprintf(&b, "\n### %s (%d)\n\n", diag.Text(g), len(items[g]))
		for _, it := range items[g] {
			fmt.Fprintf(&b, "- %s\n", escapeMarkdown(it.String()))
		}
	}
	return b.String()
}

// escapeMarkdown keeps a line's text as written when MIGRATION.md is
// shown as Markdown (names with _ or *, template text with {{ }}).
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#|", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Print writes the summary shown at the end of a migration: the counts,
// then each group with its first items.
func (r *Report) Print(w io.Writer) {
	const shown = 5
	article := "a"
	if r.Tool != "" && strings.ContainsRune("AEIOU", rune(r.Tool[0])) {
		article = "an" // an Eleventy site
	}
	fmt.Fprintf(w, "migrated %s %s site from %s into %s: %s\n", article, r.Tool, diag.Name(r.Source), diag.Name(r.Dest), r.counts())
	n := r.NeedsPerson()
	if n == 0 {
		fmt.Fprintln(w, "nothing needs a person")
		return
	}
	fmt.Fprintf(w, "%d %s need a person (all listed in %s):\n", n, plural(n, "item", "items"), diag.Name(r.Dest+"/MIGRATION.md"))
	items := r.Items()
	for _, g := range r.groups {
		list := items[g]
		fmt.Fprintf(w, "%s (%d):\n", diag.Text(g), len(list))
		for i, it := range list {
			if i == shown {
				fmt.Fprintf(w, "  … and %d more\n", len(list)-shown)
				break
			}
			fmt.Fprintf(w, "  %s\n", it)
		}
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
