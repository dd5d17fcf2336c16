package build_test

import (
	"bufio"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"folio/generator/build"
)

// TestJSONLDAgainstSchemaOrg parses the JSON-LD of every page of the
// example site, with an article that has comments, and checks it against
// schema.org's vocabulary (an excerpt of release 30.0 in
// testdata/schemaorg): every @type is a schema.org type, every property
// one whose domain includes the object's type or a supertype of it, and
// no object has properties without a @type.
func TestJSONLDAgainstSchemaOrg(t *testing.T) {
	t.Parallel()
	supers := readVocabulary(t, "testdata/schemaorg/types.tsv")
	domains := readVocabulary(t, "testdata/schemaorg/properties.tsv")
	root := copySite(t)
	write(t, root, "content/articles/2024/07/talks-resume.md", commentsArticle)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	// is reports whether typ is kind or a subtype of it.
	var is func(typ, kind string) bool
	is = func(typ, kind string) bool {
		if typ == kind {
			return true
		}
		return slices.ContainsFunc(supers[typ], func(s string) bool { return is(s, kind) })
	}
	seen := map[string]int{}
	var check func(page, where string, v any)
	check = func(page, where string, v any) {
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				check(page, where, x)
			}
		case map[string]any:
			typ, _ := v["@type"].(string)
			if typ == "" {
				t.Errorf("%s: %s is an object without a @type", page, where)
				return
			}
			if _, ok := supers[typ]; !ok {
				t.Errorf("%s: %s: %s is not a schema.org type", page, where, typ)
				return
			}
			seen[typ]++
			for prop, x := range v {
				if strings.HasPrefix(prop, "@") {
					continue
				}
				dom, ok := domains[prop]
				if !ok {
					t.Errorf("%s: %s.%s is not a schema.org property (of %s)", page, where, prop, typ)
				} else if !slices.ContainsFunc(dom, func(d string) bool { return is(typ, d) }) {
					t.Errorf("%s: %s.%s is not a property of %s (its domain: %v)", page, where, prop, typ, dom)
				}
				check(page, where+"."+prop, x)
			}
		}
	}
	script := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		page, _ := filepath.Rel(dest, p)
		for _, m := range script.FindAllSubmatch(b, -1) {
			var v any
			if err := json.Unmarshal(m[1], &v); err != nil {
				t.Errorf("%s: JSON-LD does not parse: %v", page, err)
				continue
			}
			if obj, ok := v.(map[string]any); !ok || obj["@context"] != "https://schema.org" {
				t.Errorf("%s: JSON-LD without schema.org's @context", page)
			}
			check(page, "JSON-LD", v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"NewsArticle", "Person", "Place", "Organization", "Comment", "CorrectionComment", "CreativeWorkSeries"} {
		if seen[typ] == 0 {
			t.Errorf("no %s checked: the test no longer sees what it is for", typ)
		}
	}
	t.Logf("JSON-LD objects checked by type: %v", seen)
}

// readVocabulary reads a file of testdata/schemaorg: a name, a tab, and
// the names it relates to, separated by spaces.
func readVocabulary(t *testing.T, name string) map[string][]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), "\t")
		out[k] = strings.Fields(v)
	}
	if err := sc.Err(); err != nil || len(out) == 0 {
		t.Fatalf("%s: %v, %d rows", name, err, len(out))
	}
	return out
}
