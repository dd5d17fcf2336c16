#!/bin/sh
# Usage: generator/bench/wxrcheck.sh EXPORT.xml [MIGRATE_FLAGS…]
#
# Migrates the WordPress export EXPORT.xml (with -comments and any other
# migrate flags given, such as -uploads DIR), builds the new site, and
# prints the time and peak memory of both; wxrcheck.py then counts the
# old post and page URLs answered, pages showing shortcodes or block
# comments as text, broken internal links and featured images carried.
# Needs GNU time and python3.
set -eu
if [ $# -lt 1 ]; then sed -n '2,9p' "$0" >&2; exit 2; fi
repo=$(cd "$(dirname "$0")/../.." && pwd)
export_file=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/folio" ./generator)
/usr/bin/time -o "$work/time" -f "migrate: %e s, peak %M KB" "$work/folio" migrate -look "$repo" -comments "$@" "$export_file" "$work/site" >"$work/migrate.log"
head -1 "$work/migrate.log"
cat "$work/time"
cd "$work/site"
/usr/bin/time -o "$work/time" -f "build: %e s, peak %M KB" "$work/folio" >"$work/build.log" 2>&1 || { tail -5 "$work/build.log"; exit 1; }
tail -1 "$work/build.log"
cat "$work/time"
python3 "$repo/generator/bench/wxrcheck.py" "$export_file" "$work/site"
