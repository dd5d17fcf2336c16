package wordpress

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// bodySkipper passes an export through with the text of each post body,
// a CDATA section right after <content:encoded> as WordPress writes it,
// left out but for its line breaks, so that lines are counted as before.
// The bodies are most of an export's bytes, and encoding/xml reads a
// CDATA section a byte at a time: the first pass, which skips them, runs
// twice as fast when it never sees them. Other CDATA sections and
// comments are passed through whole (a marker inside them is text), and
// so is a body holding a character XML does not allow, so that the
// decoder reports it as it would have.
type bodySkipper struct {
	r   io.Reader
	buf []byte
	// lo:hi is the data read and not yet handed on; the bytes before lo
	// (up to lookBack of them) are kept to see what precedes a CDATA.
	lo, hi int
	eof    bool
	// prefix is markup to hand on first (an opener or an end moved past),
	// then pending counts the line breaks of a body to hand on.
	prefix  string
	pending int
	// inBody: lo is in a body's text, being dropped; rawEnd, when not
	// "", ends the CDATA section or comment lo is in, passed through.
	inBody bool
	rawEnd string

	// keep (the second pass) keeps each body dropped, for the parser to
	// read (take) instead of the decoder: bodies maps the offset in the
	// output where its CDATA section opens to its text, line breaks as
	// the decoder makes them. out counts the bytes handed on; body is the
	// one being dropped, its section opening at bodyAt.
	keep   bool
	out    int64
	bodyAt int64
	body   []byte
	bodies map[int64]string
	// through: the export declares an encoding other than UTF-8, whose
	// bytes only the decoder can read: everything is passed through.
	through, started bool
}

const (
	bodyTag   = "<content:encoded>"
	cdataOpen = "<![CDATA["
	lookBack  = len(bodyTag)
)

func newBodySkipper(r io.Reader) *bodySkipper {
	return &bodySkipper{r: r, buf: make([]byte, 256<<10)}
}

// newBodyKeeper is a bodySkipper keeping the bodies, for Parse to read
// them whole: encoding/xml, a byte at a time, was a tenth of the second
// pass.
func newBodyKeeper(r io.Reader) *bodySkipper {
	s := newBodySkipper(r)
	s.keep, s.bodies = true, map[int64]string{}
	return s
}

// take is the body whose CDATA section opens at offset at of the output,
// if kept; bodies before it that no one took are let go.
func (s *bodySkipper) take(at int64) (string, bool) {
	for k := range s.bodies {
		if k < at {
			delete(s.bodies, k)
		}
	}
	body, ok := s.bodies[at]
	if ok {
		delete(s.bodies, at)
	}
	return body, ok
}

func (s *bodySkipper) Read(p []byte) (int, error) {
	n, err := s.read(p)
	s.out += int64(n)
	return n, err
}

func (s *bodySkipper) read(p []byte) (int, error) {
	if s.keep && !s.started {
		// The XML declaration first, to see the encoding.
		for s.hi < 256 && !s.eof {
			if err := s.fill(); err != nil {
				return 0, err
			}
		}
		s.started = true
		s.through = !utf8Declared(s.buf[s.lo:s.hi])
	}
	if s.through {
		if s.lo < s.hi {
			n := copy(p, s.buf[s.lo:s.hi])
			s.lo += n
			return n, nil
		}
		return s.r.Read(p)
	}
	if len(p) == 0 {
		return 0, nil
	}
	for {
		if s.prefix != "" {
			n := copy(p, s.prefix)
			s.prefix = s.prefix[n:]
			return n, nil
		}
		if s.pending > 0 {
			n := min(s.pending, len(p))
			for i := range n {
				p[i] = '\n'
			}
			s.pending -= n
			return n, nil
		}
		var n int
		var more bool
		switch {
		case s.inBody:
			more = s.dropBody()
		case s.rawEnd != "":
			n, more = s.passUntil(p, s.rawEnd)
		default:
			n, more = s.pass(p)
		}
		if n > 0 {
			return n, nil
		}
		if !more {
			continue
		}
		if s.eof {
			// Nothing more comes: what is left goes as it is.
			if s.lo == s.hi {
				return 0, io.EOF
			}
			n := copy(p, s.buf[s.lo:s.hi])
			s.lo += n
			return n, nil
		}
		if err := s.fill(); err != nil {
			return 0, err
		}
	}
}

// utf8Declared: the export starting with head says it is UTF-8, or
// names no encoding (XML's default).
func utf8Declared(head []byte) bool {
	if !bytes.HasPrefix(head, []byte("<?xml")) {
		return !bytes.HasPrefix(head, []byte("\xfe\xff")) && !bytes.HasPrefix(head, []byte("\xff\xfe"))
	}
	decl, _, ok := bytes.Cut(head, []byte("?>"))
	if !ok {
		return false
	}
	_, enc, ok := bytes.Cut(decl, []byte("encoding"))
	if !ok {
		return true
	}
	enc = bytes.TrimLeft(enc, " \t\r\n=\"'")
	return len(enc) >= 5 && bytes.EqualFold(enc[:5], []byte("utf-8")) && (len(enc) == 5 || enc[5] == '"' || enc[5] == '\'')
}

