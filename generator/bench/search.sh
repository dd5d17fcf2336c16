#!/bin/sh
# Usage: generator/bench/search.sh N [RUNS] [WORD...]
#
# What a search costs a reader, folio against Pagefind, on the N-article
# archive of ../shared/bench: it builds the archive with folio (as
# bench.sh does, under $BENCH_DIR, default /dev/shm/archive-bench), times
# Pagefind (npm's pagefind, installed under $FOLIO_TOOLS, default
# /tmp/folio-ci-tools, if missing) indexing the same article pages, and
# runs generator/bench/searchbench: each query RUNS times (default 3) in
# headless chromium with an empty cache, on folio's /search/ page and
# through Pagefind's API, counting the bytes served (uncompressed) and the
# time to results. The default words: one in every article, a place with
# a diacritic, a topic, a surname with a diacritic, and a prefix.
# Needs chromium, npm and GNU time: apt-get install -y chromium npm time
set -eu
if [ $# -lt 1 ]; then sed -n '2,15p' "$0" >&2; exit 2; fi
n=$1
runs=${2:-3}
shift $(($# < 2 ? $# : 2))
[ $# -gt 0 ] || set -- said zurich inflation schafer zur
repo=$(cd "$(dirname "$0")/../.." && pwd)
kit=$(cd "$repo/../shared/bench" && pwd)
dir=${BENCH_DIR:-/dev/shm/archive-bench}
tools=${FOLIO_TOOLS:-/tmp/folio-ci-tools}
src=$dir/ours-$n-s1
out=$dir/search-$n
mkdir -p "$dir/bin"
(cd "$repo" && go build -o "$dir/bin/folio" ./generator)
[ -d "$src/content" ] || (cd "$kit/genarchive" && go run . -n "$n" -out "$src")
rm -rf "$src/layouts" "$src/static"
cp -r "$repo/layouts" "$repo/static" "$src/"
sed 's/^paginate: .*/paginate: 50/' "$repo/config.yaml" >"$src/config.yaml"
[ -x "$tools/node_modules/.bin/pagefind" ] || npm install --silent --prefix "$tools" pagefind@1.6.0
echo "folio build, search index included:"
/usr/bin/time -f "  %e s, peak memory %M KB" "$dir/bin/folio" -source "$src" -dest "$out" -force
echo "Pagefind, indexing the article pages folio wrote:"
/usr/bin/time -f "  %e s, peak memory %M KB" "$tools/node_modules/.bin/pagefind" --site "$out" \
	--glob 'articles/**/*.html' --root-selector article --quiet
du -sh "$out/search" "$out/pagefind"
cd "$repo" && go run ./generator/bench/searchbench -site "$out" -runs "$runs" "$@"
