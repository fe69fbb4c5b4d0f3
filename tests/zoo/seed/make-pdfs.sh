#!/bin/sh
# make-pdfs.sh -- print each <set>-utf8.html of tests/zoo/seed/ to <set>.pdf with headless
# Chromium (the page's own print CSS: A4, bordered table, narrow 序号/责任单位 columns).
# Run make-pages.py first.  Usage: sh tests/zoo/seed/make-pdfs.sh   (CHROMIUM=... to override)
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
# Newer Chromium spells the no-header option --no-pdf-header-footer, older ones
# --print-to-pdf-no-header; fall back to the old name if the first run makes no PDF.
for set in cq-2024 cq-2025 cq-2026 yubei-2025 gaoxin-2025; do
	out="$dir/$set.pdf"
	rm -f "$out"
	for noheader in --no-pdf-header-footer --print-to-pdf-no-header; do
		profile=$(mktemp -d)
		"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
			--disable-background-networking --disable-component-update --disable-sync \
			--user-data-dir="$profile" "$noheader" --print-to-pdf="$out" \
			"file://$dir/$set-utf8.html" >/dev/null 2>&1 || true
		rm -rf "$profile"
		[ -s "$out" ] && break
	done
	[ -s "$out" ] || { echo "make-pdfs.sh: no $out" >&2; exit 1; }
	echo "$out: $(wc -c <"$out") bytes"
done
