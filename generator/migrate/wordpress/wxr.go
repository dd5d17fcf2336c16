package wordpress

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

// Channel is what the export says of the site.
type Channel struct {
	Title, Link, Description, Language string
	Version                            string // wp:wxr_version
	BaseSiteURL, BaseBlogURL           string
}

// Author is one wp:author.
type Author struct {
	ID, Login, Email, DisplayName, FirstName, LastName, Description string
}

// Term is a wp:category, wp:tag or wp:term; Taxonomy is category,
// post_tag or the term's own.
type Term struct {
	ID, Taxonomy, Slug, Parent, Name, Description string
}

// Cat is one <category> of an item: Domain is its taxonomy.
type Cat struct {
	Domain, Nicename, Name string
}

// Meta is one wp:postmeta.
type Meta struct {
	Key, Value string
}

// Comment is one wp:comment.
type Comment struct {
	ID, Author, AuthorURL, Date, DateGMT, Content, Approved, Type, Parent string
}

// Item is one post, page, attachment or other post type.
type Item struct {
	// Line is the line of the <item> tag in the export.
	Line                                          int
	Title, Link, PubDate, Creator, GUID           string
	Description, Content, Excerpt                 string
	ID, PostDate, PostDateGMT, Name, Status, Type string
	Parent, Password, AttachmentURL, MenuOrder    string
	Sticky                                        bool
	Categories                                    []Cat
	Meta                                          []Meta
	Comments                                      []Comment
}

// MetaValue returns the value of the postmeta key, "" when absent.
func (it *Item) MetaValue(key string) string {
	for _, m := range it.Meta {
		if m.Key == key {
			return m.Value
		}
	}
	return ""
}

// Handler receives what Parse reads, in the export's order. Channel is
// called once, before the first author, term or item (or at the end of an
// export having none). A nil function skips that kind.
type Handler struct {
	Channel func(*Channel) error
	Author  func(*Author) error
	Term    func(*Term) error
	Item    func(*Item) error
	// SkipContent leaves the items' content:encoded unread (empty), for
	// a pass that does not need the bodies, most of an export's bytes.
	SkipContent bool
}

// Namespaces are told by their URI, never their prefix: exports of
// different versions bind wp: to .../export/1.0/, 1.1/ or 1.2/, and a
// hand-edited file may choose other prefixes.
const (
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsWP      = "http://wordpress.org/export/"
	// nsWPS is the same over https, as WordPress's theme unit test data
	// writes it.
	nsWPS = "https://wordpress.org/export/"
)

// key names an element as WordPress's documentation does ("wp:post_id",
// "excerpt:encoded", "title") whatever prefix the file bound.
func key(n xml.Name) string {
	wp := strings.HasPrefix(n.Space, nsWP) || strings.HasPrefix(n.Space, nsWPS)
	switch {
	case n.Space == "":
		return n.Local
	case wp && strings.HasSuffix(n.Space, "/excerpt/"):
		return "excerpt:" + n.Local
	case wp:
		return "wp:" + n.Local
	case n.Space == nsContent:
		return "content:" + n.Local
	case n.Space == nsDC:
		return "dc:" + n.Local
	}
	return n.Space + ":" + n.Local
}

// parser reads one export token by token, keeping only the element being
// read in memory.
type parser struct {
	name string
	d    *xml.Decoder
	h    Handler
	ch   Channel
	sent bool
	// kept, when the export is read through newBodyKeeper, holds the
	// bodies the decoder did not see.
	kept *bodySkipper
}

// Parse reads the export r, named name in errors, and hands its parts
// to h. The file is streamed: only one item is held at a time.
func Parse(r io.Reader, name string, h Handler) error {
	d := xml.NewDecoder(r)
	d.CharsetReader = charset.NewReaderLabel
	// HTML entities (&nbsp;) appear in hand-made and plugin-made exports
	// outside CDATA; WordPress's own importer accepts them.
	d.Entity = xml.HTMLEntity
	p := &parser{name: name, d: d, h: h}
	if s, ok := r.(*bodySkipper); ok && s.keep {
		p.kept = s
	}
	return p.run()
}

func (p *parser) errorf(format string, args ...any) error {
	line, _ := p.d.InputPos()
	return fmt.Errorf("%s:%d: %s", p.name, line, fmt.Sprintf(format, args...))
}

// wrap turns a decoder error into one naming the file and line.
func (p *parser) wrap(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%s:%d: not a well-formed WordPress export: %s", p.name, se.Line, se.Msg)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return p.errorf("the export ends in the middle of an element: is the file complete?")
	}
	return fmt.Errorf("%s: %w", p.name, err)
}

