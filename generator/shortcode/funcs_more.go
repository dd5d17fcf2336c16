package shortcode

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"path"
	"reflect"
	"strings"
)

// moreFuncs are Hugo's functions that real sites' shortcodes use besides
// those of hugoFuncs: paths, hashes, lists, refs.
func moreFuncs() map[string]any {
	return map[string]any{
		"path":         func() pathNS { return pathNS{} },
		"md5":          func(v any) string { return hashHex(md5.New(), v) },
		"sha1":         func(v any) string { return hashHex(sha1.New(), v) },
		"sha256":       func(v any) string { return hashHex(sha256.New(), v) },
		"crypto":       func() cryptoNS { return cryptoNS{} },
		"base64Encode": func(v any) string { return base64.StdEncoding.EncodeToString([]byte(toString(v))) },
		"base64Decode": func(v any) (string, error) {
			b, err := base64.StdEncoding.DecodeString(toString(v))
			return string(b), err
		},
		"hasSuffix": func(v any, s string) bool { return strings.HasSuffix(toString(v), s) },
		"shuffle":   shuffle,
		"append":    appendFunc,
		// getenv is always empty: a build does not depend on the
		// environment it runs in.
		"getenv": func(string) string { return "" },
		"relref": func(page, target any) (string, error) { return refFunc("relref", page, target) },
		"ref":    func(page, target any) (string, error) { return refFunc("ref", page, target) },
		// resources is the set's own (see parseSet); this one finds nothing.
		"resources": func() resourcesNS { return resourcesNS{} },
	}
}

func hashHex(h interface {
	Write([]byte) (int, error)
	Sum([]byte) []byte
}, v any) string {
	h.Write([]byte(toString(v)))
	return hex.EncodeToString(h.Sum(nil))
}

type cryptoNS struct{}

func (cryptoNS) MD5(v any) string    { return hashHex(md5.New(), v) }
func (cryptoNS) SHA1(v any) string   { return hashHex(sha1.New(), v) }
func (cryptoNS) SHA256(v any) string { return hashHex(sha256.New(), v) }
func (cryptoNS) FNV32a(v any) uint32 {
	h := fnv.New32a()
	h.Write([]byte(toString(v)))
	return h.Sum32()
}

// pathNS is Hugo's path namespace: slash-separated paths.
type pathNS struct{}

func slashes(v any) string { return strings.ReplaceAll(toString(v), "\\", "/") }

func (pathNS) Base(v any) string  { return path.Base(slashes(v)) }
func (pathNS) Dir(v any) string   { return path.Dir(slashes(v)) }
func (pathNS) Ext(v any) string   { return path.Ext(slashes(v)) }
func (pathNS) Clean(v any) string { return path.Clean(slashes(v)) }

// BaseName is Base without the extension.
func (pathNS) BaseName(v any) string {
	b := path.Base(slashes(v))
	return strings.TrimSuffix(b, path.Ext(b))
}

// Join joins its arguments, and the items of lists among them.
func (pathNS) Join(parts ...any) string {
	var all []string
	for _, p := range parts {
		if l := listOf(p); l != nil {
			for _, x := range l {
				all = append(all, slashes(x))
			}
			continue
		}
		all = append(all, slashes(p))
	}
	return path.Join(all...)
}

// DirFile is what path.Split returns.
type DirFile struct{ Dir, File string }

func (d DirFile) String() string { return d.Dir + d.File }

// Split splits a path after its last slash.
func (pathNS) Split(v any) DirFile {
	dir, file := path.Split(slashes(v))
	return DirFile{dir, file}
}

// shuffle returns the items of a list in another order. Hugo's is random;
// this one is a permutation seeded from the items themselves, so that a
// site builds the same way every time, yet different lists are mixed
// differently.
func shuffle(list any) (any, error) {
	v := reflect.ValueOf(list)
	if !v.IsValid() || v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return nil, fmt.Errorf("shuffle needs a list, not %T", list)
	}
	h := fnv.New64a()
	out := reflect.MakeSlice(reflect.SliceOf(v.Type().Elem()), v.Len(), v.Len())
	for i := range v.Len() {
		out.Index(i).Set(v.Index(i))
		fmt.Fprintf(h, "%v\x00", v.Index(i).Interface())
	}
	// Fisher-Yates driven by splitmix64, written out so that no change
	// of a library's generator changes a site.
	x := h.Sum64()
	swap := reflect.Swapper(out.Interface())
	for i := out.Len() - 1; i > 0; i-- {
		x += 0x9e3779b97f4a7c15
		z := x
		z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
		z = (z ^ z>>27) * 0x94d049bb133111eb
		z ^= z >> 31
		swap(i, int(z%uint64(i+1)))
	}
	return out.Interface(), nil
}

// refFunc is relref and ref as functions, relref . "path" or
// ref .Page "path" (or a map with a path), resolved as the ref shortcode
// is: a token that the site stage replaces by the page's address.
func refFunc(fn string, page, target any) (string, error) {
	var s *scope
	switch p := page.(type) {
	case *Context:
		s = p.doc
	case *Page:
		s = p.doc
	default:
		return "", fmt.Errorf("%s needs the page first: %s .Page \"articles/2024/story.md\"", fn, fn)
	}
	t := ""
	if m, ok := target.(map[string]any); ok {
		t = toString(m["path"])
	} else {
		t = toString(target)
	}
	if t == "" {
		return "", fmt.Errorf("%s needs the path or slug of a page: %s .Page \"articles/2024/story.md\"", fn, fn)
	}
	if s == nil || s.d == nil {
		return "", errors.New("no page here to link from")
	}
	return s.token(t, s.d.callLine, false), nil
}

// RelRef is the relref function on the page: .Page.RelRef "path" or
// .Page.RelRef (dict "path" "path").
func (p *Page) RelRef(target any) (string, error) { return refFunc("relref", p, target) }

// Ref is RelRef: folio's pages link with relative addresses.
func (p *Page) Ref(target any) (string, error) { return refFunc("ref", p, target) }
