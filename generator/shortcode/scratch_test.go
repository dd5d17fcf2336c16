package shortcode

import "testing"

func TestScratch(t *testing.T) {
	files := map[string]string{
		// A counter on the page numbers the calls in document order.
		"count": `{{ .Page.Scratch.Add "n" 1 }}#{{ .Page.Scratch.Get "n" }}`,
		"store": `{{ .Page.Store.Add "n" 1 }}s{{ .Page.Store.Get "n" }}`,
		// A call's own pad starts empty on every call.
		"own": `{{ .Scratch.Add "n" 1 }}{{ .Store.Add "n" 1 }}o{{ .Scratch.Get "n" }}`,
		"kinds": `{{ $s := .Scratch }}{{ $s.Add "i" 2 }}{{ $s.Add "i" 3 }}{{ $s.Add "f" 1 }}{{ $s.Add "f" 0.5 }}` +
			`{{ $s.Add "t" "a" }}{{ $s.Add "t" "b" }}{{ $s.Set "l" (slice "x") }}{{ $s.Add "l" "y" }}{{ $s.Add "l" (slice "z" "w") }}` +
			`{{ $s.SetInMap "m" "b" 2 }}{{ $s.SetInMap "m" "a" 1 }}{{ $s.SetInMap "m" "c" 3 }}{{ $s.DeleteInMap "m" "c" }}` +
			`{{ $s.Set "gone" 1 }}{{ $s.Delete "gone" }}` +
			`{{ $s.Get "i" }} {{ $s.Get "f" }} {{ $s.Get "t" }} {{ delimit ($s.Get "l") "," }} {{ $s.GetSortedMapValues "m" }} {{ $s.GetSortedMapValues "none" }} {{ $s.Get "gone" }} {{ len $s.Values }}`,
		"bad": `{{ .Scratch.Set "t" "a" }}{{ .Scratch.Add "t" 1 }}`,
	}
	got, d := convert(t, files, "{{< count >}}\n\n{{< count >}} {{< store >}} {{< own >}} {{< own >}}\n\n{{% count %}}")
	want := "<p>#1</p>\n<p>#2 s3 o2 o2</p>\n<p>#4</p>\n"
	if got != want || len(d.Problems) > 0 {
		t.Errorf("page scratch:\ngot  %q\nwant %q\n%v", got, want, d.Problems)
	}
	got, d = convert(t, files, "{{< kinds >}}")
	want = "<p>5 1.5 ab x,y,z,w [1 2]   5</p>\n"
	if got != want || len(d.Problems) > 0 {
		t.Errorf("kinds:\ngot  %q\nwant %q\n%v", got, want, d.Problems)
	}
	_, d = convert(t, files, "{{< bad >}}")
	if len(d.Problems) != 1 || d.Problems[0].Error() != `content/articles/a.md:5: shortcode "bad": layouts/shortcodes/bad.html:1:37: executing "layouts/shortcodes/bad.html" at <.Scratch.Add>: error calling Add: Scratch.Add "t": cannot add int to string` {
		t.Errorf("bad: %v", d.Problems)
	}
}

func TestAppend(t *testing.T) {
	tests := []struct {
		to   any
		from []any
		want string
	}{
		{[]string{"a"}, []any{"b"}, "[]string{\"a\", \"b\"}"},
		{[]string{"a"}, []any{[]string{"b", "c"}}, "[]string{\"a\", \"b\", \"c\"}"},
		{[]string{"a"}, []any{1}, "[]interface {}{\"a\", 1}"},
		{[]any{}, []any{[]string{"b"}}, "[]string{\"b\"}"},
		{nil, []any{"b", "c"}, "[]interface {}{\"b\", \"c\"}"},
	}
	for _, tt := range tests {
		got, err := appendTo(tt.to, tt.from...)
		if s := sprintGo(got); err != nil || s != tt.want {
			t.Errorf("appendTo(%#v, %#v) = %s, %v; want %s", tt.to, tt.from, s, err, tt.want)
		}
	}
	if _, err := appendTo("x", 1); err == nil || err.Error() != "expected a list to append to, got string" {
		t.Errorf("appendTo to text: %v", err)
	}
}
