// Command wxrgen writes a deterministic WordPress export (WXR 1.2) of N
// posts, for measuring `migrate` on WordPress archives of any size: a
// real export of 100,000 posts is not public. Posts have the parts real
// exports have: authors, categories and tags, a featured image (an
// attachment item and _thumbnail_id), Gutenberg blocks, a [caption] and
// a [gallery], an embed, links to other posts, and statuses other than
// publish (drafts, private posts, revisions), plus pages.
//
//	go run ./generator/bench/wxrgen -n 100000 -out export.xml
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	n := flag.Int("n", 1000, "posts")
	out := flag.String("out", "export.xml", "the file to write")
	paras := flag.Int("paragraphs", 24, "paragraphs a post (24 make about 10 KB, so 100,000 posts about 1 GB, as real exports run)")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	write(w, *n, *paras)
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// rng is splitmix64: the same n gives the same file everywhere.
type rng uint64

func (r *rng) next() uint64 {
	*r += 0x9e3779b97f4a7c15
	z := uint64(*r)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *rng) pick(list []string) string { return list[r.next()%uint64(len(list))] }

var (
	words   = []string{"council", "budget", "harbour", "election", "archive", "minister", "river", "school", "court", "market", "bridge", "festival", "hospital", "treaty", "museum", "railway", "strike", "storm", "library", "report"}
	authors = []string{"jdoe", "asmith", "mkowalska", "tnguyen", "obrien", "lgarcia", "hkim", "pmuller"}
	cats    = []string{"News", "Politics", "Culture", "Business", "Science", "Sport", "Opinion", "Local"}
	tags    = []string{"Elections", "Climate", "Housing", "Transport", "Health", "Education", "Courts", "Energy", "Budget", "Arts", "Water", "Jobs"}
)

const header = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>The Generated Gazette</title>
	<link>https://gazette.example.org</link>
	<description>A generated archive</description>
	<language>en-GB</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://gazette.example.org</wp:base_site_url>
	<wp:base_blog_url>https://gazette.example.org</wp:base_blog_url>
