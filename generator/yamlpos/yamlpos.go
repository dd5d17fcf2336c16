// Package yamlpos reads the line out of a yaml.v3 error, correcting the
// library's numbering, so that config and front matter errors point at
// the line a writer must fix.
package yamlpos

import (
	"regexp"
	"strconv"
	"strings"
)

var lineRe = regexp.MustCompile(`^yaml: (?:unmarshal errors:\n\s*)?line (\d+): (.*)`)

// parserErrors are the messages of the YAML parser, as opposed to its
// scanner. yaml.v3 reports the parser's lines 0-based, and leaves out
// "line 0", while it reports the scanner's 1-based (go-yaml/yaml#205).
func parserError(msg string) bool {
	switch msg {
	case "did not find expected <stream-start>",
		"did not find expected <document start>",
		"found undefined tag handle",
		"did not find expected node content",
		"did not find expected '-' indicator",
		"did not find expected key",
		"did not find expected ',' or ']'",
		"did not find expected ',' or '}'",
		"found duplicate %YAML directive",
		"found incompatible YAML document",
		"found duplicate %TAG directive":
		return true
	}
	return false
}

// Of returns the 1-based line an error of yaml.v3 is about (0 when it
// names none) and its message without the "yaml: line N:" prefix.
func Of(err error) (line int, msg string) {
	text := err.Error()
	if m := lineRe.FindStringSubmatch(text); m != nil {
		line, _ = strconv.Atoi(m[1])
		if parserError(m[2]) {
			line++
		}
		return line, m[2]
	}
	msg = strings.TrimPrefix(text, "yaml: ")
	if parserError(msg) {
		return 1, msg // "line 0" is left out
	}
	return 0, msg
}