func (p *parser) run() error {
	sawRSS, sawChannel := false, false
	for {
		tok, err := p.d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return p.wrap(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch k := key(se.Name); {
		case k == "rss" && !sawRSS:
			sawRSS = true
		case k == "channel" && sawRSS:
			sawChannel = true
			if err := p.channel(); err != nil {
				return err
			}
		case !sawRSS:
			return p.errorf("not a WordPress export: the document is <%s>, not <rss>", se.Name.Local)
		default:
			if err := p.d.Skip(); err != nil {
				return p.wrap(err)
			}
		}
	}
	if !sawChannel {
		return fmt.Errorf("%s: not a WordPress export: no <rss><channel>", p.name)
	}
	return nil
}

// sendChannel hands the channel over before the first thing that may
// depend on it.
func (p *parser) sendChannel() error {
	if p.sent {
		return nil
	}
	p.sent = true
	if p.ch.Version == "" {
		return fmt.Errorf("%s: not a WordPress export: no wp:wxr_version in the channel before its first author, term or item", p.name)
	}
	if p.h.Channel != nil {
		return p.h.Channel(&p.ch)
	}
	return nil
}

func (p *parser) channel() error {
	for {
		tok, err := p.d.Token()
		if err != nil {
			return p.wrap(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return p.sendChannel()
		case xml.StartElement:
			var err error
			switch key(t.Name) {
			case "title":
				p.ch.Title, err = p.text()
			case "link":
				p.ch.Link, err = p.text()
			case "description":
				p.ch.Description, err = p.text()
			case "language":
				p.ch.Language, err = p.text()
			case "wp:wxr_version":
				if p.ch.Version, err = p.text(); err == nil {
					switch strings.TrimSpace(p.ch.Version) {
					case "1.0", "1.1", "1.2":
					default:
						return p.errorf("wp:wxr_version %q: folio reads WordPress exports of versions 1.0 to 1.2", p.ch.Version)
					}
				}
			case "wp:base_site_url":
				p.ch.BaseSiteURL, err = p.text()
			case "wp:base_blog_url":
				p.ch.BaseBlogURL, err = p.text()
			case "wp:author":
				err = p.author()
			case "wp:category", "wp:tag", "wp:term":
				err = p.term(key(t.Name))
			case "item":
				err = p.item()
			default:
				err = p.d.Skip()
				if err != nil {
					err = p.wrap(err)
				}
			}
			if err != nil {
				return err
			}
		}
	}
}

// text reads the character data (text and CDATA sections, however many)
// up to the end of the current element; child elements are skipped.
func (p *parser) text() (string, error) {
	var b strings.Builder
	// A body kept aside is the text of the CDATA section opening where
	// the element's text does, kept by the time the decoder has read it.
	at := p.d.InputOffset()
	for first := true; ; first = false {
		tok, err := p.d.Token()
		if err != nil {
			return "", p.wrap(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			if first && p.kept != nil {
				if body, ok := p.kept.take(at); ok {
					b.WriteString(body)
					continue
				}
			}
			b.Write(t)
		case xml.StartElement:
			if err := p.d.Skip(); err != nil {
				return "", p.wrap(err)
			}
		case xml.EndElement:
			return b.String(), nil
		}
	}
}

// fields reads the simple children of the current element as key →
// text, calling sub for those it handles itself.
func (p *parser) fields(sub func(k string, se xml.StartElement) (bool, error), set func(k, v string)) error {
	for {
		tok, err := p.d.Token()
		if err != nil {
			return p.wrap(err)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			k := key(t.Name)
			if sub != nil {
				done, err := sub(k, t)
				if err != nil {
					return err
				}
				if done {
					continue
				}
			}
			v, err := p.text()
			if err != nil {
				return err
			}
			set(k, v)
		}
	}
}

func (p *parser) author() error {
	if err := p.sendChannel(); err != nil {
		return err
	}
	var a Author
	err := p.fields(nil, func(k, v string) {
		switch k {
		case "wp:author_id":
			a.ID = strings.TrimSpace(v)
		case "wp:author_login":
			a.Login = strings.TrimSpace(v)
		case "wp:author_email":
			a.Email = v
		case "wp:author_display_name":
			a.DisplayName = v
		case "wp:author_first_name":
			a.FirstName = v
		case "wp:author_last_name":
			a.LastName = v
		case "wp:author_description":
			a.Description = v
		}
	})
	if err != nil || p.h.Author == nil {
		return err
	}
	return p.h.Author(&a)
}

func (p *parser) term(kind string) error {
	if err := p.sendChannel(); err != nil {
		return err
	}
	t := Term{Taxonomy: map[string]string{"wp:category": "category", "wp:tag": "post_tag"}[kind]}
	err := p.fields(nil, func(k, v string) {
		switch k {
		case "wp:term_id":
			t.ID = strings.TrimSpace(v)
		case "wp:term_taxonomy":
			t.Taxonomy = strings.TrimSpace(v)
		case "wp:category_nicename", "wp:tag_slug", "wp:term_slug":
			t.Slug = strings.TrimSpace(v)
		case "wp:category_parent", "wp:term_parent":
			t.Parent = strings.TrimSpace(v)
		case "wp:cat_name", "wp:tag_name", "wp:term_name":
			t.Name = v
		case "wp:category_description", "wp:tag_description", "wp:term_description":
			t.Description = v
		}
	})
	if err != nil || p.h.Term == nil {
		return err
	}
	return p.h.Term(&t)
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (p *parser) item() error {
	if err := p.sendChannel(); err != nil {
		return err
	}
	line, _ := p.d.InputPos()
	it := Item{Line: line}
	sub := func(k string, se xml.StartElement) (bool, error) {
		switch k {
		case "content:encoded":
			if !p.h.SkipContent {
				return false, nil
			}
			if err := p.d.Skip(); err != nil {
				return true, p.wrap(err)
			}
			return true, nil
		case "category":
			name, err := p.text()
			if err != nil {
				return true, err
			}
			it.Categories = append(it.Categories, Cat{Domain: attr(se, "domain"), Nicename: attr(se, "nicename"), Name: name})
			return true, nil
		case "wp:postmeta":
			var m Meta
			err := p.fields(nil, func(k, v string) {
				switch k {
				case "wp:meta_key":
					m.Key = v
				case "wp:meta_value":
					m.Value = v
				}
			})
			it.Meta = append(it.Meta, m)
			return true, err
		case "wp:comment":
			var c Comment
			err := p.fields(func(k string, _ xml.StartElement) (bool, error) {
				if k == "wp:commentmeta" {
					return true, p.d.Skip()
				}
				return false, nil
			}, func(k, v string) {
				switch k {
				case "wp:comment_id":
					c.ID = strings.TrimSpace(v)
				case "wp:comment_author":
					c.Author = v
				case "wp:comment_author_url":
					c.AuthorURL = v
				case "wp:comment_date":
					c.Date = v
				case "wp:comment_date_gmt":
					c.DateGMT = v
				case "wp:comment_content":
					c.Content = v
				case "wp:comment_approved":
					c.Approved = strings.TrimSpace(v)
				case "wp:comment_type":
					c.Type = v
				case "wp:comment_parent":
					c.Parent = strings.TrimSpace(v)
				}
			})
			it.Comments = append(it.Comments, c)
			return true, err
		}
		return false, nil
	}
	err := p.fields(sub, func(k, v string) {
		switch k {
		case "title":
			it.Title = v
		case "link":
			it.Link = strings.TrimSpace(v)
		case "pubDate":
			it.PubDate = v
		case "dc:creator":
			it.Creator = strings.TrimSpace(v)
		case "guid":
			it.GUID = v
		case "description":
			it.Description = v
		case "content:encoded":
			it.Content = v
		case "excerpt:encoded":
			it.Excerpt = v
		case "wp:post_id":
			it.ID = strings.TrimSpace(v)
		case "wp:post_date":
			it.PostDate = strings.TrimSpace(v)
		case "wp:post_date_gmt":
			it.PostDateGMT = strings.TrimSpace(v)
		case "wp:post_name":
			it.Name = strings.TrimSpace(v)
		case "wp:status":
			it.Status = strings.TrimSpace(v)
		case "wp:post_parent":
			it.Parent = strings.TrimSpace(v)
		case "wp:post_type":
			it.Type = strings.TrimSpace(v)
		case "wp:post_password":
			it.Password = v
		case "wp:is_sticky":
			it.Sticky = strings.TrimSpace(v) == "1"
		case "wp:attachment_url":
			it.AttachmentURL = strings.TrimSpace(v)
		case "wp:menu_order":
			it.MenuOrder = strings.TrimSpace(v)
		}
	})
	if err != nil || p.h.Item == nil {
		return err
	}
	return p.h.Item(&it)
}
