"""Usage: wxrcheck.py EXPORT.xml SITE

Checks a folio site SITE migrated from the WordPress export EXPORT.xml and
built (SITE/public), as wxrcheck.sh does: the published posts and pages
whose old address (their <link>) the new site does not answer, the pages
that show a WordPress shortcode or block comment as text, the internal
links that lead nowhere, the featured images carried, and the shortlinks
(/?p=ID) the map of old addresses with a query leads to a page, looked
up as the pages' script looks them up.
"""
import re,sys,os,urllib.parse,html
xml,site=sys.argv[1],sys.argv[2]
pub=os.path.join(site,'public')
s=open(xml,encoding='utf-8',errors='replace').read()
m=re.search(r'<wp:base_blog_url>(.*?)</wp:base_blog_url>',s) or re.search(r'<link>(.*?)</link>',s)
base=m.group(1).strip().rstrip('/'); bp=urllib.parse.urlparse(base).path
items=re.findall(r'<item>(.*?)</item>',s,re.S)
def f(it,tag):
    m=re.search(r'<'+tag+r'>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</'+tag+'>',it,re.S); return m.group(1).strip() if m else ''
def exists(p):
    p=urllib.parse.unquote(p.split('#')[0].split('?')[0])
    fp=os.path.join(pub,p.lstrip('/'))
    return os.path.isfile(os.path.join(fp,'index.html')) if p.endswith('/') or os.path.isdir(fp) else os.path.isfile(fp)
import json
def fnv(a):
    # FNV-1a over UTF-16 code units, as the script computes it.
    b=a.encode('utf-16-le'); h=2166136261
    for i in range(0,len(b),2): h=((h^(b[i]|b[i+1]<<8))*16777619)&0xFFFFFFFF
    return h
qdir=os.path.join(pub,'query-redirects')
shards=json.load(open(os.path.join(qdir,'index.json')))['shards'] if os.path.isdir(qdir) else 0
def query_target(addr):
    if not shards: return None
    return json.load(open(os.path.join(qdir,'%d.json'%(fnv(addr)%shards)))).get(addr)
short=short_ok=0
pub_items=ok=miss=thumb=0
for it in items:
    if f(it,'wp:post_type') not in ('post','page') or f(it,'wp:status')!='publish' or f(it,'wp:post_password'): continue
    pub_items+=1
    if re.search(r'<wp:meta_key>(?:<!\[CDATA\[)?_thumbnail_id',it): thumb+=1
    short+=1
    q='p='+f(it,'wp:post_id') if f(it,'wp:post_id') else urllib.parse.urlparse(html.unescape(f(it,'link'))).query
    t=query_target(bp+'/?'+q)
    if t and exists(t[len(bp):] if bp else t): short_ok+=1
    else: print('  shortlink not answered: /?'+q)
    u=urllib.parse.urlparse(html.unescape(f(it,'link')))
    if u.query or not u.path: continue
    p=urllib.parse.unquote(u.path)[len(bp):] or '/'
    if exists(p): ok+=1
    else: miss+=1; print('  old URL not answered:',p)
imgs=0
for r,d,fs in os.walk(os.path.join(site,'content')):
    for x in fs:
        if x.endswith('.md') and re.search(r'^image: ',open(os.path.join(r,x),encoding='utf-8').read(),re.M): imgs+=1
lit=0; broken=set(); pages=0
for r,d,fs in os.walk(pub):
    for x in fs:
        if not x.endswith('.html'): continue
        pages+=1
        t=open(os.path.join(r,x),encoding='utf-8').read()
        body=re.sub(r'<script.*?</script>','',t,flags=re.S)
        if '<!-- wp:' in body or re.search(r'\[/?(caption|gallery|embed|audio|video|playlist|wpvideo|youtube)\b',body): lit+=1
        rel=os.path.relpath(os.path.join(r,x),pub)
        for h in re.findall(r'(?:href|src)="([^"]+)"',t):
            h=html.unescape(h)
            if re.match(r'^[a-z]+:|^//|^#',h): continue
            target=urllib.parse.urljoin('/'+rel.replace(os.sep,'/'),h)
            if h.startswith(bp+'/') and bp: target=h[len(bp):]  # the 404 page's links carry the base path
            if not exists(target): broken.add(target)
print(f'published posts+pages {pub_items}; old URLs answered {ok}/{ok+miss}; pages with literal shortcodes or wp: comments {lit}; broken internal links {len(broken)}; featured images {thumb} in export, {imgs} carried; shortlinks answered {short_ok}/{short}; {pages} HTML pages')
for b in sorted(broken)[:10]: print('  broken:',b)
