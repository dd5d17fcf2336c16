package hugo

import (
	"reflect"
	"strings"
	"sync"
	"time"

	"folio/generator/config"
	"folio/generator/render"
	"folio/generator/shortcode"
)

// This file is the one place that says what a folio shortcode template
// may use: the functions (shortcode.Funcs, the real list of the shortcode
// package, with the layouts' ones and Go's built-ins) and the fields and
// methods of its dot (dotAPI).

// goBuiltins are text/template's own functions.
var goBuiltins = []string{"and", "call", "html", "index", "slice", "js", "len", "not", "or",
	"print", "printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne"}

// funcs are the functions a shortcode template can call, with their
// values where the shortcode package has them (a namespace such as
// strings is a function returning a value whose methods are the
// namespace's functions).
var funcs = sync.OnceValue(func() map[string]any {
	m := map[string]any{}
	for _, n := range goBuiltins {
		m[n] = nil
	}
	for _, n := range shortcode.FuncNames() {
		m[n] = nil
	}
	for n, f := range shortcode.Funcs(render.FuncMap(&config.Config{Location: time.UTC})) {
		m[n] = f
	}
	return m
})

// funcOffered says whether a shortcode template can call name: a
// function ("safeHTML") or a namespaced one ("strings.Contains").
func funcOffered(name string) bool {
	all := funcs()
	if _, ok := all[name]; ok {
		return true
	}
	ns, method, ok := strings.Cut(name, ".")
	if !ok {
		return false
	}
	if _, ok := all[ns+".*"]; ok {
		return true
	}
	method, _, _ = strings.Cut(method, ".")
	f, ok := all[ns]
	if !ok || f == nil {
		return false
	}
	// A namespace is a function without arguments returning a value whose
	// methods are its functions.
	t := reflect.TypeOf(f)
	if t.Kind() != reflect.Func || t.NumIn() != 0 || t.NumOut() != 1 {
		return false
	}
	_, ok = t.Out(0).MethodByName(method)
	return ok
}

// apiNode is a field or method of a shortcode's dot: the names below it,
// or any name below it (a map: params, data), or none (a leaf).
type apiNode struct {
	below map[string]*apiNode
	any   bool
	// self points back at the root for .Parent, which is a shortcode too.
	self bool
}

var (
	leaf   = &apiNode{}
	anyMap = &apiNode{any: true}
	// scratch is Hugo's .Scratch (and .Page.Scratch, .Page.Store).
	scratch = &apiNode{below: map[string]*apiNode{
		"Set": leaf, "Get": leaf, "Add": leaf, "SetInMap": leaf, "GetSortedMapValues": leaf, "Delete": leaf,
	}}
)

// dotAPI is what folio's shortcode dot offers (the shortcode API,
// with .Scratch and the page's .Scratch and .Store).
var dotAPI = &apiNode{below: map[string]*apiNode{
	"Get": leaf, "Inner": leaf, "InnerDeindent": leaf, "IsNamedParams": leaf, "Ordinal": leaf,
	"Name": leaf, "Position": leaf,
	"Params":  anyMap,
	"Parent":  {self: true},
	"Scratch": scratch,
	"Page": {below: map[string]*apiNode{
		"Params": anyMap, "Title": leaf, "Date": leaf, "Permalink": leaf, "RelPermalink": leaf, "Slug": leaf,
		"File":    {below: map[string]*apiNode{"Path": leaf}},
		"Scratch": scratch, "Store": scratch,
	}},
	"Site": {below: map[string]*apiNode{
		"Params": anyMap, "Data": anyMap, "Title": leaf, "BaseURL": leaf, "Language": leaf,
	}},
}}

// allowedPath says whether folio's shortcode dot has the path (from the
// shortcode's dot).
func allowedPath(p []string) bool {
	n := dotAPI
	for _, name := range p {
		if n.self {
			n = dotAPI
		}
		if n.any {
			return true
		}
		next, ok := n.below[name]
		if !ok {
			return false
		}
		n = next
	}
	return true
}
