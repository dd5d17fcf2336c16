#!/bin/bash
# Usage: generator/bench/imageab.sh OLD-COMMIT N [RUNS]
#
# What a change did to the warm image build, measured against the commit
# before it in one run: the binary of OLD-COMMIT and the binary of the
# working tree, each on its own copy of the N-article archive of
# images.sh (the copy shares the images and the image cache by hard
# links, and has an article cache of its own, since each binary keeps
# its own), with and without images, alternated RUNS times (default 5),
# into the folder of the last build (-force, "again") and into an empty
# one ("fresh"). Prints the median wall and CPU time of each, and the
# median ratio of each pair with images to the one without. On a shared
# machine whose speed drifts, CPU time and alternated pairs tell a
# change apart from the drift; two runs of imagewarm.sh minutes apart
# did not. Needs the corpus and the warm cache of images.sh under
# $BENCH_DIR (default /dev/shm/archive-bench): copy them there from the
# disk first if they were made there.
#
# Figures (2 shared cores, tmpfs, N=10000, later on 2026-12-07, the
# commit before fallbacks at two widths against it, three runs): CPU
# with images minus without, into the last build's folder, 1.73 s before
# and 1.03 s after (pairs: wall 1.339x and 1.162x); into an empty one,
# 1.48 s and 1.20 s (1.263x and 1.222x).
# Figures (2 shared cores, tmpfs, N=10000, 2026-12-07, 560e6e7 against
# the day's end), into the folder of the last build:
#   five runs, by hand before this script: 1.52 s more CPU with images
#     than without before, 1.28 s after (pairs in CPU: 1.31x, 1.29x)
#   this script, three runs: 1.72 s before, 0.80 s after (pairs: wall
#     1.296x and 1.197x, CPU 1.266x and 1.181x); into an empty folder,
#     wall 1.349x and 1.314x, CPU 1.333x and 1.290x
set -eu
if [ $# -lt 2 ]; then sed -n '2,25p' "$0" >&2; exit 2; fi
old=$1 n=$2 runs=${3:-5}
repo=$(cd "$(dirname "$0")/../.." && pwd)
d=${BENCH_DIR:-/dev/shm/archive-bench}/images-$n
[ -d "$d/ours/content" ] && [ -d "$d/plain/content" ] || { echo "no $d/ours and $d/plain: run generator/bench/images.sh $n first" >&2; exit 1; }
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
(cd "$repo" && git worktree add -q --detach "$tree/src" "$old" && (cd "$tree/src" && go build -o "$d/bin-old" ./generator); git worktree remove --force "$tree/src")
(cd "$repo" && go build -o "$d/bin-new" ./generator)
# The old binary's copies: the same images and image cache, hard-linked
# (the cache's files are replaced, never written in place), and the
# articles, layouts and config copied, with no article cache.
for k in ours plain; do
	rm -rf "$d/$k-old"
	mkdir -p "$d/$k-old/.folio-cache"
	cp -a "$d/$k/content" "$d/$k/layouts" "$d/$k/config.yaml" "$d/$k-old/"
	cp -al "$d/$k/static" "$d/$k-old/static"
	[ -d "$d/$k/.folio-cache/images" ] && cp -al "$d/$k/.folio-cache/images" "$d/$k-old/.folio-cache/images"
done
src() { # binary-kind → site
	case $1 in
	old-warm) echo "$d/ours-old" ;; old-plain) echo "$d/plain-old" ;;
	new-warm) echo "$d/ours" ;; new-plain) echo "$d/plain" ;;
	esac
}
kinds="old-warm old-plain new-warm new-plain"
for k in $kinds; do
	rm -rf "$d/again-$k" "$d/.again-$k".*
	# Twice: the first fills the binary's article cache and memo.
	"$d/bin-${k%-*}" -source "$(src "$k")" -dest "$d/again-$k" >/dev/null
	"$d/bin-${k%-*}" -source "$(src "$k")" -dest "$d/again-$k" -force >/dev/null
done
times=$d/imageab.times
: >"$times"
for _ in $(seq "$runs"); do
	for k in $kinds; do
		b=$d/bin-${k%-*}
		/usr/bin/time -f "again-$k %e %U %S" -a -o "$times" "$b" -source "$(src "$k")" -dest "$d/again-$k" -force >/dev/null
		rm -rf "$d/fresh" "$d/.fresh".*
		/usr/bin/time -f "fresh-$k %e %U %S" -a -o "$times" "$b" -source "$(src "$k")" -dest "$d/fresh" -force >/dev/null
	done
done
rm -rf "$d/fresh" "$d/.fresh".* "$d"/again-* "$d"/.again-* "$d/ours-old" "$d/plain-old"
median() { sort -n | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}'; }
for m in again fresh; do
	for k in $kinds; do
		printf '%s-%s: wall %s s, CPU %s s\n' "$m" "$k" \
			"$(grep "^$m-$k " "$times" | awk '{print $2}' | median)" \
			"$(grep "^$m-$k " "$times" | awk '{print $3 + $4}' | median)"
	done
	for b in old new; do
		printf '%s %s: pairs, wall %s, CPU %s\n' "$m" "$b" \
			"$(paste -d' ' <(grep "^$m-$b-warm " "$times") <(grep "^$m-$b-plain " "$times") | awk '{printf "%.3f\n", $2 / $6}' | median)" \
			"$(paste -d' ' <(grep "^$m-$b-warm " "$times") <(grep "^$m-$b-plain " "$times") | awk '{printf "%.3f\n", ($3 + $4) / ($7 + $8)}' | median)"
	done
done
