#!/bin/sh
# End-to-end tests of the yoy command line: whole outputs compared with expected files
# (tests/cli/expected), the bundled notices re-ingested byte for byte, and bad input
# (tests/bad) with its exit code and message.  Run from the project root:
#   YOY=./yoy sh tests/cli/run.sh        (make test does this)
# UPDATE=1 rewrites the expected files from the current output (review the diff!).
set -u
YOY=${YOY:-./yoy}
# yoy's language comes from the environment: the goldens are English unless --lang says.
unset LC_ALL LC_MESSAGES LANG
E=tests/cli/expected
B=tests/bad
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
skipped=0

ok() { pass=$((pass + 1)); }
ko() {
	fail=$((fail + 1))
	echo "FAIL: $*"
}
# skip N WHY: N checks not run, and why (counted in the summary).
skip() {
	skipped=$((skipped + $1))
	echo "SKIP ($1): $2"
}
# atleast N WHAT COUNT: a loop checked at least N things (a glob that matched nothing, a
# command that listed nothing, would otherwise pass silently).
atleast() {
	[ "$3" -ge "$1" ] && ok || ko "$2: $3 checked, expected at least $1"
}

# same NAME EXPECTED ACTUAL: the two files are byte for byte equal.
same() {
	if cmp -s "$2" "$3"; then ok; else
		ko "$1"
		diff -u "$2" "$3" | head -20
	fi
}

# golden NAME ARGS...: stdout of yoy ARGS equals $E/NAME, exit 0, nothing on stderr.
golden() {
	name=$1
	shift
	"$YOY" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	[ -n "${UPDATE:-}" ] && cp "$T/out" "$E/$name"
	if [ $rc -ne 0 ] || [ -s "$T/err" ]; then
		ko "$name: exit $rc: $(cat "$T/err")"
		return
	fi
	same "$name" "$E/$name" "$T/out"
}

# fails CODE MESSAGE ARGS...: yoy ARGS exits CODE with exactly MESSAGE on stderr, and
# writes nothing to stdout.
fails() {
	code=$1
	msg=$2
	shift 2
	"$YOY" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	got=$(head -n 1 "$T/err")
	if [ $rc -ne "$code" ]; then
		ko "yoy $*: exit $rc, expected $code ($got)"
	elif [ "$got" != "$msg" ]; then
		ko "yoy $*: message '$got', expected '$msg'"
	elif [ -s "$T/out" ]; then
		ko "yoy $*: wrote to stdout on failure"
	else
		ok
	fi
}

