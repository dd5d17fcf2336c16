// The search page's script. It queries the index that the generator writes
// under /search/ (generator/search), fetching only the files a query
// needs: meta.json once, the shard of each word, the records of the
// articles it shows and the article lists of the filters it offers.
//
// fold and the word pattern must match generator/search/fold.go.

const FORMAT = 3;
const PAGE = 10; // results shown at a time
const PREFIX_BUDGET = 96 * 1024; // bytes of shards a prefix may fetch beyond its own
const CHIPS = 5; // filters offered per taxonomy
const CLASS_WEIGHT = [1, 2, 3, 4]; // body, summary, terms, title

const SPECIAL = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d",
  "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t", "ς": "σ" };
const SPECIAL_RE = new RegExp("[" + Object.keys(SPECIAL).join("") + "]", "g");
const WORD_RE = /[\p{L}\p{N}\p{M}]+(?:['’ʼ][\p{L}\p{N}\p{M}]+)*/gu;
const APOSTROPHE_RE = /['’ʼ]/u;
const MAX_WORD = 40;
const MAX_QUERY_WORDS = 16;

// TEXT is what the page says, in English. The layout may give its own,
// in the language of the site, as JSON in <script id="search-text">: each
// message either a string or, where it counts, one per plural category of
// Intl.PluralRules ("one", "few", "other"…); {n}, {q}, {year}, {error},
// {authors}, {kind} and {name} are filled in.
const TEXT = {
  matches: { one: "{n} article matches “{q}”", other: "{n} articles match “{q}”" },
  none: "No article matches “{q}”",
  atLeast: { one: "At least {n} article matches “{q}”", other: "At least {n} articles match “{q}”" },
  some: { one: "No article has all of “{q}”; {n} article has some of its words", other: "No article has all of “{q}”; {n} articles have some of its words" },
  inYear: "in {year}",
  withFilters: "with the filters chosen",
  filters: "Filter by year, people, places, topics",
  filtersChosen: { one: "Filters ({n} chosen)", other: "Filters ({n} chosen)" },
  year: "Year",
  results: { one: " result", other: " results" },
  inText: "In the text",
  named: "Named",
  by: "by {authors}",
  termPage: "{kind}: {name}, and every article that names them",
  unavailable: "Search is not available: {error}",
};

// Words fills in TEXT, or the layout's own messages.
export class Words {
  constructor(own, lang) {
    this.text = { ...TEXT, ...own };
    // A language tag the browser does not take (en_US) leaves its default.
    try {
      this.lang = Intl.getCanonicalLocales((lang || "").replace(/_/g, "-"))[0];
    } catch {
      this.lang = undefined;
    }
    this.plural = new Intl.PluralRules(this.lang);
  }
  say(key, vars = {}) {
    const form = (m) => {
      if (typeof m === "string") return m;
      if (m && typeof m === "object") {
        const f = m[this.plural.select(vars.n ?? 0)] ?? m.other;
        if (typeof f === "string") return f;
      }
      return undefined;
    };
    // The layout's message, else the English one, in the count's form.
    const m = form(this.text[key]) ?? form(TEXT[key]) ?? "";
    return m.replace(/\{(n|q|year|error|authors|kind|name)\}/g, (all, k) => {
      if (vars[k] === undefined) return all;
      return k === "n" ? Number(vars.n).toLocaleString(this.lang) : String(vars[k]);
    });
  }
}

// fold drops diacritics and case: "Zürich" → "zurich", "Łódź" → "lodz".
export function fold(s) {
  return s.normalize("NFD").replace(/\p{Mn}/gu, "").toLowerCase()
    .replace(SPECIAL_RE, (c) => SPECIAL[c]).normalize("NFC");
}

// parseQuery returns the words of a query, folded. The last word is a
// prefix, unless the query ends past it: that is the word being typed.
export function parseQuery(q) {
  const words = [];
  let end = 0;
  for (const m of q.matchAll(WORD_RE)) {
    for (const part of m[0].split(APOSTROPHE_RE)) {
      const word = fold(part); // a word of marks alone folds to nothing
      if (word && [...part].length <= MAX_WORD) words.push({ word, prefix: false });
    }
    end = m.index + m[0].length;
  }
  // Sixteen words are plenty, and keep scores small (see Index.rank).
  const typing = end === q.length && words.length <= MAX_QUERY_WORDS;
  words.splice(MAX_QUERY_WORDS);
  const last = words[words.length - 1];
  if (last && typing && [...last.word].length >= 2) last.prefix = true;
  // A word twice counts once.
  const seen = new Map();
  for (const w of words) {
    const old = seen.get(w.word);
    seen.set(w.word, { word: w.word, prefix: w.prefix || (old ? old.prefix : false) });
  }
  return [...seen.values()];
}

// Reader decodes the varints of the index files.
class Reader {
  constructor(bytes, pos = 0) { this.b = bytes; this.pos = pos; }
  uvarint() {
    let v = 0, shift = 0, c;
    do {
      c = this.b[this.pos++];
      v += (c & 0x7f) * 2 ** shift;
      shift += 7;
    } while (c & 0x80);
    return v;
  }
  // list calls fn with each position of a list and returns its length;
  // see appendList in generator/search/encode.go.
  list(fn) {
    const head = this.uvarint();
    const n = Math.floor(head / 2);
    if (n === 0) return 0;
    if (head & 1) {
      const first = this.uvarint(), len = this.uvarint();
      const end = this.pos + len;
      for (let i = this.pos; i < end; i++) {
        let byte = this.b[i];
        while (byte) {
          const bit = 31 - Math.clz32(byte & -byte);
          fn(first + (i - this.pos) * 8 + bit);
          byte &= byte - 1;
        }
      }
      this.pos = end;
      return n;
    }
    let id = 0;
    for (let i = 0; i < n; i++) {
      id += this.uvarint();
      fn(id);
    }
    return n;
  }
  skipList() {
    const head = this.uvarint();
    if (head < 2) return;
    if (head & 1) {
      this.uvarint(); // the first position
      const len = this.uvarint(); // read before pos, which it moves
      this.pos += len;
      return;
    }
    for (let i = Math.floor(head / 2); i > 0; i--) this.uvarint();
  }
}

// keyName is a shard's file name, as keyName in encode.go makes it.
function keyName(key) {
  if (key === "") return "_";
  let out = "";
  for (const c of new TextEncoder().encode(key)) {
    out += (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)
      ? String.fromCharCode(c) : "_" + c.toString(16).padStart(2, "0");
  }
  return /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/.test(out) ? out + "_" : out;
}

// Index is the search index of one site, fetched piece by piece.
export class Index {
  constructor(base, meta) {
    this.base = base;
    this.meta = meta;
    this.keys = new Set(meta.shards);
    this.files = new Map(); // name → promise of its contents
    this.shards = new Map(); // key → promise of Map(word → offset)
    this.yearOf = new Int32Array(meta.docs);
    let at = 0;
    for (const [year, count] of meta.years) {
      this.yearOf.fill(year, at, at + count);
      at += count;
    }
  }

  static async open(base) {
    const res = await fetch(new URL("meta.json", base), { cache: "no-cache" });
    if (!res.ok) throw new Error(`meta.json: HTTP ${res.status}`);
    const meta = await res.json();
    if (meta.format !== FORMAT) throw new Error(`the index has format ${meta.format}; this script reads ${FORMAT}`);
    return new Index(base, meta);
  }

  fetch(name, kind) {
    if (!this.files.has(name)) {
      const url = new URL(name + "?v=" + this.meta.version, this.base);
      this.files.set(name, fetch(url).then((res) => {
        if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
        return kind === "json" ? res.json() : res.arrayBuffer().then((b) => new Uint8Array(b));
      }).catch((err) => { this.files.delete(name); throw err; }));
    }
    return this.files.get(name);
  }

  // shardOf is the key of the shard that holds word.
  shardOf(word) {
    for (let l = word.length; l > 0; l--) {
      if (this.keys.has(word.slice(0, l))) return word.slice(0, l);
    }
    return "";
  }

  // shardsFor lists the shards a query word needs: its own, and for a
  // prefix those of longer keys it begins, as long as they fit the budget;
  // partial says some did not.
  shardsFor(w) {
    const own = this.shardOf(w.word);
    const keys = [own];
    let partial = false;
    if (w.prefix) {
      let budget = PREFIX_BUDGET;
      this.meta.shards.forEach((key, i) => {
        if (key === own || !key.startsWith(w.word)) return;
        if (this.meta.sizes[i] > budget) {
          partial = true;
          return;
        }
        budget -= this.meta.sizes[i];
        keys.push(key);
      });
    }
    return { keys, partial };
  }

  shard(key) {
    if (!this.shards.has(key)) {
      this.shards.set(key, this.fetch(`w/${keyName(key)}.bin`).then((bytes) => {
        const words = new Map();
        const r = new Reader(bytes);
        const text = new TextDecoder();
        while (r.pos < bytes.length) {
          const len = r.uvarint();
          const word = text.decode(bytes.subarray(r.pos, r.pos + len));
          r.pos += len;
          words.set(word, r.pos);
          for (let c = 0; c < 4; c++) r.skipList();
        }
        return { bytes, words };
      }).catch((err) => { this.shards.delete(key); throw err; }));
    }
    return this.shards.get(key);
  }

  // scores returns, for each article, how well it matches one query word,
  // from the shards it is in: 0 not at all, else twice the weight of the
  // best place it has the word in, plus one for the whole word rather than
  // a longer one.
  scores(w, shards) {
    const out = new Uint8Array(this.meta.docs);
    for (const { bytes, words } of shards) {
      for (const [word, pos] of words) {
        const exact = word === w.word;
        if (!exact && !(w.prefix && word.startsWith(w.word))) continue;
        const r = new Reader(bytes, pos);
        for (let c = 3; c >= 0; c--) {
          const score = CLASS_WEIGHT[c] * 2 + (exact ? 1 : 0);
          r.list((id) => { if (out[id] < score) out[id] = score; });
        }
      }
    }
    return out;
  }

  async term(id) {
    const mask = new Uint8Array(this.meta.docs);
    new Reader(await this.fetch(`t/${id}.bin`)).list((i) => { mask[i] = 1; });
    return mask;
  }

  async termName(id) {
    const names = await this.fetch(`t/n${Math.floor(id / this.meta.termsPerFile)}.json`, "json");
    const [tax, name, url] = names[id % this.meta.termsPerFile];
    return { id, taxonomy: this.meta.taxonomies[tax], name, url };
  }

  // termByURL finds a term by its URL without the leading slash, as a
  // shared address names it: the name files are read, eight at a time and
  // the most used terms first, until it turns up.
  async termByURL(url) {
    const per = this.meta.termsPerFile, files = Math.ceil(this.meta.terms / per);
    for (let from = 0; from < files; from += 8) {
      const batch = [];
      for (let n = from; n < Math.min(files, from + 8); n++) batch.push(this.fetch(`t/n${n}.json`, "json"));
      const found = (await Promise.all(batch)).map((names) => names.findIndex((t) => t[2] === url));
      const k = found.findIndex((i) => i >= 0);
      if (k >= 0) return this.termName((from + k) * per + found[k]);
    }
    return null;
  }

  async doc(id) {
    const per = this.meta.docsPerFile;
    const recs = await this.fetch(`d/${Math.floor(id / per)}.json`, "json");
    const [title, url, iso, date, summary, terms, thumb, authors] = recs[id % per];
    return { id, title, url, iso, date, summary, terms, thumb, authors };
  }

  // search returns the articles that have every word of the query, best
  // first; ties go to the newer. When none has them all, it returns those
  // that have some, with anyWord set, the more words the better. filters
  // narrow them: a year, term IDs.
  async search(query, filters = {}) {
    const words = parseQuery(query);
    if (words.length === 0) return { words, ids: [], years: new Map() };
    const wanted = words.map((w) => this.shardsFor(w));
    const [shards, masks] = await Promise.all([
      Promise.all(wanted.map(({ keys }) => Promise.all(keys.map((k) => this.shard(k))))),
      Promise.all((filters.terms || []).map((id) => this.term(id))),
    ]);
    // What follows is the ranking proper, once the files have arrived.
    const started = performance.now();
    const scores = words.map((w, i) => this.scores(w, shards[i]));
    let result = this.rank(scores, masks, filters, true);
    // Only when no year has them all: a year chosen may just lack them.
    if (result.years.size === 0 && words.length > 1) result = { ...this.rank(scores, masks, filters, false), anyWord: true };
    // A prefix whose shards were too many to fetch matched in part.
    const partial = wanted.some((w) => w.partial);
    return { words, ...result, scores, partial, took: performance.now() - started };
  }

  // rank orders the articles that have every word (or, unless every, any
  // word) by the sum of their scores, and counts them by year before the
  // year filter applies.
  rank(scores, masks, filters, every) {
    const n = this.meta.docs;
    const total = new Uint16Array(n);
    const years = new Map();
    // An article with fewer of the words ranks below all that have more.
    const step = every ? 0 : 9 * scores.length + 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      let sum = 0, missing = false;
      for (const s of scores) {
        if (s[i]) sum += s[i] + step;
        else missing = true;
        if (missing && every) break;
      }
      if (!sum || (missing && every)) continue;
      let kept = true;
      for (const m of masks) if (!m[i]) { kept = false; break; }
      if (!kept) continue;
      years.set(this.yearOf[i], (years.get(this.yearOf[i]) || 0) + 1);
      if (filters.year && this.yearOf[i] !== filters.year) continue;
      total[i] = sum;
      if (sum > max) max = sum;
    }
    // Sorting by score is a counting sort: scores are small numbers, and
    // positions are already newest first.
    const buckets = Array.from({ length: max + 1 }, () => []);
    for (let i = 0; i < n; i++) if (total[i]) buckets[total[i]].push(i);
    return { ids: buckets.reverse().flat(), years };
  }
}

// matches reports whether a word of some text, as WORD_RE finds it, is
// one the query looks for: whole, joined or in parts, as the index has it.
function matches(token, words) {
  const split = token.split(APOSTROPHE_RE);
  const forms = [token, split.join(""), ...split].map(fold);
  return words.some((w) => forms.some((f) => f === w.word || (w.prefix && f.startsWith(w.word))));
}

// termHas reports whether a term's name has a query word.
function termHas(name, w) {
  for (const m of name.matchAll(WORD_RE)) if (matches(m[0], [w])) return true;
  return false;
}

// highlight fills el with text, each word the query matches in <mark>.
export function highlight(el, text, words) {
  el.textContent = "";
  let at = 0;
  for (const m of text.matchAll(WORD_RE)) {
    if (!matches(m[0], words)) continue;
    el.append(text.slice(at, m.index));
    const mark = document.createElement("mark");
    mark.textContent = m[0];
    el.append(mark);
    at = m.index + m[0].length;
  }
  el.append(text.slice(at));
}

// Page drives the search page: the form, the status line, the filters
// and the results.
class Page {
  constructor(root) {
    this.root = root;
    this.siteRoot = new URL(root.dataset.root, location.href);
    this.input = document.getElementById("search-query");
    this.status = document.getElementById("search-status");
    this.live = document.getElementById("search-live");
    this.filtersEl = document.getElementById("search-filters");
    this.list = document.getElementById("search-results");
    this.more = document.getElementById("search-more");
    this.termEl = document.getElementById("search-term");
    this.orderEl = document.getElementById("search-order");
    const own = document.getElementById("search-text");
    let words = {};
    try {
      words = own ? JSON.parse(own.textContent) : {};
    } catch {
      // A layout's typo leaves the English words.
    }
    this.words = new Words(words, document.documentElement.lang);
    this.filters = { year: 0, terms: [] };
    this.run = 0; // the latest search; older ones drop their results
    this.index = Index.open(new URL(root.dataset.index, location.href));
    this.index.catch((err) => this.fail(err));

    const params = new URLSearchParams(location.search);
    this.input.value = params.get("q") || "";
    this.filters.year = Number(params.get("year")) || 0;
    // Newest first, or by how well each article matches (the default).
    if (this.orderEl) {
      this.orderEl.value = params.get("order") === "new" ? "new" : "";
      this.orderEl.addEventListener("change", () => this.update());
    }
    // The terms chosen are in the address by their pages' paths.
    this.termURLs = new Map(); // term ID → its path
    const named = params.getAll("in");
    this.input.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.submitted = true; // say the outcome at once
      this.update();
    });
    let timer;
    this.input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.update(), 60);
    });
    this.more.addEventListener("click", () => this.showMore());
    if (!this.input.value) return;
    this.index.then((index) => Promise.all(named.map((u) => index.termByURL(u)))).then((terms) => {
      for (const t of terms) {
        if (!t || this.filters.terms.includes(t.id)) continue;
        this.filters.terms.push(t.id);
        this.termURLs.set(t.id, t.url);
      }
    }).catch(() => {}).finally(() => this.update(true));
  }

  fail(err) {
    this.say(this.words.say("unavailable", { error: err.message }));
  }

  // say shows the outcome of a search, and tells screen readers once the
  // reader pauses: announcing every keystroke's count would talk over the
  // echo of what they type.
  say(text) {
    this.status.textContent = text;
    clearTimeout(this.saying);
    // Emptied first, so that the same words said again are heard again.
    this.live.textContent = "";
    this.saying = setTimeout(() => { this.live.textContent = text; }, this.submitted ? 50 : 800);
    this.submitted = false;
  }

  // update runs the query in the box with the filters chosen. Results show
  // as soon as their records arrive, and the filters after them; on the
  // first search, for a query in the address, both show at once, so that
  // nothing moves under a reader who has not typed anything yet.
  async update(first = false) {
    const run = ++this.run;
    const timing = { start: performance.now() };
    const q = this.input.value;
    const url = new URL(location.href);
    for (const key of ["q", "year", "in", "order"]) url.searchParams.delete(key);
    if (q.trim()) url.searchParams.set("q", q);
    const newest = this.orderEl?.value === "new";
    if (newest) url.searchParams.set("order", "new");
    if (this.filters.year) url.searchParams.set("year", this.filters.year);
    for (const id of this.filters.terms) url.searchParams.append("in", this.termURLs.get(id));
    history.replaceState(null, "", url);
    try {
      const index = await this.index;
      const result = await index.search(q, this.filters);
      // Articles are numbered newest first, standalone pages after them.
      if (newest) result.ids = Array.from(result.ids).sort((a, b) => a - b);
      const docs = await this.records(index, result.ids.slice(0, PAGE));
      if (run !== this.run) return;
      this.result = result;
      // The filters' counts need their terms' article lists, which cost
      // about as much as the rest of a query: they are fetched only while
      // the filters are open (or a filter is chosen). Filters that fail to
      // load are left out; the results stand.
      const chosen = (this.filters.year ? 1 : 0) + this.filters.terms.length;
      const want = result.ids.length > 0 || chosen > 0;
      const open = want && (this.filtersOpen || chosen > 0);
      const filters = open ? this.offerFilters(index, result, docs).catch(() => null) : null;
      if (first && filters) await filters;
      if (run !== this.run) return;
      const items = docs.map((d) => this.item(d));
      this.list.replaceChildren(...items);
      this.name(index, docs, items, run);
      this.showTerm(index, result, docs, run);
      this.shown = docs.length;
      this.more.hidden = this.shown >= result.ids.length;
      this.say(result.words.length ? this.describe(result, q) : "");
      timing.results = performance.now();
      const groups = await filters;
      if (run !== this.run) return;
      this.filtersEl.hidden = !want || (open && !groups?.childElementCount);
      if (want) {
        // Folded away unless opened, so that the results come first.
        const details = document.createElement("details");
        details.open = open;
        const summary = details.appendChild(document.createElement("summary"));
        summary.textContent = chosen ? this.words.say("filtersChosen", { n: chosen }) : this.words.say("filters");
        if (groups) details.append(groups);
        let filled = open;
        details.addEventListener("toggle", () => {
          this.filtersOpen = details.open;
          if (!details.open || filled) return;
          filled = true;
          this.offerFilters(index, result, docs).then((more) => {
            if (run !== this.run) return;
            details.append(more);
            this.filtersEl.hidden = more.childElementCount === 0;
            this.root.dataset.filters = q; // for tests: the filters are in
          }).catch(() => { filled = false; });
        });
        this.filtersEl.replaceChildren(details);
        // A chip clicked is drawn anew: keep the keyboard's place on it,
        // or, when it is gone, on the filters; unless the reader has gone
        // elsewhere meanwhile.
        const at = document.activeElement;
        if (this.refocus && (!at || at === document.body || this.filtersEl.contains(at))) {
          const again = [...this.filtersEl.querySelectorAll("button")].find((b) => b.dataset.key === this.refocus);
          (again || summary).focus();
        }
      }
      this.refocus = null;
      // For tests and tools: the page shows all there is for q, and how
      // long it took, in milliseconds from the start: to the results, to
      // the filters; and the ranking alone.
      timing.shown = performance.now();
      timing.compute = result.took || 0;
      this.timing = timing;
      this.root.dataset.shown = q;
    } catch (err) {
      if (run === this.run) this.fail(err);
    }
  }

  records(index, ids) { return Promise.all(ids.map((id) => index.doc(id))); }

  describe(result, q) {
    const n = result.ids.length;
    const vars = { n, q: q.trim() };
    const key = n === 0 ? "none" : result.anyWord ? "some" : result.partial ? "atLeast" : "matches";
    const parts = [this.words.say(key, vars)];
    if (this.filters.year) parts.push(this.words.say("inYear", { year: this.filters.year }));
    if (this.filters.terms.length) parts.push(this.words.say("withFilters"));
    return parts.join(" ") + ".";
  }

  // showMore adds the next page of results, and moves focus to the first.
  async showMore() {
    // Not disabled while a page is on its way: that would take the focus.
    if (this.loadingMore) return;
    this.loadingMore = true;
    const run = this.run;
    try {
      const docs = await this.records(await this.index, this.result.ids.slice(this.shown, this.shown + PAGE));
      if (run !== this.run || !docs.length) return;
      const items = docs.map((d) => this.item(d));
      this.list.append(...items);
      this.name(await this.index, docs, items, run);
      this.shown += docs.length;
      this.more.hidden = this.shown >= this.result.ids.length;
      items[0].querySelector("a").focus();
    } catch (err) {
      if (run === this.run) this.fail(err);
    } finally {
      this.loadingMore = false;
    }
  }

  item(d) {
    const li = document.createElement("li");
    const article = li.appendChild(document.createElement("article"));
    article.className = "summary";
    if (d.thumb) {
      // The lead image's smallest size, as lists show it; decorative,
      // as the title beside it says what the article is.
      const div = article.appendChild(document.createElement("div"));
      div.className = "thumb";
      const img = div.appendChild(document.createElement("img"));
      img.src = new URL(d.thumb, this.siteRoot).href;
      img.alt = "";
      img.loading = "lazy";
      img.decoding = "async";
    }
    const h = article.appendChild(document.createElement("h2"));
    const a = h.appendChild(document.createElement("a"));
    a.href = new URL(d.url, this.siteRoot).href;
    highlight(a, d.title, this.result.words);
    if (d.date || d.authors) {
      const meta = article.appendChild(document.createElement("p"));
      meta.className = "meta";
      if (d.date) {
        const time = meta.appendChild(document.createElement("time"));
        time.dateTime = d.iso;
        time.textContent = d.date;
      }
      if (d.authors) meta.append((d.date ? " · " : "") + this.words.say("by", { authors: d.authors }));
    }
    if (d.summary) highlight(article.appendChild(document.createElement("p")), d.summary, this.result.words);
    // Words matched where the result does not show them: say where.
    const where = article.appendChild(document.createElement("p"));
    where.className = "meta search-where";
    this.explain(where, d);
    if (!where.textContent) where.remove();
    return li;
  }

  // explain says which words matched only in the article's text or in the
  // names of its terms; with the terms' names at hand (from names, by ID),
  // which names: "Places: Zürich".
  explain(el, d, names) {
    const text = [], named = new Map(); // taxonomy title → names matched
    this.result.words.forEach((w, i) => {
      const weight = this.result.scores[i][d.id] >> 1; // see CLASS_WEIGHT
      if (weight === CLASS_WEIGHT[0]) text.push(`“${w.word}${w.prefix ? "…" : ""}”`);
      if (weight !== CLASS_WEIGHT[2]) return;
      const terms = names ? d.terms.map((id) => names.get(id)).filter((t) => t && termHas(t.name, w)) : [];
      const label = this.words.say("named");
      if (!terms.length) named.set(label, [...(named.get(label) || []), `“${w.word}${w.prefix ? "…" : ""}”`]);
      for (const t of terms) {
        const list = named.get(t.taxonomy.title) || [];
        if (!list.includes(t.name)) named.set(t.taxonomy.title, [...list, t.name]);
      }
    });
    const parts = [...named].map(([title, list]) => `${title}: ${list.join(", ")}`);
    if (text.length) parts.push(`${this.words.say("inText")}: ${text.join(", ")}`);
    el.textContent = parts.join(" · ");
  }

  // showTerm puts a person's, place's or topic's page first when the
  // query is its name: "vladimir putin" leads to /people/vladimir-putin/
  // before the articles. The term is looked for among those of the first
  // results, which a query of its name ranks first.
  async showTerm(index, result, docs, run) {
    if (!this.termEl) return;
    let found = null;
    const words = result.anyWord ? [] : result.words;
    if (words.length) {
      try {
        const ids = [...new Set(docs.flatMap((d) => d.terms))];
        const names = await Promise.all(ids.map((id) => index.termName(id)));
        found = names.find((t) => {
          const parts = [...t.name.matchAll(WORD_RE)].map((m) => m[0]);
          return parts.length === words.length && words.every((w) => termHas(t.name, w)) &&
            parts.every((p) => words.some((w) => matches(p, [w])));
        }) || null;
      } catch {
        found = null; // the results stand without it
      }
    }
    if (run !== this.run) return;
    this.termEl.replaceChildren();
    this.termEl.hidden = !found;
    if (!found) return;
    const a = this.termEl.appendChild(document.createElement("a"));
    a.href = new URL(found.url, this.siteRoot).href;
    a.textContent = this.words.say("termPage", { kind: found.taxonomy.singular || found.taxonomy.title, name: found.name });
  }

  // name rewrites the results' explanations with their terms' names, once
  // those are fetched; the results do not wait for them.
  async name(index, docs, items, run) {
    if (!items.some((li) => li.querySelector(".search-where"))) return;
    try {
      const ids = [...new Set(docs.flatMap((d) => d.terms))];
      const names = new Map((await Promise.all(ids.map((id) => index.termName(id)))).map((t) => [t.id, t]));
      if (run !== this.run) return;
      docs.forEach((d, i) => {
        const el = items[i].querySelector(".search-where");
        if (el) this.explain(el, d, names);
      });
    } catch {
      // The explanations stay as they are.
    }
  }

  // offerFilters makes the filters for a result: the years it spans, and
  // for each taxonomy the terms most named by the results shown, each with
  // the number of results it narrows to. Chosen filters always show.
  async offerFilters(index, result, docs) {
    const counts = new Map();
    for (const d of docs) for (const id of d.terms) counts.set(id, (counts.get(id) || 0) + 1);
    const chosen = new Set(this.filters.terms);
    const named = await Promise.all([...new Set([...chosen, ...counts.keys()])].map((id) => index.termName(id)));
    const picked = [];
    for (const tax of index.meta.taxonomies) {
      const mine = named.filter((t) => t.taxonomy === tax && !chosen.has(t.id))
        .sort((a, b) => counts.get(b.id) - counts.get(a.id) || a.id - b.id);
      picked.push(...named.filter((t) => t.taxonomy === tax && chosen.has(t.id)), ...mine.slice(0, CHIPS));
    }
    const terms = await Promise.all(picked.map(async (t) => {
      const mask = await index.term(t.id);
      let n = 0;
      for (const i of result.ids) n += mask[i];
      return { ...t, count: n };
    }));

    const out = document.createDocumentFragment();
    const group = (legend, chips) => {
      if (!chips.length) return;
      const fs = out.appendChild(document.createElement("fieldset"));
      fs.appendChild(document.createElement("legend")).textContent = legend;
      const ul = fs.appendChild(document.createElement("ul"));
      ul.className = "chips";
      for (const c of chips) {
        const b = ul.appendChild(document.createElement("li")).appendChild(document.createElement("button"));
        b.type = "button";
        b.dataset.key = `${legend}\n${c.label}`;
        b.setAttribute("aria-pressed", c.on ? "true" : "false");
        b.append(c.label + " ");
        const count = b.appendChild(document.createElement("span"));
        count.className = "count";
        count.textContent = c.count.toLocaleString(this.words.lang);
        const unit = count.appendChild(document.createElement("span"));
        unit.className = "visually-hidden";
        unit.textContent = this.words.say("results", { n: c.count });
        b.addEventListener("click", () => {
          c.toggle();
          this.refocus = b.dataset.key;
          this.update();
        });
      }
    };
    const years = [...result.years.entries()].filter(([y]) => y).sort((a, b) => b[0] - a[0]);
    if (years.length > 1 || this.filters.year) {
      group(this.words.say("year"), years.map(([y, count]) => ({
        label: String(y), count, on: y === this.filters.year,
        toggle: () => { this.filters.year = this.filters.year === y ? 0 : y; },
      })));
    }
    for (const tax of index.meta.taxonomies) {
      const chips = terms.filter((t) => t.taxonomy === tax && (t.count > 0 || chosen.has(t.id)))
        .sort((a, b) => chosen.has(b.id) - chosen.has(a.id) || b.count - a.count);
      group(tax.title, chips.map((t) => ({
        label: t.name, count: t.count, on: chosen.has(t.id),
        toggle: () => {
          const terms = this.filters.terms;
          this.filters.terms = terms.includes(t.id) ? terms.filter((id) => id !== t.id) : [...terms, t.id];
          this.termURLs.set(t.id, t.url);
        },
      })));
    }
    return out;
  }
}

const root = document.getElementById("search");
if (root) window.folioSearch = new Page(root);
