#!/usr/bin/env bash
# Benchmarks of issue #2's targets. Prints one line per measurement; copy
# them into bench/RESULTS.md with the date and machine.
#   import children of 100,000 rows: < 3 s and < 200 MB peak
#   raa demo: < 5 s
#   raa clocks --overdue over the demo region: < 100 ms
set -euo pipefail
cd "$(dirname "$0")/.."
RAA=${RAA:-build/raa}
OUT=bench/out
mkdir -p "$OUT"
export RAA_TODAY=${RAA_TODAY:-2026-11-23}

partners() {
	for p in "210 Southwark --host" 306:Croydon 203:Greenwich 208:Lambeth 209:Lewisham \
		 314:Kingston 315:Merton 318:Richmond 319:Sutton 212:Wandsworth; do
		case $p in
		*:*) "$RAA" --db "$1" partner add --code "${p%%:*}" --name "${p#*:}" > /dev/null ;;
		*) set -- "$1" $p; "$RAA" --db "$1" partner add --code "$2" --name "$3" $4 > /dev/null ;;
		esac
	done
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m); date: $(date -u +%F)"

# 1. import children, 100,000 rows
python3 bench/gen_children.py 100000 > "$OUT/children100k.csv"
rm -f "$OUT/import.db"*
"$RAA" --db "$OUT/import.db" init > /dev/null
partners "$OUT/import.db"
/usr/bin/time -f "%e %M" -o "$OUT/import.time" "$RAA" --db "$OUT/import.db" import children "$OUT/children100k.csv" > /dev/null
read -r secs kb < "$OUT/import.time"
echo "import children 100000 rows: ${secs} s, peak ${kb} KB ($((kb / 1024)) MB)"

# 2. raa demo
for i in 1 2 3; do
	rm -f "$OUT/demo.db"*
	"$RAA" --db "$OUT/demo.db" init > /dev/null
	/usr/bin/time -f "%e %M" -o "$OUT/demo.time" "$RAA" --db "$OUT/demo.db" demo --seed 1 > /dev/null
	read -r secs kb < "$OUT/demo.time"
	echo "raa demo --seed 1 (run $i): ${secs} s, peak $((kb / 1024)) MB"
done

# 3. clocks --overdue over the demo region
hyperfine -N --warmup 3 --runs 30 --export-json "$OUT/clocks.json" \
	"$RAA --db $OUT/demo.db clocks --overdue --format json" > /dev/null
python3 - "$OUT/clocks.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"raa clocks --overdue (demo region): mean {r['mean']*1000:.1f} ms, "
      f"min {r['min']*1000:.1f} ms, max {r['max']*1000:.1f} ms over {len(r['times'])} runs")
PY
