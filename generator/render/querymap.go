package render

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"html/template"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"folio/generator/config"
	"folio/generator/site"
	"folio/generator/urlpath"
)

// An old address with a query (/?p=12, WordPress's plain permalinks and
// shortlinks) reaches a static host as a request for its path: the home
// page. Netlify reads the query's line in _redirects; every other host
// serves the page, so a small script on it (and on the 404 page, for
// paths that are no page) looks the address up and goes on. The lookup
// is a map cut into shards of about queryShardSize addresses, by a hash
// of the address, so that a visitor fetches a few kilobytes however many
// posts the archive has, and the site gains one file per shard rather
// than one per address.
const (
	// QueryMapDir is the map's folder: index.json holds the number of
	// shards, N.json each shard.
	QueryMapDir    = "/query-redirects/"
	queryShardSize = 256
)

// queryPages are the URLs of the pages the old addresses with a query
// are at.
func queryPages(redirects []site.Redirect) map[string]bool {
	at := map[string]bool{}
	for _, r := range redirects {
		if r.Query != "" {
			at[urlpath.PageURL(r.From)] = true
		}
	}
	return at
}

// queryMap plans the map's index and shards.
func (pl *planner) queryMap(basePath string) {
	var list []site.Redirect
	for _, r := range pl.s.Redirects {
		if r.Query != "" {
			list = append(list, r)
		}
	}
	if len(list) == 0 {
		return
	}
	prefix := strings.TrimSuffix(basePath, "/")
	n := (len(list) + queryShardSize - 1) / queryShardSize
	shards := make([]map[string]string, n)
	for i := range shards {
		shards[i] = map[string]string{}
	}
	for _, r := range list {
		// The address as a browser's location gives it: its path escaped,
		// under the base URL's path.
		addr := prefix + urlpath.Escape(r.From) + "?" + r.Query
		shards[queryShard(addr, n)][addr] = prefix + urlpath.Escape(r.To)
	}
	pl.add(config.FileName, &Data{Kind: KindQueryMap, URL: QueryMapDir + "index.json", queryShards: n}, strconv.Itoa(n), nil)
	for i, m := range shards {
		h := fnv.New64a()
		for _, k := range slices.Sorted(maps.Keys(m)) {
			fmt.Fprintf(h, "%s %s\n", k, m[k])
		}
		pl.add(config.FileName, &Data{Kind: KindQueryMap, URL: QueryMapDir + strconv.Itoa(i) + ".json", queryMap: m},
			strconv.FormatUint(h.Sum64(), 16), nil)
	}
}

// queryShard is the shard of an address: 32-bit FNV-1a over its UTF-16
// code units, which the script computes the same way with charCodeAt.
func queryShard(addr string, n int) int {
	h := uint32(2166136261)
	for _, c := range utf16.Encode([]rune(addr)) {
		h ^= uint32(c)
		h *= 16777619
	}
	return int(h % uint32(n))
}

// writeQueryMap writes the map's index or one of its shards as JSON.
func writeQueryMap(w io.Writer, d *Data) error {
	var v any = d.queryMap
	if d.queryShards > 0 {
		v = map[string]int{"shards": d.queryShards}
	}
	return json.NewEncoder(w).Encode(v)
}

// queryScript is the script of RedirectScript; %s is the map's folder as
// a JSON string. It tries each name=value of the query in turn, so that
// /?p=12&utm_source=x still finds /?p=12, and does nothing when the map
// cannot be read: the page is then shown as it is.
const queryScript = `
<script>
(async () => {
  const q = location.search.slice(1);
  if (!q) return;
  const dir = %s;
  try {
    const get = async (f) => (await fetch(dir + f)).json();
    const n = (await get("index.json")).shards;
    for (const pair of q.split("&")) {
      const addr = location.pathname + "?" + pair;
      let h = 2166136261;
      for (let i = 0; i < addr.length; i++) h = Math.imul(h ^ addr.charCodeAt(i), 16777619) >>> 0;
      const to = (await get((h %% n) + ".json"))[addr];
      if (to) { location.replace(to + location.hash); return; }
    }
  } catch (e) {}
})();
</script>`

// RedirectScript is the script that sends a visitor who asked for an old
// address with a query (/?p=12) on to its page, on the pages such
// addresses are at and on the 404 page; "" on every other page, and on
// every page of a site without such addresses. {{ .RedirectScript }} in
// the head of layouts/baseof.html.
func (d *Data) RedirectScript() template.HTML {
	if !d.queryScript {
		return ""
	}
	dir, err := json.Marshal(d.Rel(QueryMapDir))
	if err != nil {
		return ""
	}
	return template.HTML(fmt.Sprintf(queryScript, dir))
}
