#!/bin/bash
# Usage: generator/bench/serve.sh SITE [PORT]
#
# The dev server on a large archive, against the command-line build of the
# same site: SITE is a folio site (say the kit's corpus that scale.sh
# generates, $BENCH_DIR/ours-50000-s1), whose .folio-cache the runs share,
# so both start warm after the first. It prints:
#   build  the command-line build into an empty folder: wall time and peak
#          resident memory (GNU time);
#   serve  the server's start to its first answer (the home page), then an
#          article's page, the peak resident memory after both (VmHWM),
#          and the time from saving an edit of that article to the page
#          serving it (median of 5 edits, each undone after); and the
#          server's own line for its first build, with its phases.
# The article edited is restored at the end. BENCH_OUT (default /dev/shm)
# is where the build writes.
#
# Figures (2 shared cores, the kit's corpus, 2026-12-07; build / serve):
#   10,000:  build 275 MiB; serve first answer 0.51 s, 168 MiB, save 30 ms
#   50,000:  build 1,212 MiB; serve 2.44 s, 667 MiB, save 31 ms
#   200,000 (on disk, BENCH_OUT=/tmp): build 4,676 MiB; serve 11.1-14.9 s,
#            2,426 MiB, save 46 ms
#   200,000 (tmpfs, later that day): build 71 s, 4,905 MiB; serve 9.8 s,
#            2,077 MiB (2,678 MiB after the edits), save 65 ms
#   200,000 (tmpfs, that evening, after the search index's swaps and the
#            index after the plan): build 4,692 MiB; serve 8.98 s,
#            1,775 MiB (3,057 MiB after the edits), save 32 ms; 10,000
#            in the same hour: 0.39 s, 132 MiB, save 29 ms
set -eu
if [ $# -lt 1 ]; then sed -n '2,26p' "$0" >&2; exit 2; fi
site=$(cd "$1" && pwd)
port=${2:-18431}
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(mktemp -d)/folio
(cd "$repo" && go build -o "$bin" ./generator)
out=$(mktemp -d "${BENCH_OUT:-/dev/shm}/serve.XXXXXX")
trap 'rm -rf "$out" "$(dirname "$bin")"' EXIT

/usr/bin/time -f "%e %M" -o "$out/time" "$bin" -source "$site" -dest "$out/public" >/dev/null
read -r wall peak <"$out/time"
echo "build: $wall s, peak $((peak / 1024)) MiB"
rm -rf "$out/public" "$out"/.public*

now() { date +%s.%N; }
start=$(now)
"$bin" serve -source "$site" -port "$port" >"$out/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$out" "$(dirname "$bin")"' EXIT
url=http://127.0.0.1:$port
# alive: fails the script when serve stopped, or took 10 minutes.
alive() {
	kill -0 $pid 2>/dev/null || { echo "serve stopped:" >&2; cat "$out/serve.log" >&2; exit 1; }
	[ "$(echo "$(now) - $start < 600" | bc)" = 1 ] || { echo "gave up after 10 minutes" >&2; exit 1; }
}
until curl -sf -o /dev/null "$url/"; do alive; sleep 0.05; done
first=$(echo "$(now) - $start" | bc)
# An article's page: the newest, which the home page links to first.
page=/$(curl -sf "$url/" | grep -o 'href="[./]*articles/[^"]*/"' | head -1 | sed 's/href="[./]*//; s/"$//')
t=$(now)
curl -sf -o /dev/null "$url$page"
second=$(echo "$(now) - $t" | bc)
hwm=$(awk '/VmHWM/ {print int($2 / 1024)}' /proc/$pid/status)
echo "serve: first answer $(printf %.2f "$first") s, then $page in $(printf %.3f "$second") s; peak $hwm MiB"
echo "serve said: $(grep -m1 'full check' "$out/serve.log")"

# The article's file: named by its page's slug, as the kit names them.
slug=$(basename "$page")
file=$(find "$site/content/articles" -name "$slug.md" | head -1)
[ -n "$file" ] || { echo "no file for $page" >&2; exit 1; }
cp -p "$file" "$out/orig"
trap 'cp -p "$out/orig" "$file"; kill $pid 2>/dev/null; rm -rf "$out" "$(dirname "$bin")"' EXIT
: >"$out/edits"
for i in 1 2 3 4 5; do
	mark="Edited-$i-$$"
	sed "0,/^summary: /s/^summary: \"\{0,1\}/&$mark /" "$out/orig" >"$file"
	t=$(now)
	until curl -sf "$url$page" | grep -q "$mark"; do alive; sleep 0.005; done
	echo "$(now) - $t" | bc >>"$out/edits"
	cp -p "$out/orig" "$file"
	sleep 0.5
done
echo "serve: save → page updated, median of 5: $(sort -n "$out/edits" | sed -n 3p | xargs printf %.3f) s"
hwm=$(awk '/VmHWM/ {print int($2 / 1024)}' /proc/$pid/status)
echo "serve: peak after the edits $hwm MiB"
