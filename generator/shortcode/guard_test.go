package shortcode

import "testing"

// restore puts an output back only at its own token, in text, once.
func TestRestore(t *testing.T) {
	const p = GuardPrefix + "n-"
	outs := []string{`<b style="x">0</b>`, `<i>1</i>`}
	cases := []struct{ in, want string }{
		{"<p>" + p + "0-</p>\n" + p + "1-\n", `<p><b style="x">0</b></p>` + "\n<i>1</i>\n"},
		{`<a title="` + p + `0-">a</a> ` + p + "0-", `<a title="` + p + `0-">a</a> <b style="x">0</b>`},
		{p + "1-" + p + "1-", "<i>1</i>" + p + "1-"},
		{p + "2- " + p + "-" + p + "01x", p + "2- " + p + "-" + p + "01x"},
		{"no tokens", "no tokens"},
	}
	for _, tc := range cases {
		if got := restore(tc.in, p, outs); got != tc.want {
			t.Errorf("restore(%q) =\n%q, want\n%q", tc.in, got, tc.want)
		}
	}
}
