package create

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"folio/generator/config"
	"folio/generator/content"
	"folio/generator/words"
)

// Known are the names an archive already has, by taxonomy: its terms'
// names and its profiles' names and aliases, each mapped to the name the
// archive uses (an alias to its profile's name).
type Known map[string]map[string]string

// Imported is an article taken from a raw text or HTML file.
type Imported struct {
	Title      string
	Paragraphs []string // Markdown blocks
	// Terms are the known names of each taxonomy found in the text, in
	// the order they first appear.
	Terms map[string][]string
	// Suggested are capitalised runs of two or more words found in the
	// text that the archive does not know yet, for a person to review.
	Suggested []string
}

// KnownNames reads the archive at root for the names of its people,
// places and every other taxonomy but authors: its articles' terms, and
// its profiles' names and aliases (an alias stands for its profile's name).
func KnownNames(root string, cfg *config.Config) (Known, error) {
	p := content.NewParser(cfg)
	known := Known{}
	add := func(tax, spelling, name string) {
		if tax == "authors" {
			return // the byline is the -author flag's
		}
		if known[tax] == nil {
			known[tax] = map[string]string{}
		}
		known[tax][spelling] = name
	}
	files, err := content.Files(root)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	articles, _ := p.LoadAll(root, files) // an article that does not parse names nothing
	for _, a := range articles {
		if a == nil {
			continue
		}
		for tax, names := range a.Terms {
			for _, n := range names {
				add(tax, n, n)
			}
		}
	}
	profileFiles, _, err := content.ProfileFiles(root, cfg.Taxonomies)
	if err != nil {
		return nil, err
	}
	profiles, _ := p.LoadProfiles(root, profileFiles)
	for _, pr := range profiles {
		if pr == nil || pr.Name == "" {
			continue
		}
		add(pr.Taxonomy, pr.Name, pr.Name)
		for _, alias := range pr.Aliases {
			add(pr.Taxonomy, alias, pr.Name)
		}
	}
	return known, nil
}

// Import writes the article in src (raw text, or a saved web page when it
// looks like HTML) as content/articles/YYYY/MM/<slug>.md under root, dated
// date, and returns the file's path relative to root. The people and
// places the archive knows that the text names fill its lists; other
// names it finds are listed in a comment, for review.
func Import(root string, cfg *config.Config, src []byte, known Known, date time.Time, author string) (string, *Imported, error) {
	if kind := notText(src); kind != "" {
		return "", nil, fmt.Errorf("not text but %s: import takes raw text or a saved web page", kind)
	}
	a := Parse(src, known)
	if author = strings.TrimSpace(author); author != "" {
		a.Terms["authors"] = []string{author}
	}
	if a.Title == "" {
		return "", a, fmt.Errorf("no title: the first line of the text is its title")
	}
	var fm strings.Builder
	for _, t := range cfg.Taxonomies {
		names := a.Terms[t.Name]
		quoted := make([]string, len(names))
		for i, n := range names {
			quoted[i] = strconv.Quote(n)
		}
		fmt.Fprintf(&fm, "%s: [%s]\n", t.Name, strings.Join(quoted, ", "))
	}
	if len(a.Suggested) > 0 {
		fm.WriteString("# Names in the text the archive does not know yet; move the people\n# and places among them into the lists above:\n")
		fmt.Fprintf(&fm, "# %s\n", strings.Join(a.Suggested, ", "))
	}
	name, err := write(root, cfg, a.Title, date, fm.String(), strings.Join(a.Paragraphs, "\n\n")+"\n")
	return name, a, err
}

