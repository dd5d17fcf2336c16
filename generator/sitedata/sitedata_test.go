package sitedata

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func write(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoad(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"data/people/jdoe.yaml":  "name: Jane Doe\nroles: [editor]\n",
		"data/people/rroe.json":  `{"name": "Rick Roe"}`,
		"data/site.toml":         "motto = \"News\"\n",
		"data/.hidden/x.yaml":    "bad: [",
		"data/notes.txt":         "ignored",
		"data/2024/numbers.yaml": "1: one\n",
	})
	data, sum, probs := Load(root)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	want := map[string]any{
		"people": map[string]any{"jdoe": map[string]any{"name": "Jane Doe", "roles": []any{"editor"}}, "rroe": map[string]any{"name": "Rick Roe"}},
		"site":   map[string]any{"motto": "News"},
		"2024":   map[string]any{"numbers": map[string]any{"1": "one"}},
	}
	if !reflect.DeepEqual(data, want) || sum == "" {
		t.Errorf("got %#v", data)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		files map[string]string
		want  string
	}{
		{map[string]string{"data/a.yaml": "x: 1\ny: [\n"}, "data/a.yaml:3: did not find expected node content"},
		{map[string]string{"data/a.json": "{\n\"x\": 1,\n}"}, "data/a.json:3: invalid character '}' looking for beginning of object key string"},
		{map[string]string{"data/a.toml": "x = 1\ny = \n"}, "data/a.toml:2: expected value but found '\\n' instead"},
		{map[string]string{"data/a.yaml": "x: 1", "data/a.json": `{"x": 2}`}, "data/a.yaml: data/a.json gives .Site.Data.a too: keep one of them"},
	}
	for _, tt := range tests {
		root := t.TempDir()
		write(t, root, tt.files)
		_, _, probs := Load(root)
		if len(probs) != 1 || probs[0].Error() != tt.want {
			t.Errorf("got %v, want %s", probs, tt.want)
		}
	}
}

func TestNoFolder(t *testing.T) {
	data, _, probs := Load(t.TempDir())
	if len(probs) > 0 || data == nil || len(data) != 0 {
		t.Errorf("got %v %v", data, probs)
	}
}
