package sanitize

import "testing"

func TestText(t *testing.T) {
	for in, want := range map[string]string{
		"<p>Great piece!<br>Thanks.</p><p>More on <a href=\"/b\">the <em>budget</em></a>, <strong>please</strong>.</p>": "Great piece! Thanks. More on the budget, please.",
		"Caf&eacute; &amp; <em>bar</em>s":    "Café & bars",
		"<ul><li>one</li><li>two</li></ul>x": "one two x",
		"  spaced\n\tout  ":                  "spaced out",
	} {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}
