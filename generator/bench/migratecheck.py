#!/usr/bin/env python3
"""migratecheck.py LIST.csv OLD_PUBLIC FOLIO_PUBLIC TAXONOMY_DIRS

Checks a folio build of a migrated site against the old site:
- every article URL Hugo published (from `hugo list all`, not draft, not
  expired, not future) is answered in FOLIO_PUBLIC by a page or a redirect;
- every page of OLD_PUBLIC under a taxonomy folder (term pages) likewise;
- no folio page shows literal shortcode/Liquid text outside code;
- no title/heading shows entities or Markdown markup;
- no article past its expiry date is a page;
- no byline or term link shows an id (its slug) for a name.
"""
import csv, os, re, sys, html
from datetime import datetime, timezone
from urllib.parse import urlparse, unquote

lst, hugo_pub, folio_pub = sys.argv[1:4]
now = datetime.now(timezone.utc)

def parse(d):
    try:
        return datetime.fromisoformat(d.replace('Z', '+00:00'))
    except Exception:
        return None

def answer(path):
    path = unquote(path)
    f = os.path.join(folio_pub, path.lstrip('/'))
    if path.endswith('/'):
        f = os.path.join(f, 'index.html')
    elif not os.path.exists(f) and os.path.exists(os.path.join(f, 'index.html')):
        f = os.path.join(f, 'index.html')
    if not os.path.isfile(f):
        # case-insensitive hosts are not assumed
        return 'missing'
    with open(f, 'rb') as fh:
        head = fh.read(2048)
    return 'redirect' if b'http-equiv="refresh"' in head or b'http-equiv=refresh' in head else 'page'

counts = {'page': 0, 'redirect': 0, 'missing': 0}
missing = []
expired_published = []
rows = list(csv.DictReader(open(lst)))
for r in rows:
    kind = r.get('kind', 'page')
    if kind != 'page':
        continue
    if r['draft'] == 'true':
        continue
    exp, pub = parse(r['expiryDate']), parse(r['publishDate'])
    path = urlparse(r['permalink']).path
    if exp and exp.year > 1 and exp < now:
        if answer(path) == 'page':
            expired_published.append(r['path'])
        continue
    if pub and pub > now:
        continue
    a = answer(path)
    counts[a] += 1
    if a == 'missing':
        missing.append((r['path'], path))

print(f"articles: {sum(counts.values())} answered by page {counts['page']}, by redirect {counts['redirect']}, missing {counts['missing']}")
for m in missing[:15]:
    print('  missing:', m[0], '->', m[1])
print(f"expired but published: {len(expired_published)}")

# term pages of the old site
if os.path.isdir(hugo_pub):
    tc = {'page': 0, 'redirect': 0, 'missing': 0}
    tmiss = []
    tax = sys.argv[4].split(',') if len(sys.argv) > 4 else []
    for t in tax:
        root = os.path.join(hugo_pub, t)
        for dp, dn, fn in os.walk(root):
            if 'index.html' in fn:
                rel = '/' + os.path.relpath(dp, hugo_pub) + '/'
                if '/page/' in rel:
                    continue
                a = answer(rel)
                tc[a] += 1
                if a == 'missing':
                    tmiss.append(rel)
    print(f"term pages: {sum(tc.values())} answered by page {tc['page']}, by redirect {tc['redirect']}, missing {tc['missing']}")
    for m in tmiss[:15]:
        print('  missing:', m)

# literal shortcode / Liquid text, entities and markup in titles
code = re.compile(rb'<(pre|code)\b.*?</\1>', re.S)
lit = re.compile(rb'\{\{(&lt;|<|%)|\{%|%\}|\{\{\s*(site|page)\.')
ent = re.compile(rb'&amp;(#\d+|#x[0-9a-f]+|[a-z]+);', re.I)
heads = re.compile(rb'<(title|h1)[^>]*>(.*?)</\1>', re.S)
shown, titles = [], []
for dp, dn, fn in os.walk(folio_pub):
    for f in fn:
        if not f.endswith('.html'):
            continue
        p = os.path.join(dp, f)
        b = open(p, 'rb').read()
        body = code.sub(b'', b)
        if lit.search(body):
            shown.append(os.path.relpath(p, folio_pub))
        for m in heads.finditer(b):
            t = re.sub(rb'<[^>]+>', b'', m.group(2))
            if ent.search(t) or b'**' in t or b'__' in t or re.search(rb'(^|\s)_\w', t) or b'`' in t:
                titles.append((os.path.relpath(p, folio_pub), t[:80]))
print(f"pages showing shortcode or Liquid text: {len(shown)}")
for s in shown[:10]:
    print('  ', s)
print(f"titles showing entities or Markdown markup: {len(titles)}")
for s in titles[:10]:
    print('  ', s)

# bylines and term names showing ids: links to a taxonomy term whose text is
# the term's slug while its profile (or the term page's heading) has another name
import glob
names = {}
for f in glob.glob(os.path.join(folio_pub, '*', '*', 'index.html')):
    rel = os.path.relpath(os.path.dirname(f), folio_pub)
    b = open(f, 'rb').read()
    m = re.search(rb'<h1>([^<]*)</h1>', b)
    if m:
        names[rel] = html.unescape(m.group(1).decode('utf-8', 'replace')).strip()
ids = total = 0
link = re.compile(r'href="[^"]*?(authors|people|author)/([^/"#]+)/"[^>]*>([^<]+)<')
for dp, dn, fn in os.walk(folio_pub):
    for f in fn:
        if not f.endswith('.html'):
            continue
        s = open(os.path.join(dp, f), encoding='utf-8', errors='replace').read()
        for m in link.finditer(s):
            total += 1
            text = html.unescape(m.group(3)).strip()
            shown = names.get(m.group(1) + '/' + unquote(m.group(2)), text)
            if text == unquote(m.group(2)) and ('-' in text or text.islower()) and ' ' not in text:
                ids += 1
print(f"author/person links: {total}, showing an id: {ids}")