// Parse takes the article out of src.
func Parse(src []byte, known Known) *Imported {
	var blocks []string
	if looksLikeHTML(src) {
		blocks = htmlBlocks(src)
	} else {
		blocks = textBlocks(string(src))
	}
	blocks = trimBoilerplate(blocks)
	a := &Imported{Terms: map[string][]string{}}
	if len(blocks) == 0 {
		return a
	}
	a.Title = strings.TrimPrefix(blocks[0], "# ")
	text := strings.Join(blocks, "\n")
	for _, b := range blocks[1:] {
		a.Paragraphs = append(a.Paragraphs, markdown(b))
	}
	// One pass over the text per taxonomy and name found, not one per
	// name the archive knows: an archive knows tens of thousands.
	var spellings []string
	for _, tax := range slices.Sorted(maps.Keys(known)) {
		names := known[tax]
		list := slices.Sorted(maps.Keys(names))
		set := words.NewSet(list)
		found := make([]bool, len(list))
		for {
			// Each call finds the earliest name not found yet, so the
			// terms come in the order the text first names them.
			_, _, i := set.First(text, func(i int) bool { return found[i] })
			if i < 0 {
				break
			}
			found[i] = true
			if name := names[list[i]]; !slices.Contains(a.Terms[tax], name) {
				a.Terms[tax] = append(a.Terms[tax], name)
			}
		}
		spellings = append(spellings, list...)
	}
	seen := words.NewSet(spellings)
	never := func(int) bool { return false }
	suggested := map[string]bool{}
	for _, name := range names(text) {
		if _, _, i := seen.First(name, never); i >= 0 {
			continue // "President Vladimir Putin" is Putin, found above
		}
		if !suggested[name] {
			suggested[name] = true
			a.Suggested = append(a.Suggested, name)
		}
	}
	return a
}

// names returns the runs of two or more capitalised words in text, such
// as "Thomas Graham" or "National Security Council": candidate names of
// people, places and organisations. A run ends at a word that ends a
// sentence, and leaves out a capitalised word that only starts one ("If
// Trump").
func names(text string) []string {
	var out, run []string
	flush := func() {
		for len(run) > 0 && sentenceStarters[run[0]] {
			run = run[1:]
		}
		if len(run) >= 2 {
			out = append(out, strings.Join(run, " "))
		}
		run = run[:0]
	}
	for _, w := range strings.Fields(text) {
		w = strings.Trim(w, "“”\"‘’'()[],;:!?")
		ends := strings.HasSuffix(w, ".") && !abbreviation.MatchString(w)
		if ends {
			w = strings.TrimSuffix(w, ".")
		}
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) || strings.ContainsAny(w, "0123456789") {
			flush()
			continue
		}
		run = append(run, w)
		if ends {
			flush()
		}
	}
	flush()
	return out
}

// abbreviation matches initials such as "U.S." or "J.", which do not end a
// sentence.
var abbreviation = regexp.MustCompile(`^(\p{Lu}\.)+$`)

// sentenceStarters are words written with a capital only because they
// start a sentence.
var sentenceStarters = map[string]bool{
	"A": true, "An": true, "The": true, "If": true, "While": true, "When": true, "As": true, "And": true,
	"But": true, "Or": true, "In": true, "On": true, "At": true, "For": true, "From": true, "With": true,
	"After": true, "Before": true, "Since": true, "Some": true, "Others": true, "However": true, "This": true,
	"That": true, "These": true, "Those": true, "His": true, "Her": true, "Their": true, "Its": true, "Our": true,
	"Amid": true, "Any": true, "All": true, "Experts": true, "Mr": true, "Ms": true, "Mrs": true, "Dr": true,
}

// textBlocks splits raw text into its blocks: runs of non-blank lines.
func textBlocks(src string) []string {
	src = strings.ReplaceAll(strings.TrimPrefix(src, "\ufeff"), "\r\n", "\n")
	var blocks []string
	for _, b := range strings.Split(src, "\n\n") {
		if b = strings.Join(strings.Fields(b), " "); b != "" {
			blocks = append(blocks, b)
		}
	}
	return blocks
}

// boilerplate are what blog and news sites put after an article: comment
// forms and share buttons. Blocks from the first of them on are dropped.
var boilerplate = regexp.MustCompile(`(?i)^(be the first to comment|leave a (reply|comment)|your email address will not be published|required fields are marked|post comment|comments?( \(\d+\))?|share( this( article| story)?)?( on \w+)?:?|share via|tweet|click to share|related( posts| articles)?:?|you may also like|like this:?|subscribe( to our newsletter)?|save my name, email)\b`)

// trimBoilerplate drops the trailing blocks from the first boilerplate
// block on, and boilerplate blocks anywhere.
func trimBoilerplate(blocks []string) []string {
	for i, b := range blocks {
		if i > 0 && boilerplate.MatchString(b) && len(strings.Fields(b)) <= 12 {
			return blocks[:i]
		}
	}
	return blocks
}

