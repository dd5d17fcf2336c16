#!/bin/sh
# Usage: generator/bench/wxrbench.sh N
#
# Times `folio migrate` on a generated WordPress export of N posts
# (wxrgen: 24 paragraphs, a caption, a gallery and blocks a post, plus
# attachments, revisions and pages; 100,000 posts make 800 MB), with its
# peak memory. The export is made once, as $WXR_DIR/wxrN.xml (default
# /tmp); the new site goes to a fresh folder in $DEST_DIR (default /tmp)
# and is removed. Needs GNU time.
#
# Figures (2 shared cores, 100,000 posts, 800 MB): one item at a time,
# 1:56 wall, 115 s user, peak 197 MB; with the first pass never handing
# bodies to the XML decoder and block comments and bare addresses found
# without regular expressions, about 20% less CPU. Creating the 100,000
# files alone is 10-40 s of system time on this disk.
set -eu
if [ $# -ne 1 ]; then sed -n '2,9p' "$0" >&2; exit 2; fi
repo=$(cd "$(dirname "$0")/../.." && pwd)
wxr=${WXR_DIR:-/tmp}/wxr$1.xml
work=$(mktemp -d "${DEST_DIR:-/tmp}/wxrbench.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/folio" ./generator)
if [ ! -f "$wxr" ]; then
	(cd "$repo" && go run ./generator/bench/wxrgen -n "$1" -out "$wxr")
fi
/usr/bin/time -f "migrate: %e s wall, %U s user, %S s system, peak %M KB" "$work/folio" migrate "$wxr" "$work/site" | head -2
