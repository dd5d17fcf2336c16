#!/bin/sh
# Usage: generator/bench/bench.sh N [RUNS]
#
# Times a full build of an N-article archive by folio against Hugo on the
# same articles, with the benchmark kit in ../shared/bench beside this
# checkout: it builds folio, generates the corpus once (cached under
# $BENCH_DIR, default /dev/shm/archive-bench, tmpfs so the disk's noise is
# left out), copies this repository's layouts/, static/ and config.yaml
# (50 articles a page, as the Hugo site) into it, and runs compare.sh: both
# commands RUNS times (default 3) into empty folders, with each one's peak
# memory, and the ratio. It ends with the time per article of each.
# With LAYOUTS=hugo-like, folio builds with generator/bench/layouts instead:
# pages like the kit's Hugo layouts make (title, date, byline, body and
# term links; lists of links), to compare the two engines on equal pages.
# Needs hugo, hyperfine and GNU time: apt-get install -y hugo hyperfine time
set -eu
if [ $# -lt 1 ]; then sed -n '2,17p' "$0" >&2; exit 2; fi
n=$1
runs=${2:-3}
repo=$(cd "$(dirname "$0")/../.." && pwd)
kit=$(cd "$repo/../shared/bench" && pwd)
for tool in hugo hyperfine /usr/bin/time; do
	command -v "$tool" >/dev/null || { echo "bench.sh: $tool is missing: apt-get install -y hugo hyperfine time" >&2; exit 1; }
done
dir=${BENCH_DIR:-/dev/shm/archive-bench}
src=$dir/ours-$n-s1
mkdir -p "$dir/bin"
(cd "$repo" && go build -o "$dir/bin/folio" ./generator)
[ -d "$src/content" ] || (cd "$kit/genarchive" && go run . -n "$n" -out "$src")
rm -rf "$src/layouts" "$src/static"
cp -r "$repo/static" "$src/"
case ${LAYOUTS:-} in
hugo-like) cp -r "$repo/generator/bench/layouts" "$src/" ;;
'') cp -r "$repo/layouts" "$src/" ;;
*) echo "bench.sh: LAYOUTS is hugo-like or empty" >&2; exit 2 ;;
esac
sed 's/^paginate: .*/paginate: 50/' "$repo/config.yaml" >"$src/config.yaml"
# Hugo's bench site has no search; neither do pages like its pages.
[ "${LAYOUTS:-}" = hugo-like ] && echo 'search: false' >>"$src/config.yaml"
rm -f "$dir/.out.folio-state"
BENCH_DIR=$dir RUNS=$runs "$kit/compare.sh" "$n" \
	"\"$dir/bin/folio\" -source \"\$SRC\" -dest \"\$OUT\" -force" \
	'hugo --quiet --gc --minify=false --cacheDir "$CACHE" -s "$HUGOSRC" -d "$OUT"'
sed -n 's/.*"median": *\([0-9.e+-]*\).*/\1/p' "$dir/result-$n.json" |
	awk -v n="$n" 'NR==1{a=$1} NR==2{b=$1} END{printf "per article: folio %.0f µs, hugo %.0f µs\n", a/n*1e6, b/n*1e6}'