`

func write(w *bufio.Writer, n, paras int) {
	r := rng(1)
	w.WriteString(header)
	for i, a := range authors {
		fmt.Fprintf(w, "\t<wp:author><wp:author_id>%d</wp:author_id><wp:author_login><![CDATA[%s]]></wp:author_login><wp:author_email><![CDATA[%s@example.org]]></wp:author_email><wp:author_display_name><![CDATA[%s Writer]]></wp:author_display_name><wp:author_first_name><![CDATA[%s]]></wp:author_first_name><wp:author_last_name><![CDATA[Writer]]></wp:author_last_name></wp:author>\n", i+1, a, a, a, a)
	}
	for i, c := range cats {
		fmt.Fprintf(w, "\t<wp:category><wp:term_id>%d</wp:term_id><wp:category_nicename><![CDATA[%s]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[%s]]></wp:cat_name></wp:category>\n", 100+i, slug(c), c)
	}
	for i, t := range tags {
		fmt.Fprintf(w, "\t<wp:tag><wp:term_id>%d</wp:term_id><wp:tag_slug><![CDATA[%s]]></wp:tag_slug><wp:tag_name><![CDATA[%s]]></wp:tag_name></wp:tag>\n", 200+i, slug(t), t)
	}
	start := time.Date(2005, 1, 1, 8, 0, 0, 0, time.UTC)
	span := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Sub(start)
	id := 1000
	for p := 0; p < n; p++ {
		date := start.Add(time.Duration(uint64(span) / uint64(n) * uint64(p)))
		title := fmt.Sprintf("%s %s: the %s of %s", cap(r.pick(words)), r.pick(words), r.pick(words), r.pick(words))
		name := fmt.Sprintf("%s-%d", slug(title), p)
		status := "publish"
		switch r.next() % 50 {
		case 0:
			status = "draft"
		case 1:
			status = "private"
		}
		img := id + 1
		// The featured image, an attachment of the post.
		fmt.Fprintf(w, "\t<item><title>photo-%d</title><link>https://gazette.example.org/?attachment_id=%d</link><wp:post_id>%d</wp:post_id><wp:post_date><![CDATA[%s]]></wp:post_date><wp:post_date_gmt><![CDATA[%s]]></wp:post_date_gmt><wp:post_name><![CDATA[photo-%d]]></wp:post_name><wp:status><![CDATA[inherit]]></wp:status><wp:post_parent>%d</wp:post_parent><wp:post_type><![CDATA[attachment]]></wp:post_type><excerpt:encoded><![CDATA[A caption for photo %d]]></excerpt:encoded><content:encoded><![CDATA[]]></content:encoded><wp:attachment_url><![CDATA[https://gazette.example.org/wp-content/uploads/%04d/%02d/photo-%d.jpg]]></wp:attachment_url><wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[Photo %d of the %s]]></wp:meta_value></wp:postmeta></item>\n",
			p, img, img, wpDate(date), wpDate(date), p, id, p, date.Year(), date.Month(), p, p, r.pick(words))
		link := fmt.Sprintf("https://gazette.example.org/%04d/%02d/%02d/%s/", date.Year(), date.Month(), date.Day(), name)
		fmt.Fprintf(w, "\t<item>\n\t\t<title><![CDATA[%s]]></title>\n\t\t<link>%s</link>\n\t\t<dc:creator><![CDATA[%s]]></dc:creator>\n\t\t<guid isPermaLink=\"false\">https://gazette.example.org/?p=%d</guid>\n", title, link, r.pick(authors), id)
		fmt.Fprintf(w, "\t\t<content:encoded><![CDATA[%s]]></content:encoded>\n", body(&r, p, img, paras))
		fmt.Fprintf(w, "\t\t<excerpt:encoded><![CDATA[The %s and the %s, in brief.]]></excerpt:encoded>\n", r.pick(words), r.pick(words))
		fmt.Fprintf(w, "\t\t<wp:post_id>%d</wp:post_id>\n\t\t<wp:post_date><![CDATA[%s]]></wp:post_date>\n\t\t<wp:post_date_gmt><![CDATA[%s]]></wp:post_date_gmt>\n\t\t<wp:post_name><![CDATA[%s]]></wp:post_name>\n\t\t<wp:status><![CDATA[%s]]></wp:status>\n\t\t<wp:post_parent>0</wp:post_parent>\n\t\t<wp:post_type><![CDATA[post]]></wp:post_type>\n\t\t<wp:post_password><![CDATA[]]></wp:post_password>\n\t\t<wp:is_sticky>0</wp:is_sticky>\n",
			id, wpDate(date), wpDate(date), name, status)
		c := r.pick(cats)
		fmt.Fprintf(w, "\t\t<category domain=\"category\" nicename=\"%s\"><![CDATA[%s]]></category>\n", slug(c), c)
		for k := uint64(0); k < 1+r.next()%3; k++ {
			t := r.pick(tags)
			fmt.Fprintf(w, "\t\t<category domain=\"post_tag\" nicename=\"%s\"><![CDATA[%s]]></category>\n", slug(t), t)
		}
		fmt.Fprintf(w, "\t\t<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[%d]]></wp:meta_value></wp:postmeta>\n\t</item>\n", img)
		if r.next()%20 == 0 {
			// A revision, which a migration leaves out.
			fmt.Fprintf(w, "\t<item><title><![CDATA[%s]]></title><link>https://gazette.example.org/?p=%d</link><wp:post_id>%d</wp:post_id><wp:post_date><![CDATA[%s]]></wp:post_date><wp:post_name><![CDATA[%d-revision-v1]]></wp:post_name><wp:status><![CDATA[inherit]]></wp:status><wp:post_parent>%d</wp:post_parent><wp:post_type><![CDATA[revision]]></wp:post_type><content:encoded><![CDATA[An older text.]]></content:encoded></item>\n",
				title, id+2, id+2, wpDate(date), id, id)
		}
		id += 3
	}
	for i, title := range []string{"About", "Contact", "Corrections policy"} {
		fmt.Fprintf(w, "\t<item><title><![CDATA[%s]]></title><link>https://gazette.example.org/%s/</link><dc:creator><![CDATA[jdoe]]></dc:creator><content:encoded><![CDATA[<!-- wp:paragraph -->\n<p>The %s page.</p>\n<!-- /wp:paragraph -->]]></content:encoded><wp:post_id>%d</wp:post_id><wp:post_date><![CDATA[2005-01-01 00:00:00]]></wp:post_date><wp:post_date_gmt><![CDATA[2005-01-01 00:00:00]]></wp:post_date_gmt><wp:post_name><![CDATA[%s]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_parent>0</wp:post_parent><wp:post_type><![CDATA[page]]></wp:post_type></item>\n",
			title, slug(title), title, 10+i, slug(title))
	}
	w.WriteString("</channel>\n</rss>\n")
}

// body is a post's content as the block editor stores it, with a classic
// [caption] and [gallery] and a link to an earlier post.
func body(r *rng, p, img, paras int) string {
	var b []byte
	for k := 0; k < paras; k++ {
		b = fmt.Appendf(b, "<!-- wp:paragraph -->\n<p>The %s said the %s would meet the %s on the %s, after the %s of the %s had been put to the %s. Residents of the %s asked about the %s.</p>\n<!-- /wp:paragraph -->\n\n",
			r.pick(words), r.pick(words), r.pick(words), r.pick(words), r.pick(words), r.pick(words), r.pick(words), r.pick(words), r.pick(words))
		if k == 1 {
			b = fmt.Appendf(b, "[caption id=\"attachment_%d\" align=\"alignnone\" width=\"640\"]<img src=\"https://gazette.example.org/wp-content/uploads/photo-%d-640x480.jpg\" alt=\"Photo %d\" width=\"640\" height=\"480\" /> The %s at dawn[/caption]\n\n", img, p, p, r.pick(words))
		}
		if k == 3 && p > 0 {
			b = fmt.Appendf(b, "<!-- wp:paragraph -->\n<p>See also <a href=\"https://gazette.example.org/?p=%d\">our earlier report</a>.</p>\n<!-- /wp:paragraph -->\n\n", 1000+3*(p-1))
		}
		if k == 4 && p%10 == 0 {
			b = fmt.Appendf(b, "<!-- wp:embed {\"url\":\"https://www.youtube.com/watch?v=dQw4w9WgXc%d\",\"type\":\"video\",\"providerNameSlug\":\"youtube\"} -->\n<figure class=\"wp-block-embed is-type-video is-provider-youtube\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=dQw4w9WgXc%d\n</div></figure>\n<!-- /wp:embed -->\n\n", p%10, p%10)
		}
	}
	if p%7 == 0 {
		b = fmt.Appendf(b, "[gallery ids=\"%d\"]\n", img)
	}
	return string(b)
}

func wpDate(t time.Time) string { return t.Format("2006-01-02 15:04:05") }

func cap(s string) string { return string(s[0]-'a'+'A') + s[1:] }

func slug(s string) string {
	var b []byte
	dash := false
	for _, c := range []byte(s) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b, dash = append(b, c), false
		case c >= 'A' && c <= 'Z':
			b, dash = append(b, c-'A'+'a'), false
		case !dash && len(b) > 0:
			b, dash = append(b, '-'), true
		}
	}
	if dash {
		b = b[:len(b)-1]
	}
	return string(b)
}