// fill reads more data, keeping what is not handed on yet.
func (s *bodySkipper) fill() error {
	if keep := s.lo - lookBack; keep > 0 {
		s.hi = copy(s.buf, s.buf[keep:s.hi])
		s.lo -= keep
	}
	if s.hi == len(s.buf) {
		s.buf = append(s.buf, make([]byte, len(s.buf))...)
	}
	n, err := s.r.Read(s.buf[s.hi:])
	s.hi += n
	if err == io.EOF {
		s.eof = true
		return nil
	}
	return err
}

// pass hands on markup up to the next CDATA section or comment, and
// enters it. more: it needs more data to go on.
func (s *bodySkipper) pass(p []byte) (n int, more bool) {
	data := s.buf[s.lo:s.hi]
	i := bytes.Index(data, []byte("<!"))
	if i < 0 {
		// A "<" at the end may start one.
		return s.hand(p, data, max(len(data)-1, 0)), len(data) <= 1
	}
	if i > 0 {
		return s.hand(p, data, i), false
	}
	switch {
	case bytes.HasPrefix(data, []byte(cdataOpen)):
		if s.lo >= lookBack && string(s.buf[s.lo-lookBack:s.lo]) == bodyTag {
			s.inBody = true
			s.bodyAt, s.body = s.out, s.body[:0]
		} else {
			s.rawEnd = "]]>"
		}
		s.moveOn(cdataOpen)
		return 0, false
	case bytes.HasPrefix(data, []byte("<!--")):
		s.rawEnd = "-->"
		s.moveOn("<!--")
		return 0, false
	case len(data) < len(cdataOpen) && (bytes.HasPrefix([]byte(cdataOpen), data) || bytes.HasPrefix([]byte("<!--"), data)):
		return 0, true
	}
	return s.hand(p, data, len("<!")), false
}

// moveOn moves past the markup m at lo, handed on next.
func (s *bodySkipper) moveOn(m string) {
	s.prefix = m
	s.lo += len(m)
}

// hand copies data[:upto] (as much as p holds) and moves past it.
func (s *bodySkipper) hand(p, data []byte, upto int) int {
	n := copy(p, data[:upto])
	s.lo += n
	return n
}

// passUntil hands on the text of a CDATA section or comment through
// its end.
func (s *bodySkipper) passUntil(p []byte, end string) (n int, more bool) {
	data := s.buf[s.lo:s.hi]
	i := bytes.Index(data, []byte(end))
	if i < 0 {
		upto := max(len(data)-(len(end)-1), 0)
		return s.hand(p, data, upto), upto == 0
	}
	if i > 0 {
		return s.hand(p, data, i), false
	}
	s.rawEnd = ""
	s.moveOn(end)
	return 0, false
}

// dropBody drops a body's text up to its "]]>", counting its line
// breaks; a character XML does not allow passes the rest through.
func (s *bodySkipper) dropBody() (more bool) {
	data := s.buf[s.lo:s.hi]
	end := bytes.Index(data, []byte("]]>"))
	upto := end
	if end < 0 {
		upto = max(len(data)-2, 0) // "]]" may start the end
	}
	bad, whole := invalidXMLChar(data[:upto])
	if bad < 0 && end >= 0 && whole < upto {
		bad = whole // a rune cut by "]]>" is not UTF-8
	}
	if bad >= 0 {
		// Not kept: the decoder fails on the character.
		s.pending += bytes.Count(data[:bad], []byte("\n"))
		s.lo += bad
		s.inBody, s.rawEnd = false, "]]>"
		return false
	}
	upto = min(upto, whole)
	s.pending += bytes.Count(data[:upto], []byte("\n"))
	if s.keep {
		s.body = append(s.body, data[:upto]...)
	}
	s.lo += upto
	if end >= 0 {
		s.inBody, s.rawEnd = false, "]]>" // the end goes on as it is
		if s.keep {
			s.bodies[s.bodyAt] = newlines(s.body)
		}
		return false
	}
	return upto == 0
}

// invalidXMLChar is the offset of the first byte of data that is not
// UTF-8 or a character XML allows (as encoding/xml checks text), -1 when
// none, and how many bytes hold whole runes (a rune cut at the end of
// data is not judged).
func invalidXMLChar(data []byte) (bad, whole int) {
	for i := 0; i < len(data); {
		c := data[i]
		if c >= 0x20 && c < utf8.RuneSelf || c == '\n' || c == '\t' || c == '\r' {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			return i, i
		}
		if !utf8.FullRune(data[i:]) {
			return -1, i
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 || !(r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			return i, i
		}
		i += size
	}
	return -1, len(data)
}

// newlines is text with its line breaks as encoding/xml reads them:
// "\r\n" and a lone "\r" are "\n".
func newlines(b []byte) string {
	if bytes.IndexByte(b, '\r') < 0 {
		return string(b)
	}
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	return string(bytes.ReplaceAll(b, []byte("\r"), []byte("\n")))
}
