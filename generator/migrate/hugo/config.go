package hugo

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	"folio/generator/srcfile"
)

// siteConfig is what the migration uses of a Hugo configuration.
type siteConfig struct {
	// File is the main configuration file, relative to the site, for the
	// report.
	File         string
	Title        string
	BaseURL      string
	LanguageCode string
	TimeZone     string
	Paginate     int
	// Taxonomies are (singular, plural) pairs, by plural name.
	Taxonomies [][2]string
	URLs       urlRules
	Params     map[string]any
	Themes     []string
	ContentDir string
	StaticDirs []string
	DataDir    string
	AssetDir   string
	// Languages lists the configured languages other than the default;
	// LanguageDirs the content folders of their own, which are not read.
	Languages       []string
	LanguageDirs    []string
	DefaultLanguage string
	// RefNotFound is what Hugo wrote for a ref it did not find, with
	// refLinksErrorLevel WARNING (refLinksNotFoundURL; "#" by default).
	RefNotFound string
}

// readConfig reads the Hugo configuration of the site at src: the first
// of configNames at its root, merged over config/_default/ and then
// config/production/, the environment Hugo builds a site for by default
// (the root file's keys win, as the lower-level files add to it).
func readConfig(src string) (*siteConfig, error) {
	merged := map[string]any{}
	file := ""
	for _, env := range []string{"_default", "production"} {
		dir := filepath.Join(src, "config", env)
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			name := e.Name()
			ext := path.Ext(name)
			if e.IsDir() || !slices.Contains([]string{".toml", ".yaml", ".yml", ".json"}, ext) {
				continue
			}
			rel := "config/" + env + "/" + name
			m, err := decodeFile(filepath.Join(dir, name), rel)
			if err != nil {
				return nil, err
			}
			key, lang, _ := strings.Cut(strings.TrimSuffix(name, ext), ".")
			if lang == "" && (key == "hugo" || key == "config") {
				mergeInto(merged, m)
				if file == "" {
					file = rel
				}
				continue
			}
			mergeInto(merged, configDirEntry(key, strings.ToLower(lang), m))
		}
	}
	for _, n := range configNames {
		p := filepath.Join(src, n)
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
			m, err := decodeFile(p, n)
			if err != nil {
				return nil, err
			}
			mergeInto(merged, m) // the root file wins
			file = n
			break
		}
	}
	if file == "" {
		file = "config/_default"
	}
	// Zola's config.toml has Hugo's name: its base_url, which Zola needs
	// and Hugo does not read, tells it. Read as Hugo's, its posts would
	// come across as undated pages.
	if _, zola := merged["base_url"]; zola && merged["baseurl"] == nil {
		return nil, fmt.Errorf("%s is the configuration of a Zola site (it sets base_url, which Hugo does not read): folio migrates Hugo, Jekyll, Eleventy and WordPress sites, and Zola's are not among them", file)
	}
	c := fromMap(file, merged)
	// The content folder is read, and its files other than pages copied
	// into the new site's static files: one named outside the site
	// (contentDir: ../../home/me/.ssh, or a mount's source) would publish
	// what it holds.
	if !filepath.IsLocal(filepath.FromSlash(c.ContentDir)) {
		return nil, fmt.Errorf("%s: the content folder %q is outside the site: folio migrates the site's own folder only; move the content inside it", file, c.ContentDir)
	}
	return c, nil
}

// configDirEntry is where Hugo puts a file of its configuration folder:
// params.toml is the site's params; a file of a language (menus.en.toml,
// params.de.toml, languages.fr.toml) is that language's menus, params,
// or settings.
func configDirEntry(key, lang string, m map[string]any) map[string]any {
	if lang == "" {
		return map[string]any{key: m}
	}
	switch key {
	case "menu", "menus":
		m = map[string]any{"menus": m}
	case "params":
		m = map[string]any{"params": m}
	}
	return map[string]any{"languages": map[string]any{lang: m}}
}

// decodeFile reads a TOML, YAML or JSON file into a map with lower-case
// top-level keys (Hugo's keys are case-insensitive).
func decodeFile(p, rel string) (map[string]any, error) {
	src, err := srcfile.Read(p, srcfile.MaxText)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	m := map[string]any{}
	switch path.Ext(rel) {
	case ".toml":
		_, err = toml.Decode(string(src), &m)
	case ".json":
		err = json.Unmarshal(src, &m)
	default:
		err = yaml.Unmarshal(src, &m)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %s", rel, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[strings.ToLower(k)] = normalise(v)
	}
	return out, nil
}

// mergeInto sets every key of from in into, merging maps key by key.
func mergeInto(into, from map[string]any) {
	for k, v := range from {
		a, aok := into[k].(map[string]any)
		b, bok := v.(map[string]any)
		if aok && bok {
			mergeInto(a, b)
			continue
		}
		into[k] = v
	}
}

