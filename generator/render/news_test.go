package render

import "testing"

// Google News sitemaps take a language as two or three letters, or
// zh-cn and zh-tw for Chinese; the schema refuses pt-br.
func TestNewsLanguage(t *testing.T) {
	for tag, want := range map[string]string{
		"en": "en", "en-GB": "en", "pt-BR": "pt", "pt_BR": "pt", "fil": "fil", "sr-Latn-RS": "sr",
		"zh": "zh-cn", "zh-CN": "zh-cn", "zh-Hans": "zh-cn", "zh-SG": "zh-cn",
		"zh-TW": "zh-tw", "zh-Hant": "zh-tw", "zh-Hant-HK": "zh-tw", "zh-HK": "zh-tw", "zh-Hans-HK": "zh-cn", "zh-Hans-TW": "zh-cn",
	} {
		if got := newsLanguage(tag); got != want {
			t.Errorf("%s: %q, want %q", tag, got, want)
		}
	}
}
