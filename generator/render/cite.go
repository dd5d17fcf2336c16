package render

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"folio/generator/slug"
)

// Citation is how a reader or a reference manager cites an article: the
// parts (for the citation_* meta tags Google Scholar and Zotero read)
// and two ready forms, plain and BibTeX. The date of access is the
// reader's to add.
type Citation struct {
	Title   string
	Authors []string
	// Site is the site's title, where the article appeared (citation's
	// journal title).
	Site     string
	Date     time.Time
	URL      string // the article's permalink
	Language string
	// Plain is the citation as a reader copies it: Authors. "Title."
	// Site, date. URL.
	Plain string
	// BibTeX is an @article entry, keyed by the first author's last
	// name, the year and the slug's first word.
	BibTeX string
}

// Citation is the article's citation, nil on other pages:
// {{ with .Citation }}…{{ end }}.
func (d *Data) Citation() *Citation {
	a := d.Article
	if a == nil {
		return nil
	}
	c := &Citation{Title: a.Title, Site: d.Site.Title, Date: a.Date, URL: d.Permalink(), Language: d.Lang()}
	for _, t := range a.Authors() {
		c.Authors = append(c.Authors, t.Name)
	}
	when := a.Date
	if d.Site.loc != nil {
		when = when.In(d.Site.loc)
	}
	day := when.Format(dateLayout(d))
	var plain strings.Builder
	if len(c.Authors) > 0 {
		plain.WriteString(strings.TrimSuffix(joinNames(c.Authors), "."))
		plain.WriteString(". ")
	}
	fmt.Fprintf(&plain, "“%s.” %s, %s. %s", strings.TrimRight(c.Title, "."), c.Site, day, c.URL)
	c.Plain = plain.String()

	var b strings.Builder
	fmt.Fprintf(&b, "@article{%s,\n", bibKey(c.Authors, a.Date, a.Slug))
	if len(c.Authors) > 0 {
		fmt.Fprintf(&b, "  author  = {%s},\n", bibEscape(strings.Join(c.Authors, " and ")))
	}
	fmt.Fprintf(&b, "  title   = {{%s}},\n", bibEscape(c.Title))
	fmt.Fprintf(&b, "  journal = {%s},\n", bibEscape(c.Site))
	fmt.Fprintf(&b, "  year    = {%d},\n", a.Date.Year())
	fmt.Fprintf(&b, "  month   = %s,\n", strings.ToLower(a.Date.Month().String()[:3]))
	fmt.Fprintf(&b, "  date    = {%s},\n", a.Date.Format(time.DateOnly))
	fmt.Fprintf(&b, "  url     = {%s}\n}", c.URL)
	c.BibTeX = b.String()
	return c
}

// PublicationDate is the date as the citation_publication_date meta tag
// takes it: 2024/07/22.
func (c *Citation) PublicationDate() string { return c.Date.Format("2006/01/02") }

// dateLayout is the site's date format for readers.
func dateLayout(d *Data) string {
	if d.Site.dateFormat != "" {
		return d.Site.dateFormat
	}
	return "2 January 2006"
}

// joinNames lists names as a sentence does: "A", "A and B", "A, B and C".
func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// bibKey makes an entry key of letters and digits alone: the first
// author's last name (or "article"), the year, the slug's first word.
func bibKey(authors []string, date time.Time, articleSlug string) string {
	name := "article"
	if len(authors) > 0 {
		if f := strings.Fields(authors[0]); len(f) > 0 {
			name = f[len(f)-1]
		}
	}
	word, _, _ := strings.Cut(articleSlug, "-")
	var b strings.Builder
	for _, r := range slug.Make(name) + fmt.Sprint(date.Year()) + word {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// bibEscape escapes what TeX reads as commands in a field's text, and
// the braces that would end the field.
func bibEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '{', '}', '%', '&', '$', '#', '_':
			b.WriteRune('\\')
			b.WriteRune(r)
		case '^':
			b.WriteString(`\^{}`)
		case '~':
			b.WriteString(`\~{}`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