func fromMap(file string, m map[string]any) *siteConfig {
	c := &siteConfig{File: file, ContentDir: "content", DataDir: "data", AssetDir: "assets", StaticDirs: []string{"static"}}
	c.DefaultLanguage, _ = m["defaultcontentlanguage"].(string)
	if c.DefaultLanguage == "" {
		c.DefaultLanguage = "en"
	}
	// The default language's own settings (its title, params, content
	// folder) win over the site's, as Hugo builds that language's pages.
	languages := lower(m["languages"])
	if own, ok := languages[strings.ToLower(c.DefaultLanguage)].(map[string]any); ok {
		mergeInto(m, lower(own))
	}
	str := func(key string) string {
		if s, ok := m[key].(string); ok {
			return s
		}
		return ""
	}
	c.Title = html.UnescapeString(str("title"))
	c.BaseURL = str("baseurl")
	if c.LanguageCode = str("languagecode"); c.LanguageCode == "" {
		c.LanguageCode = str("locale") // languageCode's newer name
	}
	c.TimeZone = str("timezone")
	if c.RefNotFound = str("reflinksnotfoundurl"); c.RefNotFound == "" {
		c.RefNotFound = "#"
	}
	if s := str("contentdir"); s != "" {
		c.ContentDir = path.Clean(s)
	}
	if s := str("datadir"); s != "" {
		c.DataDir = s
	}
	if s := str("assetdir"); s != "" {
		c.AssetDir = s
	}
	switch v := m["staticdir"].(type) {
	case string:
		c.StaticDirs = []string{v}
	case []any:
		c.StaticDirs = strings_(v)
	}
	switch v := m["theme"].(type) {
	case string:
		c.Themes = []string{v}
	case []any:
		c.Themes = strings_(v)
	}
	c.Paginate = toInt(m["paginate"])
	if p, ok := lower(m["pagination"])["pagersize"]; ok {
		c.Paginate = toInt(p)
	}
	// Taxonomies: Hugo's defaults unless set; an empty map means none.
	if t, ok := m["taxonomies"]; ok {
		for singular, plural := range lower(t) {
			if s, ok := plural.(string); ok && s != "" {
				c.Taxonomies = append(c.Taxonomies, [2]string{singular, s})
			}
		}
		slices.SortFunc(c.Taxonomies, func(a, b [2]string) int { return strings.Compare(a[1], b[1]) })
	} else {
		c.Taxonomies = [][2]string{{"category", "categories"}, {"tag", "tags"}}
	}
	c.URLs.Permalinks = map[string]string{}
	for k, v := range lower(m["permalinks"]) {
		switch v := v.(type) {
		case string:
			c.URLs.Permalinks[k] = v
		case map[string]any:
			if k == "page" { // permalinks.page.<section>, Hugo 0.115+
				for s, p := range v {
					if p, ok := p.(string); ok {
						c.URLs.Permalinks[s] = p
					}
				}
			}
		}
	}
	switch v := m["uglyurls"].(type) {
	case bool:
		c.URLs.UglyURLs = v
	case map[string]any: // by section, Hugo 0.33+
		c.URLs.UglySections = map[string]bool{}
		for section, ugly := range lower(v) {
			c.URLs.UglySections[section], _ = ugly.(bool)
		}
	}
	c.URLs.KeepCase, _ = m["disablepathtolower"].(bool)
	if p, ok := m["params"].(map[string]any); ok {
		c.Params = p
	}
	for lang, settings := range languages {
		if lang == strings.ToLower(c.DefaultLanguage) {
			continue
		}
		c.Languages = append(c.Languages, lang)
		if dir, _ := lower(settings)["contentdir"].(string); dir != "" && path.Clean(dir) != c.ContentDir {
			c.LanguageDirs = append(c.LanguageDirs, path.Clean(dir))
		}
	}
	c.mountContent(m)
	slices.Sort(c.Languages)
	slices.Sort(c.LanguageDirs)
	return c
}

// mountContent reads the site's module mounts of its content: a site
// that mounts a folder as content has its pages there, whatever
// contentDir says, as Hugo turns contentDir into a mount only when there
// is none (Docsy's sites mount content/en). A mount for another language
// than the default is that language's folder, which is skipped. A mount
// of a folder into part of the content (a target under content/) is not
// read: such a site's pages stay where its folders put them.
func (c *siteConfig) mountContent(m map[string]any) {
	mounts, _ := lower(m["module"])["mounts"].([]any)
	for _, e := range mounts {
		mnt := lower(e)
		source, _ := mnt["source"].(string)
		target, _ := mnt["target"].(string)
		if source == "" || path.Clean(target) != "content" {
			continue
		}
		lang, _ := mnt["lang"].(string)
		// Hugo 0.153's sites.matrix.languages: the mount's languages.
		if langs, ok := lower(lower(mnt["sites"])["matrix"])["languages"].([]any); ok && lang == "" {
			lang = "-" // none of them the default, unless one is
			for _, l := range langs {
				if l, _ := l.(string); strings.EqualFold(l, c.DefaultLanguage) {
					lang = ""
				}
			}
		}
		if lang == "" || strings.EqualFold(lang, c.DefaultLanguage) {
			c.ContentDir = path.Clean(source)
		} else if dir := path.Clean(source); !slices.Contains(c.LanguageDirs, dir) {
			c.LanguageDirs = append(c.LanguageDirs, dir)
		}
	}
	c.LanguageDirs = slices.DeleteFunc(c.LanguageDirs, func(dir string) bool { return dir == c.ContentDir })
}

// lower returns v as a map with lower-case keys, or an empty one.
func lower(v any) map[string]any {
	m, _ := v.(map[string]any)
	out := make(map[string]any, len(m))
	for k, e := range m {
		out[strings.ToLower(k)] = e
	}
	return out
}

func strings_(list []any) []string {
	var out []string
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func toInt(v any) int {
	switch v := v.(type) {
	case int:
		return v
	case int64:
		return int(v)
	case float64:
		return int(v)
	}
	return 0
}
