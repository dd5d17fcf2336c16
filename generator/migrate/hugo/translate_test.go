package hugo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/migrate"
	"folio/generator/shortcode"
)

// TestShortcodeTranslation: a shortcode folio can run is copied with the
// partials it calls (and those they call); one calling a partial folio's
// layouts have, or a missing one, or using what folio lacks, gets a
// stand-in keeping its inner text and Hugo's template, reported with its
// calls; a call of a shortcode nobody has gets one too.
func TestShortcodeTranslation(t *testing.T) {
	src := t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml": "title = 'T'\ntheme = 'th'\n",
		"content/news/2020/a.md": "---\ntitle: A\ndate: 2020-01-02\n---\nText.\n\n{{< bad >}}kept *text*{{< /bad >}}\n{{% bad %}}more{{% /bad %}}\n" +
			"{{< ok x >}} {{< clash >}} {{< comment >}}hidden{{< /comment >}} {{< nosuch >}} {{</* escaped */>}}\n",
		"content/news/2020/b.md":                     "---\ntitle: B\ndate: 2020-01-03\n---\n\n{{< bad >}}x{{< /bad >}}\n{{< bad >}}y{{< /bad >}}\n",
		"layouts/shortcodes/ok.html":                 "<b>{{ partial \"credit.html\" . }}</b>",
		"themes/th/layouts/partials/credit.html":     "{{ .Get 0 }}{{ partial \"inner/name\" (dict \"n\" 1) }}",
		"themes/th/layouts/partials/inner/name.html": "{{ .n }}{{ partial \"credit.html\" . }}",
		"layouts/shortcodes/clash.html":              "\n{{ partial \"header.html\" . }}",
		"themes/th/layouts/partials/header.html":     "<h1>{{ .Page.Title }}</h1>",
		"layouts/shortcodes/card.html":               "{{ partial \"card-body.html\" (dict \"Site\" .Site \"n\" 1) }}",
		"layouts/partials/card-body.html":            "{{ .n }}{{ .Site.Title }}{{ with .Site }}{{ .GetPage \"/x\" }}{{ end }}",
		"layouts/shortcodes/gone.html":               "{{ partialCached \"nowhere.html\" . }}",
		"themes/th/layouts/shortcodes/bad.html":      "{{/* a list */}}\n{{ range .Site.Pages }}{{ .Title }}{{ end }}{{ .Inner }}",
		"themes/th/layouts/shortcodes/ok.html":       "the theme's, which the site's replaces",
		"themes/th/layouts/shortcodes/quiet.html":    "{{ .Site.GetPage \"/x\" }}",
	})
	look := t.TempDir()
	write(t, look, map[string]string{"layouts/partials/header.html": "folio's header"})
	dest := t.TempDir()
	source, err := Open(src, migrate.Options{Look: look})
	if err != nil {
		t.Fatal(err)
	}
	sink, rep, err := migrate.NewWriter(src, dest, "Hugo")
	if err != nil {
		t.Fatal(err)
	}
	if err := source.Walk(sink); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil {
			t.Error(err)
		}
		return string(b)
	}
	for name, want := range map[string]string{
		"layouts/shortcodes/ok.html":        "<b>{{ partial \"credit.html\" . }}</b>",
		"layouts/_partials/credit.html":     "{{ .Get 0 }}{{ partial \"inner/name\" (dict \"n\" 1) }}",
		"layouts/_partials/inner/name.html": "{{ .n }}{{ partial \"credit.html\" . }}",
		"layouts/shortcodes/bad.html":       "{{- /* A stand-in written by folio's migrate: Hugo's shortcode bad uses .Site.Pages, which folio's shortcodes do not offer.\nUntil this file is rewritten, its calls show only their inner text. Hugo's template (themes/th/layouts/shortcodes/bad.html), with each comment end written *\\/:\n\n{{/* a list *\\/}}\n{{ range .Site.Pages }}{{ .Title }}{{ end }}{{ .Inner }}\n*/ -}}\n{{- .Inner -}}\n",
		"layouts/shortcodes/comment.html":   "{{- /* A stand-in written by folio's migrate: Hugo's shortcode comment is Hugo's built-in comment, which folio does not have.\nUntil this file is rewritten, its calls show nothing.\n*/ -}}\n{{- $hidden := .Inner -}}\n",
		"layouts/shortcodes/nosuch.html":    "{{- /* A stand-in written by folio's migrate: Hugo's shortcode nosuch has no template: neither the site, its themes nor folio has a shortcode of this name.\nUntil this file is rewritten, its calls show nothing.\n*/ -}}\n",
	} {
		if got := read(name); got != want {
			t.Errorf("%s:\n%s\nwant:\n%s", name, got, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "layouts/_partials/header.html")); err == nil {
		t.Error("the site's header.html replaced folio's")
	}
	want := []string{
		"hugo.toml: comment is Hugo's built-in comment, which folio does not have; called 1 time (content/news/2020/a.md:9); layouts/shortcodes/comment.html shows nothing until it is rewritten",
		"hugo.toml: nosuch has no template: neither the site, its themes nor folio has a shortcode of this name; called 1 time (content/news/2020/a.md:9); layouts/shortcodes/nosuch.html shows nothing until it is rewritten",
		"layouts/shortcodes/card.html:1: card calls partial \"card-body.html\" (which uses .Site.GetPage, which folio's shortcodes do not offer); not called by any page; layouts/shortcodes/card.html shows nothing until it is rewritten",
		"layouts/shortcodes/clash.html:2: clash calls partial \"header.html\" (folio's layouts have their own partial of this name); called 1 time (content/news/2020/a.md:9); layouts/shortcodes/clash.html shows nothing until it is rewritten",
		"layouts/shortcodes/gone.html:1: gone calls partial \"nowhere.html\" (not found in layouts/partials/); not called by any page; layouts/shortcodes/gone.html shows nothing until it is rewritten",
		"themes/th/layouts/shortcodes/bad.html:2: bad uses .Site.Pages, which folio's shortcodes do not offer; called 4 times (content/news/2020/a.md:7, content/news/2020/a.md:8, content/news/2020/b.md:6, …); layouts/shortcodes/bad.html shows only their inner text until it is rewritten",
		"themes/th/layouts/shortcodes/quiet.html:1: quiet uses .Site.GetPage, which folio's shortcodes do not offer; not called by any page; layouts/shortcodes/quiet.html shows nothing until it is rewritten",
	}
	got := rep.Lines(standInGroup)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("report:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rep.Counts[migrate.Shortcodes] != 1 || rep.Counts[migrate.Partials] != 2 || rep.Counts[migrate.StandIns] != 7 {
		t.Errorf("counts %v", rep.Counts)
	}

	// The stand-ins run in folio: a paired call shows its inner text.
	files := map[string]string{}
	for _, n := range []string{"bad", "comment", "nosuch", "clash", "gone", "quiet"} {
		files[n] = read("layouts/shortcodes/" + n + ".html")
	}
	if _, probs := shortcode.Parse(files, nil); len(probs) > 0 {
		t.Fatalf("the stand-ins do not parse: %v", probs)
	}
}
