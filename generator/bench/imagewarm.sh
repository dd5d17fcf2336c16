#!/bin/bash
# Usage: generator/bench/imagewarm.sh N [RUNS]
#
# What images cost a build once they are made: folio on the N-article
# archive of images.sh (run that first: it makes the corpus, the images
# and the warm image cache under $BENCH_DIR/images-N) against the same
# archive without images, alternated, RUNS pairs (default 5), two ways:
# into an empty folder ("fresh", as on CI with .folio-cache kept), and
# with -force into the folder of the last build of the same site
# ("again"). Both sites keep their article caches. Prints each run and
# the medians.
#
# Figures (2 shared cores, tmpfs, N=10000, later on 2026-12-07, after
# fallbacks at two widths; five pairs, then seven with .Thumb):
#   fresh-warm median: 3.84, 3.91   fresh-plain: 3.33, 3.17   (pairs: 1.15x, 1.23x)
#   again-warm median: 3.44, 3.31   again-plain: 2.76, 2.78   (pairs: 1.22x, 1.21x)
# Earlier (2026-12-07, five pairs; two
# runs of the script minutes apart, after thumbnails lost their fallback
# srcset and a stripped copy was known by its name):
#   fresh-warm median: 3.83, 4.27   fresh-plain: 3.04, 3.08   (pairs: 1.29x, 1.31x)
#   again-warm median: 3.32, 3.45   again-plain: 2.73, 2.80   (pairs: 1.20x, 1.23x)
# Earlier that day, after the walk by folder listings and inode numbers:
#   fresh-warm median: 4.41   fresh-plain median: 3.25   (pairs: 1.30x)
#   again-warm median: 3.65   again-plain median: 2.77   (pairs: 1.29x)
set -eu
if [ $# -lt 1 ]; then sed -n '2,20p' "$0" >&2; exit 2; fi
n=$1 runs=${2:-5}
repo=$(cd "$(dirname "$0")/../.." && pwd)
d=${BENCH_DIR:-/dev/shm/archive-bench}/images-$n
[ -d "$d/ours/content" ] && [ -d "$d/plain/content" ] || { echo "no $d/ours and $d/plain: run generator/bench/images.sh $n first" >&2; exit 1; }
bin=$d/bin-folio
(cd "$repo" && go build -o "$bin" ./generator)
times=$d/imagewarm.times
: >"$times"
for k in warm plain; do
	src=$d/ours; [ $k = plain ] && src=$d/plain
	rm -rf "$d/again-$k" "$d/.again-$k".*
	"$bin" -source "$src" -dest "$d/again-$k" >/dev/null
done
i=0
while [ $i -lt "$runs" ]; do
	for k in warm plain; do
		src=$d/ours; [ $k = plain ] && src=$d/plain
		rm -rf "$d/fresh" "$d/.fresh".*
		/usr/bin/time -f "fresh-$k %e %U %S %M" -a -o "$times" "$bin" -source "$src" -dest "$d/fresh" -force >/dev/null
		/usr/bin/time -f "again-$k %e %U %S %M" -a -o "$times" "$bin" -source "$src" -dest "$d/again-$k" -force >/dev/null
	done
	i=$((i + 1))
done
rm -rf "$d/fresh" "$d/.fresh".* "$d/again-warm" "$d/again-plain" "$d/.again-"*
cat "$times"
mid=$(( (runs + 1) / 2 ))
for k in fresh-warm fresh-plain again-warm again-plain; do
	echo "$k median: $(grep "^$k " "$times" | awk '{print $2}' | sort -n | sed -n "${mid}p")"
done
# The ratio of each pair (the warm build and the plain one just after
# it), then their median: on a shared machine whose speed drifts, a
# pair's two builds see the same load more often than two medians do.
for k in fresh again; do
	echo "$k ratio, median of pairs: $(paste -d' ' <(grep "^$k-warm " "$times" | awk '{print $2}') <(grep "^$k-plain " "$times" | awk '{print $2}') |
		awk '{printf "%.3f\n", $1 / $2}' | sort -n | sed -n "${mid}p")"
done
