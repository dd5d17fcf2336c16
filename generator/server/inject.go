package server

import (
	"bytes"
	_ "embed"
	"strconv"
	"strings"
)

//go:embed client.js
var clientJS string

// inject returns page with the live-reload script added, told the number
// of the build the page comes from: before </head>,
// else after the <body> tag, else after the doctype, else at the start.
// The script must never come before the doctype, which would switch the
// browser to quirks mode.
func inject(page []byte, build int64) []byte {
	script := "<script>(" + strings.TrimSpace(clientJS) + ")(" + strconv.FormatInt(build, 10) + ");</script>"
	at := 0
	lower := bytes.ToLower(page[:min(len(page), 64<<10)])
	if i := bytes.Index(lower, []byte("</head>")); i >= 0 {
		at = i
	} else if i := bytes.Index(lower, []byte("<body")); i >= 0 {
		if end := bytes.IndexByte(lower[i:], '>'); end >= 0 {
			at = i + end + 1
		}
	} else if bytes.HasPrefix(lower, []byte("<!doctype")) {
		if end := bytes.IndexByte(lower, '>'); end >= 0 {
			at = end + 1
		}
	}
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:at]...)
	out = append(out, script...)
	return append(out, page[at:]...)
}
