package wordpress

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/generator/migrate"
)

// workersReader is Reader with the second pass on n workers.
func workersReader(n int) migrate.Reader {
	r := Reader()
	r.Open = func(src string, opts migrate.Options) (migrate.Source, error) {
		s, err := open(src, opts)
		if err != nil {
			return nil, err
		}
		s.(*source).workers = n
		return s, nil
	}
	return r
}

// manyItems writes an export of n posts whose bodies differ much in
// length, so that workers finish them out of order, with what makes the
// output depend on order: posts sharing a slug (the second is renamed),
// notes (unknown shortcodes, left-out statuses) and post types not
// migrated.
func manyItems(t *testing.T, n int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>T</title><link>https://ex.org</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://ex.org</wp:base_blog_url>
`)
	statuses := []string{"publish", "publish", "publish", "draft", "private", "trash"}
	types := []string{"post", "post", "post", "post", "page", "revision", "product"}
	for i := range n {
		body := strings.Repeat(fmt.Sprintf("Paragraph %d of <em>post</em> [note_%d]. See https://ex.org/2020/01/slug-%d/\n\n", i, i%5, i%9), 1+(i*7919)%40)
		fmt.Fprintf(&b, "<item><title>Post %d</title><link>https://ex.org/2020/01/slug-%d/</link><dc:creator>author%d</dc:creator><content:encoded><![CDATA[%s]]></content:encoded><wp:post_id>%d</wp:post_id><wp:post_date>2020-01-02 10:00:00</wp:post_date><wp:post_date_gmt>2020-01-02 10:00:00</wp:post_date_gmt><wp:post_name>slug-%d</wp:post_name><wp:status>%s</wp:status><wp:post_type>%s</wp:post_type></item>\n",
			i, i%97, i%3, body, i+1, i%97, statuses[i%len(statuses)], types[i%len(types)])
	}
	b.WriteString("</channel></rss>\n")
	p := filepath.Join(t.TempDir(), "export.xml")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// tree reads every file under dir, by slash-separated path.
func tree(t *testing.T, dir string) map[string]string {
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestParallelWalkSameOutput migrates exports with the second pass on
// one worker and on several: the new sites, MIGRATION.md included, are
// the same bytes.
func TestParallelWalkSameOutput(t *testing.T) {
	srcs := []string{filepath.Join("testdata", "site", "export.xml"), manyItems(t, 300)}
	wpi, _ := filepath.Glob(filepath.Join("testdata", "wpi", "*.xml"))
	srcs = append(srcs, wpi...)
	for _, src := range srcs {
		var sites [2]map[string]string
		var errs [2]error
		for k, n := range []int{1, 6} {
			dest := filepath.Join(t.TempDir(), "new")
			_, errs[k] = migrate.Run(src, dest, workersReader(n), migrate.Options{})
			if errs[k] == nil {
				sites[k] = tree(t, dest)
			}
		}
		if fmt.Sprint(errs[0]) != fmt.Sprint(errs[1]) {
			t.Errorf("%s: one worker: %v; six: %v", src, errs[0], errs[1])
			continue
		}
		if errs[0] != nil {
			continue // malformed: both fail alike
		}
		if len(sites[0]) < 2 {
			t.Errorf("%s: %d files written", src, len(sites[0]))
		}
		for name, want := range sites[0] {
			if got, ok := sites[1][name]; !ok || got != want {
				t.Errorf("%s: %s differs with six workers:\n%s\nwant:\n%s", src, name, got, want)
			}
		}
		for name := range sites[1] {
			if _, ok := sites[0][name]; !ok {
				t.Errorf("%s: %s written by six workers only", src, name)
			}
		}
	}
}
