#!/usr/bin/env bash
# Matching benchmark of issue #5: a national-scale pool of 5,000 waiting
# children (with sibling groups) and 4,000 approved households, written by
# bench/gen_match.py as migration CSVs and imported.
#   raa match pool: < 5 s and < 500 MB
#   raa match child: < 50 ms
# It also reports the children the exact proposal places against greedy
# first-come (`raa match pool --greedy`) on the same pool.
set -euo pipefail
cd "$(dirname "$0")/.."
RAA=${RAA:-build/raa}
OUT=bench/out/match
NC=${NC:-5000}
NH=${NH:-4000}
mkdir -p "$OUT"
export RAA_TODAY=${RAA_TODAY:-2026-11-23}
DB="$OUT/match.db"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m); date: $(date -u +%F)"
python3 bench/gen_match.py "$OUT" "$NC" "$NH"
rm -f "$DB"*
"$RAA" --db "$DB" init > /dev/null
for p in "210 Southwark --host" 306:Croydon 203:Greenwich 208:Lambeth 209:Lewisham \
	 314:Kingston 315:Merton 318:Richmond 319:Sutton 212:Wandsworth; do
	case $p in
	*:*) "$RAA" --db "$DB" partner add --code "${p%%:*}" --name "${p#*:}" > /dev/null ;;
	*) set -- $p; "$RAA" --db "$DB" partner add --code "$1" --name "$2" "$3" > /dev/null ;;
	esac
done
"$RAA" --db "$DB" import children "$OUT/children.csv" > /dev/null
"$RAA" --db "$DB" import adopters "$OUT/adopters.csv" > /dev/null

for i in 1 2 3; do
	/usr/bin/time -f "%e %M" -o "$OUT/pool.time" "$RAA" --db "$DB" match pool --format json > "$OUT/pool.json"
	read -r secs kb < "$OUT/pool.time"
	echo "raa match pool ($NC children, $NH households, run $i): ${secs} s, peak $((kb / 1024)) MB"
done
"$RAA" --db "$DB" match pool --greedy --format json > "$OUT/greedy.json"
python3 - "$OUT/pool.json" "$OUT/greedy.json" <<'PY'
import json, sys
exact, greedy = (json.load(open(f)) for f in sys.argv[1:3])
units = len(exact["proposals"]) + len(exact["unplaced"])
kids = sum(len(u) for u in [p["unit"] for p in exact["proposals"]] + exact["unplaced"])
score = lambda d: sum(p["score"] for p in d["proposals"])
print(f"pool: {units} units, {kids} children; exact places {exact['children_placed']} children "
      f"in {len(exact['proposals'])} proposals (total score {score(exact):.1f}); greedy first-come "
      f"places {greedy['children_placed']} in {len(greedy['proposals'])} (total score {score(greedy):.1f})")
PY

# match child: a child of a sibling group and a child on their own
SIB=$(awk -F, 'NR > 1 && $9 != "" { print $1; exit }' "$OUT/children.csv")
hyperfine -N --warmup 3 --runs 20 --export-json "$OUT/child.json" \
	"$RAA --db $DB match child N1 --format json" "$RAA --db $DB match child $SIB --format json" > /dev/null
python3 - "$OUT/child.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command'].split(' match ')[1]}: mean {r['mean']*1000:.1f} ms, "
          f"min {r['min']*1000:.1f} ms, max {r['max']*1000:.1f} ms over {len(r['times'])} runs")
PY