// markdown escapes a block of plain text so that Markdown shows it as
// written; blocks from HTML headings, quotes and lists keep their markers.
func markdown(b string) string {
	prefix := ""
	for _, p := range []string{"## ", "> ", "- "} {
		if rest, ok := strings.CutPrefix(b, p); ok {
			prefix, b = p, rest
			break
		}
	}
	var out strings.Builder
	for i, r := range b {
		switch {
		case strings.ContainsRune("\\`*_[]<", r):
			out.WriteByte('\\')
		case i == 0 && strings.ContainsRune("#>-+=", r):
			out.WriteByte('\\')
		}
		out.WriteRune(r)
	}
	s := out.String()
	if m := orderedMarker.FindStringIndex(s); m != nil && prefix == "" {
		s = s[:m[1]-1] + "\\" + s[m[1]-1:]
	}
	return prefix + s
}

// orderedMarker is a number at the start of a block that Markdown would
// take for a numbered list: "1999. That year…".
var orderedMarker = regexp.MustCompile(`^\d+[.)]`)

// looksLikeHTML reports whether src is a web page rather than text.
func looksLikeHTML(src []byte) bool {
	head := bytes.ToLower(bytes.TrimSpace(src[:min(len(src), 512)]))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) ||
		bytes.Contains(head, []byte("<head")) || bytes.Contains(head, []byte("<body"))
}

// htmlBlocks takes the article's blocks out of a web page: its heading,
// then the paragraphs, subheadings, quotes and list items of its <article>
// (or <main>, or <body>), leaving out navigation, asides, forms, scripts
// and anything marked as comments, sharing or related links.
func htmlBlocks(src []byte) []string {
	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		return nil
	}
	root := first(doc, "article")
	if root == nil {
		root = first(doc, "main")
	}
	if root == nil {
		root = doc
	}
	var blocks []string
	title := first(root, "h1")
	if title == nil {
		title = first(doc, "h1")
	}
	if title == nil {
		title = first(doc, "title")
	}
	if title != nil {
		blocks = append(blocks, textOf(title))
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "nav", "aside", "form", "script", "style", "noscript", "footer", "header", "figure", "button", "template", "svg":
				return
			case "h1":
				return // the title
			case "p":
				blocks = append(blocks, textOf(n))
				return
			case "h2", "h3", "h4":
				blocks = append(blocks, "## "+textOf(n))
				return
			case "blockquote":
				if first(n, "p") == nil {
					blocks = append(blocks, "> "+textOf(n))
					return
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode && c.Data == "p" {
						blocks = append(blocks, "> "+textOf(c))
					}
				}
				return
			case "li":
				blocks = append(blocks, "- "+textOf(n))
				return
			}
			for _, a := range n.Attr {
				if (a.Key == "class" || a.Key == "id") && boilerplateClass.MatchString(a.Val) {
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return slices.DeleteFunc(blocks, func(b string) bool {
		return strings.TrimSpace(strings.TrimLeft(b, "#>- ")) == ""
	})
}

// boilerplateClass matches the class names and ids of a page's parts that
// are not the article.
var boilerplateClass = regexp.MustCompile(`(?i)comment|share|social|related|sidebar|newsletter|subscribe|advert|promo|breadcrumb|byline-share`)

// first returns the first element named tag in n, depth first.
func first(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := first(c, tag); f != nil {
			return f
		}
	}
	return nil
}

// textOf is the text of n with its white space collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && n.Data == "br" {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// notText names what src is when it is not text, as a program, a picture
// or an archive: such a file would become an article of garbage. It looks
// at the first bytes only, as browsers do to sniff a type.
func notText(src []byte) string {
	head := src[:min(len(src), 512)]
	if bytes.HasPrefix(head, []byte("\x7fELF")) {
		return "an executable program (ELF)"
	}
	switch t := http.DetectContentType(head); {
	case strings.HasPrefix(t, "text/"):
		return ""
	case t == "application/octet-stream":
		return "binary data"
	default:
		t, _, _ = strings.Cut(t, ";")
		return "a file of type " + t
	}
}
