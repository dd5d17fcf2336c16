#!/bin/sh
# Usage: generator/bench/migrate.sh SRC [LIST.csv OLD_PUBLIC TAXONOMY_DIRS]
#
# Migrates the Hugo, Jekyll or Eleventy site SRC into a new folio site,
# builds it, and prints the time and peak memory of both. Given the old
# site's `hugo list all` output (LIST.csv), its built output (OLD_PUBLIC)
# and its taxonomies' folders (authors,tags), migratecheck.py then counts
# the old article and term URLs the new site answers (page or redirect),
# and the pages that show shortcode or Liquid text, entities or Markdown
# in titles, or ids in bylines. Needs GNU time and python3.
set -eu
if [ $# -lt 1 ]; then sed -n '2,11p' "$0" >&2; exit 2; fi
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/folio" ./generator)
/usr/bin/time -o "$work/time" -f "migrate: %e s, peak %M KB" "$work/folio" migrate -look "$repo" "$1" "$work/site" >"$work/migrate.log"
head -2 "$work/migrate.log"
cat "$work/time"
cd "$work/site"
if /usr/bin/time -f "build: %e s, peak %M KB" "$work/folio" >"$work/build.log" 2>&1; then echo "build: exit 0"; else echo "build: failed"; fi
grep -v warning "$work/build.log" | tail -3
echo "raw HTML: $(grep -c 'raw HTML: removed' "$work/build.log" || true) files had elements removed by the sanitizer"
if [ $# -ge 4 ]; then
	python3 "$repo/generator/bench/migratecheck.py" "$2" "$3" "$work/site/public" "$4"
fi
