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

// manyLinks writes an export of n posts linking to uploads and holding
// approved comments, with an uploads folder beside it: posts share files,
// some missing from the folder, one a link leaving it, so that what is
// copied, rewritten and reported depends on the order of the posts.
func manyLinks(t *testing.T, n int) (export, dir string) {
	root := t.TempDir()
	dir = filepath.Join(root, "uploads")
	if err := os.MkdirAll(filepath.Join(dir, "2020", "01"), 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		if i%4 == 3 {
			continue // missing
		}
		os.WriteFile(filepath.Join(dir, "2020", "01", fmt.Sprintf("img-%d.jpg", i)), []byte(fmt.Sprint("image ", i)), 0o644)
	}
	os.WriteFile(filepath.Join(root, "outside.jpg"), []byte("not to be copied"), 0o644)
	if err := os.Symlink(filepath.Join(root, "outside.jpg"), filepath.Join(dir, "2020", "01", "img-12.jpg")); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>T</title><link>https://ex.org</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://ex.org</wp:base_blog_url>
`)
	for i := range n {
		body := strings.Repeat(fmt.Sprintf("Text %d with <img src=\"https://ex.org/wp-content/uploads/2020/01/img-%d.jpg\"> and <a href=\"https://ex.org/wp-content/uploads/2020/01/img-%d-300x200.jpg\">a size</a>.\n\n", i, (i*7)%13, (i*5)%13), 1+(i*7919)%30)
		var comments strings.Builder
		for c := range i % 3 {
			fmt.Fprintf(&comments, "<wp:comment><wp:comment_id>%d</wp:comment_id><wp:comment_author>Reader %d</wp:comment_author><wp:comment_date>2020-01-03 10:0%d:00</wp:comment_date><wp:comment_content>Comment %d on %d</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>", i*10+c, c, c, c, i)
		}
		typ := "post"
		if i%5 == 4 {
			typ = "page"
		}
		fmt.Fprintf(&b, "<item><title>Post %d</title><link>https://ex.org/2020/01/slug-%d/</link><dc:creator>author</dc:creator><content:encoded><![CDATA[%s]]></content:encoded><wp:post_id>%d</wp:post_id><wp:post_date>2020-01-02 10:00:00</wp:post_date><wp:post_date_gmt>2020-01-02 10:00:00</wp:post_date_gmt><wp:post_name>slug-%d</wp:post_name><wp:status>publish</wp:status><wp:post_type>%s</wp:post_type>%s</item>\n",
			i, i, body, i+1, i, typ, comments.String())
	}
	b.WriteString("</channel></rss>\n")
	export = filepath.Join(root, "export.xml")
	if err := os.WriteFile(export, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return export, dir
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
// the same bytes, with and without -uploads and -comments, whose copies,
// notes and counts are shared by the items.
func TestParallelWalkSameOutput(t *testing.T) {
	type run struct {
		src  string
		opts migrate.Options
	}
	runs := []run{{src: filepath.Join("testdata", "site", "export.xml")}, {src: manyItems(t, 300)}}
	wpi, _ := filepath.Glob(filepath.Join("testdata", "wpi", "*.xml"))
	for _, src := range wpi {
		runs = append(runs, run{src: src})
	}
	links, linksDir := manyLinks(t, 300)
	for _, src := range []string{filepath.Join("testdata", "uploads", "export.xml"), filepath.Join("testdata", "comments", "export.xml"), links} {
		dir := linksDir
		if src != links {
			dir = uploadsDir(t)
		}
		runs = append(runs, run{src: src}, run{src: src, opts: migrate.Options{Comments: true}},
			run{src: src, opts: migrate.Options{Uploads: dir}}, run{src: src, opts: migrate.Options{Uploads: dir, Comments: true}})
	}
	for _, r := range runs {
		name := fmt.Sprintf("%s (-uploads %t, -comments %t)", r.src, r.opts.Uploads != "", r.opts.Comments)
		var sites [2]map[string]string
		var errs [2]error
		for k, n := range []int{1, 6} {
			dest := filepath.Join(t.TempDir(), "new")
			_, errs[k] = migrate.Run(r.src, dest, workersReader(n), r.opts)
			if errs[k] == nil {
				sites[k] = tree(t, dest)
			}
		}
		if fmt.Sprint(errs[0]) != fmt.Sprint(errs[1]) {
			t.Errorf("%s: one worker: %v; six: %v", name, errs[0], errs[1])
			continue
		}
		if errs[0] != nil {
			continue // malformed: both fail alike
		}
		if len(sites[0]) < 2 {
			t.Errorf("%s: %d files written", name, len(sites[0]))
		}
		for file, want := range sites[0] {
			if got, ok := sites[1][file]; !ok || got != want {
				t.Errorf("%s: %s differs with six workers:\n%s\nwant:\n%s", name, file, got, want)
			}
		}
		for file := range sites[1] {
			if _, ok := sites[0][file]; !ok {
				t.Errorf("%s: %s written by six workers only", name, file)
			}
		}
	}
}
