package content

import (
	"bytes"
	"fmt"
)

// The Markdown parser's work grows with the square of some structures:
// quotes nested in quotes (each level scans the lines of those around
// it) and footnotes (their definitions are sorted by insertion). An
// article of 320 KB of nested quotes took a minute; one of 1 MB of
// footnotes, as long. No article needs either in such numbers, so they
// are refused with the line where the limit is passed, before parsing.
const (
	maxQuoteDepth = 32
	maxFootnotes  = 2000
)

// structureLimit returns the 1-based line of body where it passes one of
// the limits above, and what it passed; 0 when it passes none. It looks
// at each line once.
func structureLimit(body []byte) (int, string) {
	notes := 0
	for line := 1; len(body) > 0; line++ {
		l := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			l, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		if d := quoteDepth(l); d > maxQuoteDepth {
			return line, fmt.Sprintf("quotes are nested %d deep here, and at most %d levels are read: use fewer > marks", d, maxQuoteDepth)
		}
		if footnoteDefinition(l) {
			if notes++; notes > maxFootnotes {
				return line, fmt.Sprintf("this is footnote %d, and an article may have at most %d", notes, maxFootnotes)
			}
		}
	}
	return 0, ""
}

// quoteDepth counts the > marks that open line, each after at most three
// spaces, as Markdown reads them.
func quoteDepth(line []byte) int {
	depth := 0
	for {
		i := 0
		for i < len(line) && i < 3 && line[i] == ' ' {
			i++
		}
		if i >= len(line) || line[i] != '>' {
			return depth
		}
		depth++
		line = line[i+1:]
	}
}

// footnoteDefinition reports whether line starts a footnote: "[^id]: …".
func footnoteDefinition(line []byte) bool {
	line = bytes.TrimLeft(line, " ")
	if !bytes.HasPrefix(line, []byte("[^")) {
		return false
	}
	end := bytes.IndexByte(line, ']')
	return end > 2 && end+1 < len(line) && line[end+1] == ':'
}
