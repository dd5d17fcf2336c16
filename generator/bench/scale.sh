#!/bin/sh
# Usage: generator/bench/scale.sh N...
#
# How folio grows with the archive, against Hugo, one run each per size
# (a 200,000-article build takes minutes): for each N, the kit's corpus
# (generated once under $BENCH_DIR, default /dev/shm/archive-bench) is
# built by folio with its default layouts, by folio with layouts like the
# kit's Hugo pages (generator/bench/layouts), by Hugo 0.165 ($HUGO, else
# ~/go/bin/hugo) and by Debian's Hugo ($HUGO_DEBIAN, else /usr/bin/hugo),
# each into an empty folder, under GNU time; folio first with no article
# cache (.folio-cache), then again with the cache its first run left.
# Then folio's incremental builds into the folder its first build wrote:
# after one article is edited, and after 50 articles are added. It prints one line a run, and a
# table with the time and peak memory per article.
#
# HUGO_MAX (default 200000) skips Hugo above that many articles, where it
# needs more memory than the machine has; TIMEOUT (default 3600 s) stops a
# run that takes longer. Needs GNU time and, for Hugo, hugo.
#
#   BENCH_DIR=/dev/shm/archive-bench generator/bench/scale.sh 1000 10000 50000 200000
set -eu
if [ $# -lt 1 ]; then sed -n '2,20p' "$0" >&2; exit 2; fi
repo=$(cd "$(dirname "$0")/../.." && pwd)
kit=$(cd "$repo/../shared/bench" && pwd)
dir=${BENCH_DIR:-/dev/shm/archive-bench}
hugo=${HUGO:-$HOME/go/bin/hugo}
hugo_debian=${HUGO_DEBIAN:-/usr/bin/hugo}
hugo_max=${HUGO_MAX:-200000}
timeout=${TIMEOUT:-3600}
mkdir -p "$dir/bin"
(cd "$repo" && go build -o "$dir/bin/folio" ./generator)
folio=$dir/bin/folio
results=$dir/scale-results.txt
: >"$results"

# run NAME N COMMAND: one timed run; appends "NAME N wall user sys peakKB".
run() {
	name=$1 n=$2 cmd=$3
	if ! /usr/bin/time -f "%e %U %S %M" -o "$dir/time.txt" timeout "$timeout" sh -c "$cmd" >"$dir/$name-$n.log" 2>&1; then
		echo "$name $n: failed or timed out (see $dir/$name-$n.log)"
		echo "$name $n - - - -" >>"$results"
		return
	fi
	set -- $(tail -1 "$dir/time.txt")
	echo "$name $n $1 $2 $3 $4" >>"$results"
	echo "$name $n: $1 s wall, $2 s user, $3 s system, peak $4 KB"
}

for n in "$@"; do
	ours=$dir/ours-$n-s1 hugosrc=$dir/hugo-$n-s1
	[ -d "$ours/content" ] || (cd "$kit/genarchive" && go run . -n "$n" -out "$ours")
	[ -d "$hugosrc/content" ] || (cd "$kit/genarchive" && go run . -n "$n" -format hugo -out "$hugosrc")
	like=$dir/like-$n
	mkdir -p "$like"
	[ -d "$like/content" ] || cp -al "$ours/content" "$like/content"
	for site in "$ours" "$like"; do
		rm -rf "$site/layouts" "$site/static"
		cp -r "$repo/static" "$site/"
		sed 's/^paginate: .*/paginate: 50/' "$repo/config.yaml" >"$site/config.yaml"
	done
	cp -r "$repo/layouts" "$ours/"
	cp -r "$repo/generator/bench/layouts" "$like/"
	echo 'search: false' >>"$like/config.yaml"

	out=$dir/out-$n
	rm -rf "$out" "$dir/.out-$n.folio-"* "$dir/like-out" "$ours/.folio-cache" "$like/.folio-cache"
	# folio: with no article cache, then again into a new folder with the
	# cache the first run left (as on CI with .folio-cache kept).
	run folio "$n" "\"$folio\" -source \"$ours\" -dest \"$out\" -force"
	run folio-cached "$n" "\"$folio\" -source \"$ours\" -dest \"$dir/cached-out\" -force; rm -rf \"$dir/cached-out\" \"$dir/.cached-out.folio-\"*"
	run folio-like "$n" "\"$folio\" -source \"$like\" -dest \"$dir/like-out\" -force; rm -rf \"$dir/like-out\""
	if [ "$n" -le "$hugo_max" ]; then
		for h in "hugo-0.165:$hugo" "hugo-debian:$hugo_debian"; do
			[ -x "${h#*:}" ] || { echo "${h%%:*}: ${h#*:} is missing"; continue; }
			rm -rf "$dir/hugo-out" "$dir/hugo-cache"
			run "${h%%:*}" "$n" "\"${h#*:}\" --quiet --gc --minify=false --cacheDir \"$dir/hugo-cache\" -s \"$hugosrc\" -d \"$dir/hugo-out\""
			rm -rf "$dir/hugo-out" "$dir/hugo-cache"
		done
	fi

	# Incremental: one article edited, then 50 added, into the folder
	# the first build wrote (its state and manifest beside it). The files
	# are dated an hour back first: a build does not record sources
	# changed in its last seconds.
	find "$ours/content" -exec touch -d '1 hour ago' {} +
	"$folio" -source "$ours" -dest "$out" >/dev/null
	first=$(find "$ours/content/articles" -name '*.md' | sort | head -1)
	cp "$first" "$dir/edited.bak"
	sed -i '0,/^summary: /s//summary: Edited. /' "$first"
	run folio-edit-1 "$n" "\"$folio\" -source \"$ours\" -dest \"$out\""
	tail -1 "$dir/folio-edit-1-$n.log"
	mkdir -p "$ours/content/articles/added"
	find "$ours/content/articles" -name '*.md' ! -path '*/added/*' | sort | head -50 | while read -r f; do
		sed 's/^title: "\{0,1\}/&Added: /' "$f" >"$ours/content/articles/added/added-$(basename "$f")"
	done
	run folio-add-50 "$n" "\"$folio\" -source \"$ours\" -dest \"$out\""
	tail -1 "$dir/folio-add-50-$n.log"
	# The corpus as it was, for the next run.
	rm -rf "$ours/content/articles/added"
	cp "$dir/edited.bak" "$first"
	rm -rf "$out" "$dir/.out-$n.folio-"*
done

echo
echo "| run | articles | wall | peak memory | per article: time | per article: memory |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
awk '$3 != "-" {printf "| %s | %d | %.2f s | %.0f MiB | %.0f µs | %.1f KiB |\n", $1, $2, $3, $6/1024, $3/$2*1e6, $6/$2}' "$results"
