package shortcode

import (
	"fmt"
	"html"
	"strings"
)

// builtins are the built-in shortcodes written as templates; a site's own
// file of the same name replaces one. Embeds are static link cards:
// nothing is fetched when the site is built, and nothing from another
// site loads until a reader follows the link, which keeps pages fast,
// private and free of third-party cookies.
var builtins = map[string]string{
	"figure": `<figure{{ with .Get "class" }} class="{{ . }}"{{ end }}>
{{- with .Get "link" }}<a href="{{ . }}"{{ with $.Get "target" }} target="{{ . }}"{{ end }}{{ with $.Get "rel" }} rel="{{ . }}"{{ end }}>{{ end -}}
<img src="{{ .Get "src" }}" alt="{{ with .Get "alt" }}{{ . }}{{ else }}{{ plainify (markdownify (.Get "caption")) }}{{ end }}" loading="lazy"
{{- with .Get "width" }} width="{{ . }}"{{ end }}{{ with .Get "height" }} height="{{ . }}"{{ end }}>
{{- if .Get "link" }}</a>{{ end -}}
{{- $attr := or (.Get "attr") (.Get "credit") -}}
{{- if or (.Get "title") (.Get "caption") $attr -}}
<figcaption>
{{- with .Get "title" }}<strong>{{ . }}</strong>{{ if or ($.Get "caption") $attr }} {{ end }}{{ end -}}
{{- with .Get "caption" }}{{ markdownify . }}{{ end -}}
{{- with $attr }}{{ if $.Get "caption" }} {{ end }}<span class="credit">{{ with $.Get "attrlink" }}<a href="{{ . }}">{{ end }}{{ markdownify $attr }}{{ if $.Get "attrlink" }}</a>{{ end }}</span>{{ end -}}
</figcaption>
{{- end -}}
</figure>`,
	"youtube": `{{ $id := or (.Get "id") (.Get 0) }}{{ if not $id }}{{ errorf "needs the video's id: {{< youtube ID >}}" }}{{ end -}}
<figure class="embed embed-video"><a href="https://www.youtube.com/watch?v={{ $id }}">{{ with .Get "title" }}{{ . }}{{ else }}Video {{ $id }}{{ end }}</a> <span class="embed-source">(YouTube)</span></figure>`,
	"vimeo": `{{ $id := or (.Get "id") (.Get 0) }}{{ if not $id }}{{ errorf "needs the video's id: {{< vimeo ID >}}" }}{{ end -}}
<figure class="embed embed-video"><a href="https://vimeo.com/{{ $id }}">{{ with .Get "title" }}{{ . }}{{ else }}Video {{ $id }}{{ end }}</a> <span class="embed-source">(Vimeo)</span></figure>`,
	"x":       post,
	"tweet":   post,
	"twitter": post,
	"instagram": `{{ $id := or (.Get "id") (.Get 0) }}{{ if not $id }}{{ errorf "needs the post's id: {{< instagram ID >}}" }}{{ end -}}
<figure class="embed embed-post"><a href="https://www.instagram.com/p/{{ $id }}/">Post {{ $id }}</a> <span class="embed-source">(Instagram)</span></figure>`,
	"gist": `{{ $user := or (.Get "user") (.Get 0) }}{{ $id := or (.Get "id") (.Get 1) }}{{ if not $id }}{{ errorf "needs the user and the gist's id: {{< gist USER ID >}}" }}{{ end -}}
{{ $file := or (.Get "file") (.Get 2) -}}
<p class="embed embed-code"><a href="https://gist.github.com/{{ $user }}/{{ $id }}{{ with $file }}#file-{{ urlize . }}{{ end }}">Gist{{ with $file }} {{ . }}{{ end }} by {{ $user }}</a> <span class="embed-source">(GitHub)</span></p>`,
}

