#!/bin/sh
# Usage: generator/bench/images.sh N
#
# Times folio against Hugo on the benchmark kit's N-article archive with a
# distinct 2-megapixel JPEG lead image on every article (generator/bench/
# imggen), each made in the widths 480, 800, 1200 and 1600 as WebP and
# JPEG, quality 75, by both: folio with its default layouts (the image is
# also each article's thumbnail in lists), Hugo with the kit's layouts and
# a <picture> of .Resize calls in its article page. One run each (a first
# build takes minutes): folio's first build (empty image cache), its
# build with the cache warm into an empty folder, its build of the same
# archive without images, and Hugo's first build (empty resources and
# cache folders), with the peak memory of each and the size of each
# cache. The corpus and images are made once under $BENCH_DIR (default
# /dev/shm/archive-bench). Needs hugo (0.165: ~/go/bin/hugo, else PATH's)
# and GNU time. HUGO_SAMPLE=M has Hugo build only the first M articles of
# the same archive (their images a second a core are what is compared):
# at N=10000 Hugo would take some 2.5 hours on two cores.
#
# Figures (2 shared cores, tmpfs, system libwebp; N=10000, HUGO_SAMPLE=1000,
# 2026-12-07, with folio's own resampler):
#   folio-first: 3106.25 s wall, 5491.81 s user, 88.53 s system, peak 523264 KB
#   hugo-first (1,000 images): 974.49 s wall, 1556.11 s user, 119.26 s system, peak 386964 KB
#   images a second a core: folio 1.79, hugo 0.60, folio/hugo = 3.00
#   warm cache, the binary after: 7.15 s against 5.49 s without images,
#   medians of five alternated: 1.30×
# Earlier (N=1000, x/image/draw's scaling):
#   folio-first: 312.89 s wall, 589.98 s user, 25.19 s system, peak 473900 KB
#   hugo-first:  876.07 s wall, 1413.32 s user, 111.12 s system, peak 377780 KB
#   folio's image cache: 234M; Hugo's resources: 288M
#   first build: folio/hugo = 0.36; images a second a core: folio 1.63, hugo 0.66
#   warm cache, after sizes and stripped originals were hard-linked from
#   the cache instead of copied: 0.74-0.77 s against 0.61-0.67 s without
#   images, medians of five each: 1.19×. (Copying them: 1.40 s, 2.26×.)
set -eu
if [ $# -ne 1 ]; then sed -n '2,17p' "$0" >&2; exit 2; fi
n=$1
repo=$(cd "$(dirname "$0")/../.." && pwd)
kit=$(cd "$repo/../shared/bench" && pwd)
hugo=${HUGO:-$(command -v ~/go/bin/hugo || command -v hugo)}
dir=${BENCH_DIR:-/dev/shm/archive-bench}/images-$n
mkdir -p "$dir/bin"
(cd "$repo" && go build -o "$dir/bin/folio" ./generator)
[ -f "$dir/pics/a-$n.jpg" ] || (cd "$repo" && go run ./generator/bench/imggen -n "$n" -out "$dir/pics")
for f in ours hugo; do
	[ -d "$dir/$f/content" ] || (cd "$kit/genarchive" && go run . -n "$n" -format "$f" -out "$dir/$f")
done
if [ ! -d "$dir/plain" ]; then
	# ours: the site's layouts, static files and config; plain: the same
	# without the images.
	cp -r "$repo/layouts" "$repo/static" "$dir/ours/"
	sed 's/^paginate: .*/paginate: 50/' "$repo/config.yaml" >"$dir/ours/config.yaml"
	cp -r "$dir/ours" "$dir/plain"
	mkdir -p "$dir/ours/static/img" "$dir/hugo/assets/img"
	i=0
	find "$dir/ours/content/articles" -name '*.md' | sort | while read -r f; do
		i=$((i + 1))
		ln "$dir/pics/a-$i.jpg" "$dir/ours/static/img/a-$i.jpg"
		sed -i "0,/^---\$/s//---\nimage: \/img\/a-$i.jpg\nimage_alt: Picture $i/" "$f"
		h=$dir/hugo/content/${f#"$dir/ours/content/"}
		ln "$dir/pics/a-$i.jpg" "$dir/hugo/assets/img/a-$i.jpg"
		sed -i "0,/^---\$/s//---\nimage: img\/a-$i.jpg/" "$h"
	done
	single=$dir/hugo/layouts/_default/single.html
	picture='{{- with .Params.image }}{{ with resources.Get . }}{{ $img := . }}
<picture><source type="image/webp" srcset="{{ range $i, $w := slice 480 800 1200 1600 }}{{ if $i }}, {{ end }}{{ ($img.Resize (printf "%dx webp q75" $w)).RelPermalink }} {{ $w }}w{{ end }}"><img src="{{ ($img.Resize "1200x jpg q75").RelPermalink }}" srcset="{{ range $i, $w := slice 480 800 1200 1600 }}{{ if $i }}, {{ end }}{{ ($img.Resize (printf "%dx jpg q75" $w)).RelPermalink }} {{ $w }}w{{ end }}" width="{{ $img.Width }}" height="{{ $img.Height }}" alt=""></picture>{{ end }}{{ end }}'
	awk -v p="$picture" '{print} /^<h1>/{print p}' "$single" >"$single.new" && mv "$single.new" "$single"
fi
run() { # name, command
	rm -rf "$dir/out"
	/usr/bin/time -f "$1: %e s wall, %U s user, %S s system, peak %M KB" sh -c "$2" >"$dir/$1.log" 2>"$dir/$1.time" || { cat "$dir/$1.log" "$dir/$1.time"; exit 1; }
	tail -1 "$dir/$1.time"
}
rm -rf "$dir/ours/.folio-cache" "$dir/hugo/resources" "$dir/cache" "$dir/.out.folio-state"
run folio-first "\"$dir/bin/folio\" -source \"$dir/ours\" -dest \"$dir/out\" -force"
tail -1 "$dir/folio-first.log"
rm -f "$dir/.out.folio-state"
run folio-warm "\"$dir/bin/folio\" -source \"$dir/ours\" -dest \"$dir/out\" -force"
tail -1 "$dir/folio-warm.log"
rm -f "$dir/.out.folio-state"
run folio-plain "\"$dir/bin/folio\" -source \"$dir/plain\" -dest \"$dir/out\" -force"
hsite=$dir/hugo
hn=$n
if [ -n "${HUGO_SAMPLE:-}" ]; then
	# The first HUGO_SAMPLE articles, in the order images were given out.
	hn=$HUGO_SAMPLE
	hsite=$dir/hugo-sample
	rm -rf "$hsite"
	cp -al "$dir/hugo" "$hsite"
	rm -rf "$hsite/resources"
	find "$dir/ours/content/articles" -name '*.md' | sort | tail -n +$((hn + 1)) | while read -r f; do
		rm "$hsite/content/${f#"$dir/ours/content/"}"
	done
fi
run hugo-first "\"$hugo\" --quiet --minify=false --cacheDir \"$dir/cache\" -s \"$hsite\" -d \"$dir/out\""
echo "folio's image cache: $(du -sh "$dir/ours/.folio-cache" | cut -f1); Hugo's resources ($hn articles): $(du -sh "$hsite/resources" | cut -f1)"
for f in folio-first hugo-first folio-warm folio-plain; do
	printf '%s %s\n' "$f" "$(sed -n 's/.*: \([0-9.]*\) s wall, \([0-9.]*\) s user, \([0-9.]*\) s system.*/\1 \2 \3/p' "$dir/$f.time" | tail -1)"
done | awk -v n="$n" -v hn="$hn" '{w[$1]=$2; c[$1]=$3+$4} END {
	printf "first build: folio %.1f s (%d images), hugo %.1f s (%d images); images a second a core: folio %.2f, hugo %.2f, folio/hugo = %.2f\n", w["folio-first"], n, w["hugo-first"], hn, n/c["folio-first"], hn/c["hugo-first"], (n/c["folio-first"])/(hn/c["hugo-first"])
	printf "warm cache: %.2f s, %.2f× the build without images (%.2f s)\n", w["folio-warm"], w["folio-warm"]/w["folio-plain"], w["folio-plain"] }'
