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
# Figures (2 cores shared with other work, load 1.5-2; ext4, whose file
# creation alone costs 6-70 s of system time for 100,000 files as the
# disk is busy; back-to-back runs):
#   before (one item at a time, first pass skipping bodies):
#     10,000:  7.9 s wall,  8.3 s user +  0.9 s system, peak  49 MB
#     100,000: 96 s wall,   103 s user + 18 s system,   peak 271 MB
#              116 s wall,  100 s user + 40 s system,   peak 274 MB
#   after (items converted on every core, replayed in order; bodies read
#   beside encoding/xml in the second pass too; files created on a
#   goroutine of their own; GOGC 200; one Markdown converter a goroutine):
#     10,000:  5.7 s wall,  6.8 s user +  3.2 s system, peak  87 MB
#     100,000: 62 s wall,   81 s user + 29 s system,    peak 645 MB
#              70 s wall,   82 s user + 42 s system,    peak 657 MB
#              (just before the 116 s run above)
#   Under 60 s needs the disk quiet: an earlier build of the same work
#   (GOGC 400) took 45 s when the files cost 6 s of system time. The
#   same run with the new site on tmpfs (DEST_DIR=/dev/shm), which shows
#   the work without the disk: 49.8 s wall, 83 s user + 4 s system, peak
#   522 MB (load 1.7); on ext4 right before it, 62 s wall, 80 s user +
#   30 s system, peak 560 MB (strace: 0.6 ms of system time a file
#   created, in openat).
#   A 1 GB export (wxrgen -n 100000 -paragraphs 33, 1,005,796,748 bytes;
#   WXR_DIR=/tmp/wxr1g): 57.3 s wall, 97 s user + 4.7 s system, peak
#   594 MB on tmpfs; on ext4 60.7 s (101 s user + 6.8 s system, peak 583
#   MB) when the disk was quiet (sync, then 45 s idle), 85-105 s (58-79 s
#   system) right after other runs' gigabytes. With GOGC 300 it took
#   52.2 s on tmpfs but peaked at 715-840 MB, too near 1 GiB.
#   after bodies of plain prose skip the converter (wpbody/plain.go; the
#   same Markdown, byte for byte, on all 100,000 posts), the same 1 GB
#   export: 34.2 s wall, 53 s user + 3.2 s system, peak 566 MB on tmpfs;
#   on ext4 40.0 s (61 s user + 6.1 s system, peak 570 MB) on a quiet
#   disk, 52.3 s (31 s system, peak 809 MB) right after it. The 800 MB
#   export, right after those: 69.9 s, of which 56 s system time (the
#   kernel throttling writes while the disk flushed the earlier runs).
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
/usr/bin/time -f "migrate: %e s wall, %U s user, %S s system, peak %M KB" "$work/folio" migrate "$wxr" "$work/site" >"$work/migrate.log"
head -2 "$work/migrate.log"