# --- the bundled notices ingest to the reviewed task CSVs, byte for byte ---
n=0
for f in datasets/raw/*.txt; do
	n=$((n + 1))
	id=$(basename "$f" .txt)
	"$YOY" ingest "$f" >"$T/$id.csv" 2>"$T/err" || ko "ingest $f: $(cat "$T/err")"
	same "ingest $id" "datasets/tasks/$id.csv" "$T/$id.csv"
	# The same notice as GB18030, with CRLF, and with a BOM gives the same CSV.
	iconv -f UTF-8 -t GB18030 "$f" >"$T/gb.txt"
	"$YOY" ingest "$T/gb.txt" >"$T/gb.csv" 2>&1
	same "ingest $id as GB18030" "datasets/tasks/$id.csv" "$T/gb.csv"
	# GBK too, where the notice has only GBK characters (cq-2025 has an EN SPACE).
	if iconv -f UTF-8 -t GBK "$f" >"$T/gbk.txt" 2>/dev/null; then
		"$YOY" ingest "$T/gbk.txt" >"$T/gbk.csv" 2>&1
		same "ingest $id as GBK" "datasets/tasks/$id.csv" "$T/gbk.csv"
	fi
	sed 's/$/\r/' "$f" >"$T/crlf.txt"
	"$YOY" ingest "$T/crlf.txt" >"$T/crlf.csv" 2>&1
	same "ingest $id with CRLF" "datasets/tasks/$id.csv" "$T/crlf.csv"
	{ printf '\357\273\277'; cat "$f"; } >"$T/bom.txt"
	"$YOY" ingest "$T/bom.txt" >"$T/bom.csv" 2>&1
	same "ingest $id with a BOM" "datasets/tasks/$id.csv" "$T/bom.csv"
	# -o writes the same bytes, atomically, and leaves no temporary file.
	"$YOY" ingest "$f" -o "$T/o.csv" && same "ingest -o $id" "datasets/tasks/$id.csv" "$T/o.csv"
	ls "$T"/o.csv.tmp* >/dev/null 2>&1 && ko "ingest -o left a temporary file" || ok
done
atleast 5 "bundled notices" $n
# A folder of notices ingests to a folder of CSVs, the same as one at a time.
mkdir "$T/tasks"
"$YOY" ingest datasets/raw -o "$T/tasks" 2>"$T/err" && ok || ko "ingest of a folder: $(cat "$T/err")"
for f in datasets/tasks/*.csv; do same "ingest folder: $f" "$f" "$T/tasks/$(basename "$f")"; done
# The catalog rows come from the notices' heads.
for f in datasets/raw/*.txt; do
	id=$(basename "$f" .txt)
	"$YOY" ingest --meta --format csv "$f" | tail -n +2
done >"$T/meta.csv"
grep -v '^set,' datasets/catalog.csv | sort >"$T/catalog-rows"
sort "$T/meta.csv" >"$T/meta-sorted"
same "ingest --meta matches catalog.csv" "$T/catalog-rows" "$T/meta-sorted"

# --- the ingest zoo (tests/zoo): notices as published elsewhere, in every layout ---
# The seed notices as saved HTML pages (UTF-8 and GBK, site chrome, spans) and as PDFs
# printed from them read to the reviewed task CSVs, byte for byte.
n=0
for f in tests/zoo/seed/*.html tests/zoo/seed/*.pdf; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	set=$(basename "$f" | sed 's/-utf8\.html$//; s/-gbk\.html$//; s/\.pdf$//')
	"$YOY" ingest "$f" >"$T/seed.csv" 2>"$T/err" || ko "ingest $f: $(cat "$T/err")"
	same "ingest $f" "datasets/tasks/$set.csv" "$T/seed.csv"
done
atleast 10 "zoo seed notices" $n
# Every real notice reads, to what it read when its output was last reviewed
# (tests/zoo/real/golden); UPDATE=1 rewrites them, to be read against the notices.
mkdir -p tests/zoo/real/golden
n=0
for f in tests/zoo/real/*.txt; do
	n=$((n + 1))
	g=tests/zoo/real/golden/$(basename "$f" .txt).csv
	if "$YOY" ingest "$f" >"$T/zoo.csv" 2>"$T/err"; then
		[ -n "${UPDATE:-}" ] && cp "$T/zoo.csv" "$g"
		same "zoo $f" "$g" "$T/zoo.csv"
	else
		ko "zoo $f: $(cat "$T/err")"
	fi
done
atleast 20 "real zoo notices" $n
# And what they read is what a careful reader finds, item by item (expected.csv).
if command -v python3 >/dev/null; then
	for z in "tests/zoo/real 0.91" "tests/zoo/seed 1"; do
		set -- $z
		python3 tests/zoo/check.py "$YOY" "$1" "$2" >"$T/zoo" 2>&1 && ok || { ko "zoo $1"; cat "$T/zoo"; }
	done
	set --
	# The hand-made labels and series of tests/gold (the sets devscore does not check).
	python3 tests/gold/score.py "$YOY" --min-labels 0.93 --min-series 0.90 >"$T/gold" 2>&1 &&
		ok || { ko "gold labels and series"; cat "$T/gold"; }
	# Other sets loaded beside the bundled ones change none of their results.
	python3 tests/stability/check.py "$YOY" datasets >"$T/stab" 2>&1 &&
		ok || { ko "stability"; cat "$T/stab"; }
else
	skip 4 "python3 not installed: the zoo's item scores, the gold labels and the stability check"
fi
# Traditional notices read the same in Big5 as in UTF-8.
for f in tests/zoo/real/103-*.txt tests/zoo/real/114-*.txt tests/zoo/real/154-*.txt; do
	iconv -f UTF-8 -t BIG5 "$f" >"$T/big5.txt" || { ko "iconv big5 $f"; continue; }
	"$YOY" ingest "$T/big5.txt" >"$T/big5.csv" 2>&1
	"$YOY" ingest "$f" >"$T/utf8.csv" 2>&1
	same "ingest $f as Big5" "$T/utf8.csv" "$T/big5.csv"
done
# regen-datasets never overwrites what was reviewed: a new reading goes beside it.
cp -r datasets "$T/regen"
sed -i 's/1227个/1228个/' "$T/regen/tasks/cq-2025.csv"
cp "$T/regen/tasks/cq-2025.csv" "$T/reviewed.csv"
cp "$T/regen/catalog.csv" "$T/catalog-before.csv"
YOY=$YOY scripts/regen-datasets "$T/regen" >"$T/out" 2>&1 || ko "regen-datasets: $(cat "$T/out")"
same "regen-datasets keeps a reviewed CSV" "$T/reviewed.csv" "$T/regen/tasks/cq-2025.csv"
same "regen-datasets writes the new reading beside it" datasets/tasks/cq-2025.csv "$T/regen/tasks/cq-2025.csv.new"
same "regen-datasets keeps the catalog" "$T/catalog-before.csv" "$T/regen/catalog.csv"

# --- listings ---
golden sets.csv sets --format csv
golden sets.txt sets --format table
golden items.csv items --format csv
golden items-excel.csv items --format csv --excel --set cq-2025
golden items-yubei.json items --format json --set yubei-2025
golden items-aed.txt items --format table --grep aed
golden items-2025-cq.csv items --year 2025 --jurisdiction cq
golden items-yubei-name.csv items --jurisdiction 渝北区 --grep 托位
YOY_DATA=datasets golden items-env.csv items --set gaoxin-2025
golden targets.csv targets --format csv
golden targets-aed.txt targets --set cq-2026 --grep AED --format table
golden targets-yubei.json targets --format json --jurisdiction yubei --grep 托位
golden match.csv match --format csv
golden match-no-aliases.csv match --no-aliases --format csv
golden match-yubei.txt match --set yubei-2025 --format table
golden series.csv series --format csv
golden series-aed.txt series --grep AED --format table
golden growth.csv growth --format csv
golden growth-aed.txt growth --grep AED --format table
golden growth-shares.csv growth --shares --format csv
golden compare-cq-2025-2026.csv compare cq-2025 cq-2026 --format csv
golden compare-cq-2025-yubei.csv compare cq-2025 yubei-2025 --format csv
golden compare-cq-2024-2026.csv compare cq-2024 cq-2026 --format csv --excel
golden diff-first-aid.txt diff cq-2025:15 cq-2026:10
golden diff-first-aid-color.txt diff cq-2025:15 cq-2026:10 --color always
golden query-aed.csv query AED --format csv
golden query-aed-synonym.csv query 自动体外除颤器 --format csv
golden query-tuowei.txt query 托位 --format table
golden query-psych-2026.csv query 心理健康 --year 2026 --format csv
golden query-renci-20.csv query '' --unit 人次 --min-change 20 --format csv
fails 1 "yoy: query: nothing answers ''" query '' --unit 人次 --min-change 50
# The question's own years, places and set ids narrow it; the base year shows no change.
golden query-tuoyu-2026.csv query 托育 2026 --format csv
golden query-yubei-tuowei.csv query 渝北区的托位 --format csv
golden query-aed-gaoxin.csv query AED gaoxin-2025 --format csv
golden query-gaoxin-aed.csv query 重庆高新区 AED --format csv
golden growth-shares-yubei.csv growth --shares --jurisdiction yubei --format csv
golden sql-count.csv sql 'SELECT COUNT(*) AS n FROM targets'
golden sql-schema.txt sql --schema
golden sql-compare-aed.csv sql "SELECT from_set, to_set, status, metric, from_value, to_value, pct_change FROM compare WHERE metric LIKE '%AED%'"
golden sql-growth.txt sql 'SELECT series, metric, unit, first_value, last_value, pct_change FROM growth WHERE pct_change >= 50 ORDER BY pct_change DESC' --format table
# In Chinese: headings, statuses, flags, percentages and shares for people (--lang, or
# LANG=zh…); CSV and JSON keep the contract's names and codes in either language.
golden growth-aed-zh.txt --lang zh growth --grep AED --format table
golden compare-cq-2025-2026-zh.csv --lang zh compare cq-2025 cq-2026 --excel
golden compare-cq-2025-yubei-zh.txt --lang zh compare cq-2025 yubei-2025 --format table
golden items-excel-zh.csv --lang zh items --set cq-2025 --excel
LANG=zh_CN.UTF-8 golden sets-zh.txt sets --format table
unset LANG
LC_ALL=zh_CN.UTF-8 golden series-aed-zh.txt series --grep AED --format table
unset LC_ALL
golden growth.csv --lang zh growth --format csv
golden targets-yubei.json targets --lang zh --format json --jurisdiction yubei --grep 托位
golden help.txt --help
golden help-items.txt help items
golden version.txt --version

# items -o writes a file and nothing to stdout.
"$YOY" items --set cq-2024 -o "$T/items.csv" >"$T/out" 2>&1
if [ -s "$T/out" ]; then ko "items -o printed '$(cat "$T/out")'"; else ok; fi
"$YOY" items --set cq-2024 --format csv >"$T/items2.csv"
same "items -o" "$T/items2.csv" "$T/items.csv"

# --- bad input: tests/bad/cases, one line 'yoy: FILE:LINE: what' and its exit code ---
tab=$(printf '\t')
while IFS="$tab" read -r code args msg; do
	case "$code" in '#'* | '') continue ;; esac
	eval "set -- $args"
	if [ "$code" -eq 0 ]; then
		"$YOY" "$@" >"$T/out" 2>"$T/err"
		rc=$?
		got=$(head -n 1 "$T/err")
		if [ $rc -ne 0 ] || [ "$got" != "$msg" ] || [ ! -s "$T/out" ]; then
			ko "yoy $args: exit $rc, warning '$got', expected '$msg'"
		else ok; fi
	else
		fails "$code" "$msg" "$@"
	fi
done <$B/cases
"$YOY" --data $B/badalias match --no-aliases >/dev/null 2>&1 && ok || ko "--no-aliases ignores a bad aliases.csv"
# A set with a header and no items is valid: it lists nothing.
"$YOY" --data $B/headeronly items --format csv >"$T/out" 2>&1
printf 'set,year,jurisdiction,section,seq,name,units,task,deadline,note\n' >"$T/want"
same "header-only task CSV" "$T/want" "$T/out"

# --- bad usage beyond one message (the one-line cases are in tests/bad/cases) ---
# A value that looks like an option is a value: --grep -h finds "-h", it does not ask for help.
"$YOY" items --grep -h --format csv >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$T/err" ] && [ "$(head -n 1 "$T/out")" = "set,year,jurisdiction,section,seq,name,units,task,deadline,note" ] &&
	ok || ko "items --grep -h: exit $rc: $(head -n 2 "$T/out" "$T/err")"
# Every command's --help is its 'yoy help COMMAND', on stdout, exit 0; a usage error prints
# nothing on stdout and points to that help.
n=0
for c in $("$YOY" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 { print $1 }'); do
	n=$((n + 1))
	"$YOY" "$c" --help >"$T/h1" 2>"$T/err" && [ ! -s "$T/err" ] || ko "$c --help: $(cat "$T/err")"
	"$YOY" help "$c" >"$T/h2" 2>&1
	same "$c --help is yoy help $c" "$T/h1" "$T/h2"
	grep -q "^usage: yoy $c" "$T/h1" && ok || ko "$c --help has no usage line"
	fails 2 "yoy: $c: unknown option '--no-such-option'" "$c" --no-such-option
	grep -q "^usage: see 'yoy help $c'" "$T/err" && ok || ko "$c: usage error without a pointer to help"
done
atleast 14 "commands in --help" $n

# --- a failing command leaves an existing -o file as it was, and no temporary file ---
printf 'keep me\n' >"$T/keep.csv"
cp "$T/keep.csv" "$T/keep.orig"
"$YOY" ingest $B/notable.txt -o "$T/keep.csv" 2>/dev/null
same "failed ingest keeps -o file" "$T/keep.orig" "$T/keep.csv"
ls "$T"/keep.csv.tmp* >/dev/null 2>&1 && ko "failed ingest left a temporary file" || ok
# ... and the inputs are never changed.
sum_before=$(cat datasets/catalog.csv datasets/tasks/*.csv datasets/raw/*.txt | cksum)
"$YOY" items >/dev/null
"$YOY" ingest datasets/raw/cq-2024.txt >/dev/null
sum_after=$(cat datasets/catalog.csv datasets/tasks/*.csv datasets/raw/*.txt | cksum)
[ "$sum_before" = "$sum_after" ] && ok || ko "inputs changed"

# A read-only output is refused and left as it was; a writable one keeps its mode.
printf 'keep\n' >"$T/ro.csv"
chmod 444 "$T/ro.csv"
fails 1 "yoy: $T/ro.csv: read-only, not replaced (chmod u+w it to allow)" sets -o "$T/ro.csv"
[ "$(cat "$T/ro.csv")" = keep ] && [ "$(stat -c %a "$T/ro.csv")" = 444 ] && ok || ko "read-only output changed"
printf 'keep\n' >"$T/ro.xlsx"
chmod 444 "$T/ro.xlsx"
fails 1 "yoy: $T/ro.xlsx: read-only, not replaced (chmod u+w it to allow)" export -o "$T/ro.xlsx"
[ "$(cat "$T/ro.xlsx")" = keep ] && ok || ko "read-only workbook changed"
printf 'old\n' >"$T/rw.csv"
chmod 640 "$T/rw.csv"
"$YOY" sets -o "$T/rw.csv" && [ "$(stat -c %a "$T/rw.csv")" = 640 ] && ok || ko "output mode not kept: $(stat -c %a "$T/rw.csv")"

# A full disk is an error, not a silent truncation.
if [ -w /dev/full ]; then
	"$YOY" items >/dev/full 2>"$T/err"
	rc=$?
	[ $rc -eq 1 ] && grep -q 'write error' "$T/err" && ok || ko "write to /dev/full: exit $rc"
else
	skip 1 "/dev/full is not writable here: the full-disk check"
fi

# sql COUNT(*) over targets equals the rows of yoy targets.
n_sql=$("$YOY" sql 'SELECT COUNT(*) FROM targets' | tail -n 1)
n_csv=$("$YOY" targets --format csv | tail -n +2 | wc -l)
[ "$n_sql" -eq "$n_csv" ] && ok || ko "sql counts $n_sql targets, yoy targets lists $n_csv"
fails 1 "yoy: sql: only statements that read are allowed" sql "ATTACH '$T/x.db' AS x"
[ -e "$T/x.db" ] && ko "sql ATTACH created a file" || ok

# --- a synthetic corpus (scripts/gen-corpus): its notices ingest to its task CSVs, and the
# work shared among threads gives what one thread gives ---
if scripts/gen-corpus 40 2 "$T/gen" 3 >/dev/null 2>&1; then
	mkdir "$T/gen-tasks"
	"$YOY" ingest "$T/gen/raw" -o "$T/gen-tasks" 2>"$T/err" && ok || ko "ingest of generated notices: $(cat "$T/err")"
	diff -r "$T/gen/tasks" "$T/gen-tasks" >/dev/null && ok || ko "generated notices ingest differently from their CSVs"
	"$YOY" --data "$T/gen" series >"$T/many.csv" 2>&1
	YOY_THREADS=1 "$YOY" --data "$T/gen" series >"$T/one.csv" 2>&1
	same "series with threads = with one thread" "$T/one.csv" "$T/many.csv"
	"$YOY" --data "$T/gen" growth >"$T/many.csv" 2>&1
	YOY_THREADS=1 "$YOY" --data "$T/gen" growth >"$T/one.csv" 2>&1
	same "growth with threads = with one thread" "$T/one.csv" "$T/many.csv"
	"$YOY" --data "$T/gen" growth --grep 新增 >"$T/many.csv" 2>&1
	YOY_THREADS=1 "$YOY" --data "$T/gen" growth --grep 新增 >"$T/one.csv" 2>&1
	same "growth --grep with threads = with one thread" "$T/one.csv" "$T/many.csv"
else
	ko "scripts/gen-corpus failed"
fi

# --- charts through gnuplot ---
PATH=/nonexistent "$YOY" plot -o "$T/plots0" >"$T/out" 2>"$T/err"
rc=$?
if [ $rc -eq 3 ] && [ "$(cat "$T/err")" = "yoy: gnuplot: not found on the PATH (install it: apt-get install gnuplot-nox)" ]; then ok
else ko "plot without gnuplot: exit $rc: $(cat "$T/err")"; fi
[ -e "$T/plots0" ] && ko "plot without gnuplot made its folder" || ok
# chart_files DIR: the chart files of DIR, sorted; index_files DIR: those its index.csv lists
# (the file column; chart names never need quoting).
chart_files() { (cd "$1" && ls | grep -E '\.(png|svg)$' | sort); }
index_files() { tail -n +2 "$1/index.csv" | cut -d, -f1 | sort; }
if command -v gnuplot >/dev/null 2>&1; then
	abs=$(cd "$(dirname "$YOY")" && pwd)/$(basename "$YOY")
	# -o names a folder that does not exist yet: it is made.
	"$YOY" plot -o "$T/charts" >"$T/out" 2>"$T/err" && ok || ko "plot: $(cat "$T/err")"
	npng=$(ls "$T"/charts/*.png | wc -l)
	nsvg=$(ls "$T"/charts/*.svg | wc -l)
	[ "$npng" -ge 15 ] && [ "$nsvg" -eq "$npng" ] && ok || ko "plot drew $npng PNG and $nsvg SVG"
	for f in overview.png overview.svg shares-cq-2025.png trend-cq-cq-2024-3-1.svg \
		members-cq-2024-10-1.png yoy.gp index.csv index.html; do
		[ -s "$T/charts/$f" ] && ok || ko "plot did not write $f"
	done
	ls -d "$T"/.yoy-* >/dev/null 2>&1 && ko "plot left its scratch folder" || ok
	# index.csv lists every chart file and nothing else; index.html shows each one.
	chart_files "$T/charts" >"$T/files"
	index_files "$T/charts" >"$T/listed"
	same "index.csv lists the chart files" "$T/files" "$T/listed"
	n=0
	while read -r f; do
		n=$((n + 1))
		grep -q "href=\"$f\"" "$T/charts/index.html" || ko "index.html lacks $f"
	done <"$T/files"
	atleast 30 "charts in index.html" "$n"
	head -n 1 "$T/charts/index.csv" | grep -qx 'file,title,series,metric,item,jurisdiction,sets' &&
		ok || ko "index.csv header: $(head -n 1 "$T/charts/index.csv")"
	# Every growth row has its trend chart, titled with its metric.
	n=0
	"$YOY" growth --format csv | tail -n +2 | cut -d, -f1,2 >"$T/grown"
	while IFS=, read -r s metric; do
		n=$((n + 1))
		grep -q ",$s,$metric," "$T/charts/index.csv" || ko "no chart of $s $metric in index.csv"
	done <"$T/grown"
	atleast 30 "growth rows with a chart" "$n"
	# The words of the charts follow --lang.
	grep -q '^overview.png,"Change of every series' "$T/charts/index.csv" && ok || ko "English overview title"
	"$YOY" --lang zh plot -o "$T/charts-zh" >"$T/out" 2>"$T/err" && ok || ko "plot --lang zh: $(cat "$T/err")"
	grep -q '^overview.png,各系列目标的变化幅度' "$T/charts-zh/index.csv" && ok || ko "Chinese overview title"
	grep -q "'单位：" "$T/charts-zh/yoy.gp" && grep -q "'Unit: " "$T/charts/yoy.gp" && ok ||
		ko "unit labels not in the language asked for"
	grep -q '<html lang="zh-CN">' "$T/charts-zh/index.html" && ok || ko "index.html not in Chinese"
	# --excel: index.csv with a BOM and CRLF, and a folder so written is replaced like any.
	"$YOY" plot --excel --format png -o "$T/charts-zh" >"$T/out" 2>"$T/err" && ok ||
		ko "plot --excel over an earlier run: $(cat "$T/err")"
	[ "$(head -c 3 "$T/charts-zh/index.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] &&
		head -n 1 "$T/charts-zh/index.csv" | grep -q "$(printf 'sets\r')" && ok ||
		ko "plot --excel: index.csv without a BOM and CRLF"
	ls "$T"/charts-zh/*.svg >/dev/null 2>&1 && ko "plot --format png left SVG files" || ok
	# The kept script draws again as it is.
	(cd "$T/charts" && gnuplot yoy.gp) 2>"$T/err" && ok || ko "yoy.gp does not run: $(cat "$T/err")"
	# A run for one series replaces the folder whole: its charts only, nothing of the first
	# run, no overview or share chart that would look like the whole comparison.
	"$YOY" plot AED -o "$T/charts" >"$T/out" 2>"$T/err" && ok || ko "plot AED: $(cat "$T/err")"
	chart_files "$T/charts" >"$T/files"
	index_files "$T/charts" >"$T/listed"
	same "index.csv lists the AED run's files" "$T/files" "$T/listed"
	[ "$(wc -l <"$T/files")" -ge 2 ] && ok || ko "plot AED drew $(wc -l <"$T/files") files"
	grep -qE '^(overview|shares)' "$T/files" && ko "plot AED wrote an overview or share chart" || ok
	aed=$("$YOY" series --format csv | awk -F, '$2 ~ /AED/ { print $1 }' | sort -u)
	[ "$(tail -n +2 "$T/charts/index.csv" | cut -d, -f3 | sort -u)" = "$aed" ] && ok ||
		ko "plot AED drew other series than $aed"
	grep -q 'class="only"' "$T/charts/index.html" && ok || ko "index.html does not say the run is limited"
	# A run that fails leaves the folder as it was: gnuplot missing, or failing half way.
	cp -r "$T/charts" "$T/saved"
	PATH=/nonexistent "$YOY" plot -o "$T/charts" >/dev/null 2>&1
	mkdir "$T/bin"
	printf '#!/bin/sh\necho "\\"yoy.gp\\" line 9: broken" >&2\nexit 1\n' >"$T/bin/gnuplot"
	chmod +x "$T/bin/gnuplot"
	PATH="$T/bin:$PATH" "$YOY" plot -o "$T/charts" >"$T/out" 2>"$T/err"
	rc=$?
	[ $rc -eq 1 ] && grep -q 'gnuplot failed: "yoy.gp" line 9: broken' "$T/err" && ok ||
		ko "plot with a failing gnuplot: exit $rc: $(cat "$T/err")"
	diff -r "$T/saved" "$T/charts" >/dev/null && ok || ko "a failed plot changed the folder"
	ls -d "$T"/.yoy-* >/dev/null 2>&1 && ko "a failed plot left its scratch folder" || ok
	# A folder yoy did not write is refused, never emptied; a folder needs its parent.
	mkdir "$T/mine"
	printf 'notes\n' >"$T/mine/notes.txt"
	fails 1 "yoy: $T/mine: holds files yoy did not write there (no index.csv); give a new or empty folder, it is replaced whole" plot -o "$T/mine"
	[ -s "$T/mine/notes.txt" ] && ok || ko "plot emptied a folder it did not write"
	fails 1 "yoy: $T/nope: no such folder to make $T/nope/charts in" plot -o "$T/nope/charts"
	# Names with quotes, backquotes, _, @ and a newline are drawn as written; nothing runs.
	mkdir -p "$T/h"
	(cd "$T/h" && "$abs" --data "$OLDPWD/$B/hostile" plot -o p) >"$T/out" 2>"$T/err" && ok ||
		ko "plot of hostile names: $(cat "$T/err")"
	[ -e "$T/h/yoy-pwned" ] || [ -e /tmp/yoy-evil ] && ko "plot ran a command from the data" || ok
	grep -q 'touch ../../yoy-pwned`' "$T"/h/p/trend-*.svg && ok || ko "hostile title not drawn as written"
	grep -q '<script>alert' "$T/h/p/index.html" && ko "index.html did not escape an item name" || ok
else
	skip 40 "gnuplot not installed: the charts (scripts/install-deps)"
fi

# --- the HTML report ---
if command -v gnuplot >/dev/null 2>&1; then
	"$YOY" report -o "$T/report.html" >"$T/out" 2>"$T/err" && ok || ko "report: $(cat "$T/err")"
	n=0
	for s in $("$YOY" sets --format csv | tail -n +2 | cut -d, -f1); do
		n=$((n + 1))
		grep -q "data-set=\"$s\"" "$T/report.html" && ok || ko "report lacks set $s"
	done
	atleast 5 "sets in the report" $n
	nsvg=$(grep -o '<svg' "$T/report.html" | wc -l)
	[ "$nsvg" -ge 10 ] && ok || ko "report has $nsvg charts"
	# Every target has its row in the sources, and every link inside the page its target.
	ntargets=$("$YOY" targets --format csv | tail -n +2 | wc -l)
	nsrc=$(grep -o '<tr id="t[0-9]*-[0-9]*-[0-9]*"' "$T/report.html" | wc -l)
	[ "$nsrc" -eq "$ntargets" ] && ok || ko "report sources list $nsrc of $ntargets targets"
	grep -o 'href="#[^"]*"' "$T/report.html" | sed 's/^href="#//; s/"$//' | sort -u >"$T/links"
	grep -o ' id="[^"]*"' "$T/report.html" | sed 's/^ id="//; s/"$//' | sort -u >"$T/ids"
	nlinks=$(wc -l <"$T/links")
	atleast 150 "links inside the report" "$nlinks"
	dangling=$(comm -23 "$T/links" "$T/ids" | head -3 | tr '\n' ' ')
	[ -z "$dangling" ] && ok || ko "report links without a target: $dangling"
	# The language: English headings by default, Chinese ones under --lang zh, where no
	# heading, table head or navigation link has an English word (set ids aside).
	headings() {
		grep -o '<h[123][^>]*>[^<]*\(<small>[^<]*</small>\)\?</h[123]>\|<th>[^<]*</th>\|<nav>\(<a [^>]*>[^<]*</a>\)*</nav>' "$1" |
			sed 's/<[^>]*>/ /g' | sed -E 's/[a-z]+-[0-9]{4}/ /g'
	}
	grep -q '<html lang="en">' "$T/report.html" && ok || ko "report: html lang is not en"
	for h in Summary 'Year over year' 'City and districts' 'Where each number stands'; do
		headings "$T/report.html" | grep -q "$h" && ok || ko "report lacks the heading '$h'"
	done
	"$YOY" --lang zh report -o "$T/report-zh.html" >/dev/null 2>"$T/err" && ok || ko "report --lang zh: $(cat "$T/err")"
	grep -q '<html lang="zh-CN">' "$T/report-zh.html" && ok || ko "report --lang zh: html lang is not zh-CN"
	nh=$(headings "$T/report-zh.html" | wc -l)
	atleast 50 "headings of the Chinese report" "$nh"
	english=$(headings "$T/report-zh.html" | grep -o '[A-Za-z][A-Za-z]\+' | sort -u | head -5 | tr '\n' ' ')
	[ -z "$english" ] && ok || ko "report --lang zh has English headings: $english"
	# Numbers as people write them, each a link to its line: 4186万平方米, shares in percent.
	grep -q '>4186万平方米</a>' "$T/report-zh.html" && ok || ko "report --lang zh: no 4186万平方米"
	grep -q '>41860000<\|>0\.0595<' "$T/report-zh.html" && ko "report --lang zh: a raw number" || ok
	grep -q '>5\.95%<' "$T/report-zh.html" && ok || ko "report --lang zh: no share in percent"
	# Self-contained: no scripts, styles, images or fonts from elsewhere.
	outside=$(grep -o 'https\?://[^"<> ]*' "$T/report.html" | grep -v '^http://www.w3.org/' | head -1)
	[ -z "$outside" ] && ok || ko "report refers outside: $outside"
	grep -qi '<link\|src=\|@import' "$T/report.html" && ko "report loads a resource" || ok
	# Names are data: escaped, never markup.
	"$YOY" --data $B/hostile report -o "$T/hostile.html" >/dev/null 2>&1 && ok || ko "report of hostile names"
	grep -q '<script>alert' "$T/hostile.html" && ko "report did not escape an item name" || ok
	grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$T/hostile.html" && ok || ko "escaped name missing"
	# A failing report leaves an existing file as it was.
	printf 'keep\n' >"$T/keep.html"
	PATH=/nonexistent "$YOY" report -o "$T/keep.html" >/dev/null 2>&1
	[ "$(cat "$T/keep.html")" = keep ] && ok || ko "failed report changed its -o file"
	# In a real browser: the DOM has every set and chart, and the page is not blank.
	browser=$(command -v chromium || command -v chromium-browser || true)
	if [ -n "$browser" ]; then
		flags="--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$T/chrome"
		$browser $flags --dump-dom "file://$T/report.html" >"$T/dom.html" 2>/dev/null
		for s in $("$YOY" sets --format csv | tail -n +2 | cut -d, -f1); do
			grep -q "data-set=\"$s\"" "$T/dom.html" && ok || ko "browser DOM lacks set $s"
		done
		ndom=$(grep -o '<svg' "$T/dom.html" | wc -l)
		[ "$ndom" -eq "$nsvg" ] && ok || ko "browser DOM has $ndom charts, the file $nsvg"
		$browser $flags --window-size=1280,2000 --screenshot="$T/shot.png" "file://$T/report.html" >/dev/null 2>&1
		size=$(wc -c <"$T/shot.png" 2>/dev/null || echo 0)
		# A blank 1280×2000 page compresses to a few kB; this page's text and tables to far more.
		[ "$size" -gt 60000 ] && ok || ko "report screenshot looks blank ($size bytes)"
	else
		skip 7 "chromium not installed: the report in a browser (scripts/install-deps --with-browser)"
	fi
else
	skip 37 "gnuplot not installed: the report, which draws its charts with it"
fi

# --- the Excel workbook: read back by a real reader, cell by cell against the listings ---
pairs="cq-2024:cq-2025 cq-2025:cq-2026 cq-2025:yubei-2025 cq-2025:gaoxin-2025"
for l in zh en; do
	"$YOY" --lang $l export -o "$T/yoy-$l.xlsx" >"$T/out" 2>"$T/err"
	rc=$?
	[ $rc -eq 0 ] && [ ! -s "$T/err" ] && [ "$(cat "$T/out")" = "yoy: wrote $T/yoy-$l.xlsx (11 sheets)" ] &&
		ok || ko "export --lang $l: exit $rc: $(cat "$T/out" "$T/err")"
	[ "$(head -c 2 "$T/yoy-$l.xlsx")" = PK ] && ok || ko "export --lang $l did not write a zip"
done
ls "$T"/yoy-*.xlsx.tmp* >/dev/null 2>&1 && ko "export left a temporary file" || ok
py=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import openpyxl' 2>/dev/null; then py=$p; break; fi
done
if [ -n "$py" ]; then
	for l in zh en; do
		"$py" tests/cli/xlsx_check.py "$YOY" $l "$T/yoy-$l.xlsx" $pairs >"$T/xc" 2>&1 &&
			ok || { ko "workbook --lang $l read back"; cat "$T/xc"; }
	done
else
	skip 2 "no python3 with openpyxl: the workbook read back (apt-get install python3-openpyxl)"
fi
# LibreOffice, where present, opens it and reads every sheet.
office=$(command -v soffice || command -v libreoffice || true)
if [ -n "$office" ]; then
	mkdir "$T/lo"
	# (in a UTF-8 locale: in C, it cannot name the files of sheets called compare a→b)
	LC_ALL=C.UTF-8 "$office" -env:UserInstallation=file://$T/lo-profile --headless --convert-to \
		'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
		--outdir "$T/lo" "$T/yoy-en.xlsx" >/dev/null 2>&1
	n=$(ls "$T"/lo/*.csv 2>/dev/null | wc -l)
	[ "$n" -eq 11 ] && ok || ko "LibreOffice read $n of the workbook's 11 sheets"
	n_lo=$(python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8"))))' "$T/lo/yoy-en-targets.csv" 2>&1)
	n_csv=$("$YOY" targets --format csv | python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(sys.stdin)))')
	[ "$n_lo" = "$n_csv" ] && ok || ko "LibreOffice reads $n_lo rows of targets, yoy lists $n_csv"
else
	skip 2 "LibreOffice not installed: the workbook opened in an office suite (scripts/install-deps --with-office)"
fi
# A failing export leaves an existing workbook as it was.
printf 'keep\n' >"$T/keep.xlsx"
"$YOY" --data $B/dupseq export -o "$T/keep.xlsx" >/dev/null 2>&1
[ "$(cat "$T/keep.xlsx")" = keep ] && ok || ko "failed export changed its -o file"
ls "$T"/keep.xlsx.tmp* >/dev/null 2>&1 && ko "failed export left a temporary file" || ok

echo "cli: $pass passed, $fail failed, $skipped skipped"
[ $fail -eq 0 ]