// post is the card of a post on X (Twitter): {{< x user="name" id="123" >}},
// and the older {{< tweet 123 >}}.
const post = `{{ $id := or (.Get "id") (.Get 1) (.Get 0) }}{{ $user := .Get "user" }}{{ if .Get 1 }}{{ $user = .Get 0 }}{{ end }}{{ if not $id }}{{ errorf "needs the post's id: {{< x user=\"NAME\" id=\"ID\" >}}" }}{{ end -}}
<figure class="embed embed-post"><a href="https://x.com/{{ with $user }}{{ . }}{{ else }}i{{ end }}/status/{{ $id }}">{{ with $user }}Post by @{{ . }}{{ else }}Post {{ $id }}{{ end }}</a> <span class="embed-source">(X)</span></figure>`

// goBuiltins are the built-in shortcodes that need more than a template:
// they read the inner text as written, or ask for a page's address.
var goBuiltins = map[string]func(s *scope, ctx *Context, c *call) (string, error){
	"ref":       func(s *scope, ctx *Context, c *call) (string, error) { return ref(s, ctx) },
	"relref":    func(s *scope, ctx *Context, c *call) (string, error) { return ref(s, ctx) },
	"param":     param,
	"highlight": highlight,
	"details":   details,
}

// takesInnerGo are the Go built-ins that take an inner text.
var takesInnerGo = map[string]bool{"highlight": true, "details": true}

// ref is the site path of an article, by its file or slug. Hugo's ref
// gives the absolute URL and relref the path; folio's pages link with
// relative URLs, which the path becomes in an address.
func ref(s *scope, ctx *Context) (string, error) {
	target := argText(ctx.Get("path"))
	if target == "" {
		target = argText(ctx.Get(0))
	}
	if target == "" {
		return "", fmt.Errorf("needs the path or slug of an article: {{< %s \"articles/2024/story.md\" >}}", ctx.Name)
	}
	return s.token(target, s.d.callLine, false), nil
}

// param shows a front matter field of the page, or else the site's
// parameter of that name.
func param(_ *scope, ctx *Context, _ *call) (string, error) {
	key := argText(ctx.Get(0))
	if key == "" {
		return "", fmt.Errorf("needs the name of a field: {{< param \"name\" >}}")
	}
	var v any
	if ctx.Page != nil {
		v = ctx.Page.Param(key)
	} else if ctx.Site != nil {
		v, _ = paramAt(ctx.Site.Params, key)
	}
	if v == nil {
		return "", fmt.Errorf("the page has no field %q, and config.yaml's params none either", key)
	}
	return html.EscapeString(argText(v)), nil
}

// highlight shows its inner text as a code block in a language:
// {{< highlight go >}}…{{< /highlight >}}. Hugo's options (linenos,
// hl_lines) are accepted and left unused: the site's CSS styles code.
func highlight(s *scope, ctx *Context, c *call) (string, error) {
	lang := argText(ctx.Get(0))
	if lang == "" {
		lang = argText(ctx.Get("lang"))
	}
	code := ""
	if c.paired {
		code = string(c.innerText(s.src))
		code = strings.TrimPrefix(strings.TrimPrefix(code, "\r"), "\n")
		code = strings.TrimRight(code, " \t\n")
	}
	class := ""
	if lang != "" {
		class = ` class="language-` + html.EscapeString(lang) + `"`
	}
	return "<pre><code" + class + ">" + html.EscapeString(code) + "\n</code></pre>", nil
}

// details is a disclosure: {{< details summary="More" open=true >}}…
// Markdown…{{< /details >}}.
func details(s *scope, ctx *Context, c *call) (string, error) {
	summary := argText(ctx.Get("summary"))
	if summary == "" {
		summary = argText(ctx.Get(0))
	}
	if summary == "" {
		summary = "Details"
	}
	var b strings.Builder
	b.WriteString("<details")
	if open := ctx.Get("open"); open == true || open == "true" {
		b.WriteString(" open")
	}
	b.WriteString("><summary>")
	b.WriteString(s.output(html.EscapeString(summary), true))
	b.WriteString("</summary>\n")
	if c.paired {
		child := &scope{d: s.d, src: c.innerText(s.src), base: s.line(c.innerStart), parent: ctx, ids: s.ids}
		b.WriteString(child.markdown(child.src))
	}
	b.WriteString("</details>")
	return b.String(), nil
}

// argText is an argument as text.
func argText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	}
	return fmt.Sprint(v)
}
