package wpbody

import "testing"

// BenchmarkConvert converts a typical classic post: paragraphs, a link,
// a captioned image and a list.
func BenchmarkConvert(b *testing.B) {
	post := "The council met on Tuesday.\n\nIt voted <a href=\"https://old.example/2020/01/budget/\">the budget</a> through, 7 to 2.\n\n[caption id=\"attachment_3\" width=\"300\"]<img src=\"https://old.example/wp-content/uploads/hall-300x200.jpg\" alt=\"The hall\" /> The town hall[/caption]\n\n<ul>\n<li>Roads</li>\n<li>Schools</li>\n</ul>\n\nMore next week."
	opts := testOptions()
	for b.Loop() {
		Convert(post, opts)
	}
}
