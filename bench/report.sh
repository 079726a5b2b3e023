#!/usr/bin/env bash
# Issue #6's report target on the 50,000-child region of bench/scorecard.sh
# (bench/gen_region.py): a quarterly PDF report in under 1 s. Times the
# quarterly report of one partner as HTML, CSV and PDF (hyperfine when
# installed, else repeated /usr/bin/time) and prints one line per format
# with its peak memory; copy them into bench/RESULTS.md.
#   RAA=build/raa DB=bench/out/region.db PARTNER=208 QUARTER=2026Q3 RUNS=10
set -euo pipefail
cd "$(dirname "$0")/.."
RAA=${RAA:-build/raa}
OUT=bench/out
DB=${DB:-$OUT/region.db}
PARTNER=${PARTNER:-208}
QUARTER=${QUARTER:-2026Q3}
RUNS=${RUNS:-10}
export RAA_TODAY=${RAA_TODAY:-2026-11-23}
mkdir -p "$OUT"
if [ ! -s "$DB" ]; then
	echo "$0: no region at $DB: run bench/scorecard.sh first (it builds it)" >&2
	exit 1
fi

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(uname -m); date: $(date -u +%F)"
"$RAA" --db "$DB" report quarterly --partner "$PARTNER" --quarter "$QUARTER" --format pdf \
	--output "$OUT/report.pdf"
echo "the PDF: $(pdfinfo "$OUT/report.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') pages," \
	"$(wc -c < "$OUT/report.pdf") bytes"

for fmt in html csv pdf; do
	cmd="$RAA --db $DB report quarterly --partner $PARTNER --quarter $QUARTER --format $fmt --output $OUT/report.$fmt"
	/usr/bin/time -f "%M" -o "$OUT/report-$fmt.mem" $cmd
	peak="peak $(cat "$OUT/report-$fmt.mem") KB"
	if command -v hyperfine > /dev/null; then
		hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$OUT/report-$fmt.json" "$cmd" > /dev/null
		python3 - "$OUT/report-$fmt.json" "$fmt" "$peak" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"report quarterly --format {sys.argv[2]}: mean {r['mean']*1000:.0f} ms, "
      f"min {r['min']*1000:.0f} ms, max {r['max']*1000:.0f} ms, "
      f"user {r['user']*1000:.0f} ms over {len(r['times'])} runs; {sys.argv[3]}")
PY
	else
		for i in $(seq "$RUNS"); do
			/usr/bin/time -f "%e %U" -a -o "$OUT/report-$fmt.times" $cmd
		done
		awk -v f="$fmt" -v p="$peak" '{ s += $1; u += $2; n++; if (!m || $1 < m) m = $1 }
			END { printf "report quarterly --format %s: mean %.0f ms, min %.0f ms, user %.0f ms over %d runs; %s\n",
			      f, s / n * 1000, m * 1000, u / n * 1000, n, p }' "$OUT/report-$fmt.times"
		rm -f "$OUT/report-$fmt.times"
	fi
done
