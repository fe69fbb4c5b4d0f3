#!/bin/sh
# The README's examples are real output: every fenced block that starts with "$ ./yoy ..."
# is run again (from the project root) and must print what the README shows.  Blocks for
# commands that write files (plot, ingest -o) are skipped.
#   YOY=./yoy sh tests/cli/readme.sh
set -u
YOY=${YOY:-./yoy}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# Split the README into one file per example: cmd.N holds the command, out.N the output.
awk -v dir="$T" '
	/^```/ { if (inblock) { inblock = 0; cmd = "" } else { inblock = 1; used = 0 } next }
	inblock && /^\$ \.\/yoy / {
		n++
		cmd = substr($0, 3); print cmd > (dir "/cmd." n); printf "" > (dir "/out." n); next
	}
	inblock && cmd != "" && /^$/ { cmd = ""; next }
	inblock && cmd != "" { print > (dir "/out." n) }
' README.md
pass=0
fail=0
for c in "$T"/cmd.*; do
	[ -e "$c" ] || continue
	n=${c##*.}
	cmd=$(cat "$c")
	case "$cmd" in
	*" plot"* | *" -o "*) continue ;;
	esac
	run=$(printf '%s' "$cmd" | sed "s|^\./yoy|$YOY|")
	sh -c "$run" >"$T/got" 2>&1
	if cmp -s "$T/out.$n" "$T/got"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: README example: $cmd"
		diff "$T/out.$n" "$T/got" | head -10
	fi
done
echo "readme: $pass passed, $fail failed"
[ $fail -eq 0 ]
