// Package sitedata reads a site's data files, data/**/*.{yaml,yml,json,toml},
// into the nested maps layouts and shortcodes see as .Site.Data, by Hugo's
// rule: data/people/jdoe.yaml is .Site.Data.people.jdoe.
package sitedata

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"folio/generator/diag"
	"folio/generator/sitepath"
	"folio/generator/srcfile"
	"folio/generator/yamlpos"
)

// Dir is the data folder, relative to the site root.
const Dir = "data"

// Load reads root/data. A site without the folder has no data. sum
// identifies the files' contents.
func Load(root string) (data map[string]any, sum string, probs diag.List) {
	data = map[string]any{}
	dir, err := sitepath.Folder(root, Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return data, "", nil
	}
	if err != nil {
		return nil, "", diag.List{diag.Errorf(Dir, 0, "", "%v", err)}
	}
	absRoot, err := sitepath.Real(root)
	if err != nil {
		return nil, "", diag.List{diag.Errorf(Dir, 0, "", "%v", err)}
	}
	var files []string
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !isData(d.Name()) {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.Type()&fs.ModeSymlink != 0 {
			if target, err := sitepath.Real(p); err != nil || !sitepath.Within(target, absRoot) {
				probs = append(probs, diag.Errorf(path.Join(Dir, rel), 0, "", "a broken link, or a link to a file outside the site, which the generator does not read"))
				return nil
			}
		}
		files = append(files, rel)
		return nil
	})
	if err != nil {
		return nil, "", append(probs, diag.Errorf(Dir, 0, "", "reading data files: %v", err))
	}
	slices.Sort(files)
	owner := map[string]string{} // key path → the file that gave it
	h := sha256.New()
	for _, rel := range files {
		show := path.Join(Dir, rel)
		src, err := srcfile.Read(filepath.Join(dir, filepath.FromSlash(rel)), srcfile.MaxText)
		if err != nil {
			probs = append(probs, diag.Errorf(show, 0, "", "%v", err))
			continue
		}
		fmt.Fprintf(h, "%q %d\n", rel, len(src))
		h.Write(src)
		v, prob := decode(show, src)
		if prob != nil {
			probs = append(probs, prob)
			continue
		}
		key := strings.TrimSuffix(rel, path.Ext(rel))
		if other, ok := owner[key]; ok {
			probs = append(probs, diag.Errorf(show, 0, "", "%s gives .Site.Data.%s too: keep one of them", other, strings.ReplaceAll(key, "/", ".")))
			continue
		}
		owner[key] = show
		if prob := put(data, strings.Split(key, "/"), v, show); prob != nil {
			probs = append(probs, prob)
		}
	}
	if len(probs) > 0 {
		return nil, "", probs
	}
	return data, fmt.Sprintf("%x", h.Sum(nil)), nil
}

// IsData reports whether a path names a data file.
func isData(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml", ".json", ".toml":
		return true
	}
	return false
}

// put stores v at keys, a folder's files in the folder's map.
func put(m map[string]any, keys []string, v any, show string) *diag.Problem {
	for i, k := range keys[:len(keys)-1] {
		sub, ok := m[k].(map[string]any)
		if !ok {
			if _, taken := m[k]; taken {
				return diag.Errorf(show, 0, "", "the folder %s has the name of a data file's key", path.Join(append([]string{Dir}, keys[:i+1]...)...))
			}
			sub = map[string]any{}
			m[k] = sub
		}
		m = sub
	}
	last := keys[len(keys)-1]
	if have, ok := m[last].(map[string]any); ok {
		// A file beside a folder of its name adds its keys to the folder's.
		add, isMap := v.(map[string]any)
		if !isMap {
			return diag.Errorf(show, 0, "", "the folder %s/ has this file's name: rename one of them", strings.TrimSuffix(show, path.Ext(show)))
		}
		for k, x := range add {
			if _, dup := have[k]; dup {
				return diag.Errorf(show, 0, k, "the folder %s/ has a file of this name too: rename one of them", strings.TrimSuffix(show, path.Ext(show)))
			}
			have[k] = x
		}
		return nil
	}
	m[last] = v
	return nil
}

func decode(show string, src []byte) (any, *diag.Problem) {
	var v any
	switch strings.ToLower(path.Ext(show)) {
	case ".json":
		if err := json.Unmarshal(src, &v); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				return nil, diag.Errorf(show, 1+bytes.Count(src[:min(int(se.Offset), len(src))], []byte("\n")), "", "%v", err)
			}
			return nil, diag.Errorf(show, 0, "", "%v", err)
		}
	case ".toml":
		var m map[string]any
		if _, err := toml.Decode(string(src), &m); err != nil {
			var pe toml.ParseError
			if errors.As(err, &pe) {
				return nil, diag.Errorf(show, pe.Position.Line, "", "%s", pe.Message)
			}
			return nil, diag.Errorf(show, 0, "", "%v", err)
		}
		v = m
	default:
		node, err := yamlpos.Parse(src)
		if err != nil {
			var ye *yamlpos.Error
			if errors.As(err, &ye) {
				return nil, &diag.Problem{Path: show, Line: ye.Line, Column: ye.Column, Message: ye.Message}
			}
			return nil, diag.Errorf(show, 0, "", "%v", err)
		}
		if len(node.Content) > 0 {
			if err := node.Content[0].Decode(&v); err != nil {
				return nil, diag.Errorf(show, node.Content[0].Line, "", "%v", err)
			}
		}
	}
	return stringKeys(v), nil
}

// stringKeys makes YAML's maps with other keys (numbers, dates) maps
// with string keys, as templates look keys up by name.
func stringKeys(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = stringKeys(x)
		}
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[fmt.Sprint(k)] = stringKeys(x)
		}
		return m
	case []any:
		for i, x := range v {
			v[i] = stringKeys(x)
		}
	}
	return v
}
