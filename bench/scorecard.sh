#!/usr/bin/env bash
# Issue #6's scorecard targets over a region of 50,000 children and 20,000
# households with ten years of events (bench/gen_region.py):
#   raa scorecard for the region: < 200 ms
#   all 10 partners' quarterly series: < 2 s total
# Prints one line per measurement; copy them into bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
RAA=${RAA:-build/raa}
OUT=bench/out
DB=$OUT/region.db
mkdir -p "$OUT"
export RAA_TODAY=${RAA_TODAY:-2026-11-23}
TO=2026-09-30
PARTNERS="210 306 203 208 209 314 315 318 319 212"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m); date: $(date -u +%F)"

if [ ! -s "$DB" ] || [ "${REGEN:-0}" = 1 ]; then
	python3 bench/gen_region.py "$OUT/region" 50000 20000 "$RAA_TODAY"
	rm -f "$DB"*
	"$RAA" --db "$DB" init > /dev/null
	"$RAA" --db "$DB" partner add --code 210 --name Southwark --host > /dev/null
	for p in 306:Croydon 203:Greenwich 208:Lambeth 209:Lewisham 314:Kingston 315:Merton \
		 318:Richmond 319:Sutton 212:Wandsworth; do
		"$RAA" --db "$DB" partner add --code "${p%%:*}" --name "${p#*:}" > /dev/null
	done
	for f in adopters children events; do
		/usr/bin/time -f "%e s, peak %M KB" -o "$OUT/region-$f.time" \
			"$RAA" --db "$DB" import "$f" "$OUT/region/$f.csv" > /dev/null
		echo "import $f: $(cat "$OUT/region-$f.time")"
	done
fi
echo "events in the region: $(sqlite3 "$DB" 'SELECT count(*) FROM events')"

mean_ms() {
	python3 - "$1" "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"{sys.argv[2]}: mean {r['mean']*1000:.0f} ms, min {r['min']*1000:.0f} ms, "
      f"max {r['max']*1000:.0f} ms over {len(r['times'])} runs")
PY
}

# 1. the region's scorecard
hyperfine -N --warmup 2 --runs 10 --export-json "$OUT/sc-region.json" \
	"$RAA --db $DB scorecard --to $TO --format json" > /dev/null
mean_ms "$OUT/sc-region.json" "raa scorecard --to $TO (region)"

# 2. every partner's 12-quarter series: one command per partner ...
cmds=()
for p in $PARTNERS; do
	cmds+=("$RAA --db $DB scorecard --partner $p --to $TO --series --format json")
done
start=$(date +%s.%N)
for i in 1 2 3; do
	for cmd in "${cmds[@]}"; do $cmd > /dev/null; done
done
end=$(date +%s.%N)
python3 -c "print(f'10 x raa scorecard --partner P --series (one command each): {($end - $start) / 3 * 1000:.0f} ms for all ten (mean of 3)')"

# ... and all of them from one load of the region.
hyperfine -N --warmup 2 --runs 10 --export-json "$OUT/sc-all.json" \
	"$RAA --db $DB scorecard --all-partners --to $TO --series --format json" > /dev/null
mean_ms "$OUT/sc-all.json" "raa scorecard --all-partners --series (region + 10 partners, 12 quarters each)"
