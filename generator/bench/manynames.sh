#!/bin/sh
# Usage: generator/bench/manynames.sh T [T...]
#
# Builds the example site plus one article that names T people, places and
# topics in all (a third each), and prints the build's wall and CPU time,
# peak memory and output size: the output and the work must grow linearly
# with T (issue 13: 1,000 names once made 133 MB, 6,000 made 4.4 GB).
# Needs GNU time: apt-get install -y time
set -eu
if [ $# -lt 1 ]; then sed -n '2,9p' "$0" >&2; exit 2; fi
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/folio" ./generator)
for t in "$@"; do
	site=$work/site-$t
	mkdir -p "$site"
	cp -r "$repo/content" "$repo/layouts" "$repo/static" "$repo/config.yaml" "$site/"
	f=$site/content/articles/2024/08/many-names.md
	mkdir -p "$(dirname "$f")"
	third=$((t / 3))
	{
		printf -- '---\ntitle: "An article with many names"\ndate: 2024-08-01 10:00\nauthor: Anna Kowalczyk\n'
		for tax in people places topics; do
			n=$third
			[ "$tax" = topics ] && n=$((t - 2 * third))
			echo "$tax:"
			awk -v n="$n" -v k="$tax" 'BEGIN { for (i = 1; i <= n; i++) printf "  - %s Name%06d\n", k, i }'
		done
		printf -- '---\n\nA body.\n'
	} >"$f"
	/usr/bin/time -f "$t names: %e s wall, %U s user, %M KB peak" "$work/folio" -source "$site" -dest "$work/out-$t" 2>&1 >/dev/null | grep names:
	echo "$t names: $(du -sb "$work/out-$t" | cut -f1) bytes of output"
	rm -rf "$site" "$work/out-$t"
done
