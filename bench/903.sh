#!/usr/bin/env bash
# Times `raa 903 validate` on the sample return and on generated returns of
# 2,000 and 20,000 children (bench/gen_903.py). Usage: bench/903.sh [RAA_BIN]
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
RAA=${1:-$HERE/../build-rel/raa}
SAMPLE=${S903_SAMPLE:-$HERE/../../shared/ssda903/sample}
OUT=$HERE/out/903
rm -rf "$OUT" && mkdir -p "$OUT/sample"
# the sample directory also holds the XML form and a second PlacedAdoption
for f in "$SAMPLE"/*.csv; do
	case $f in *_errors.csv) ;; *) cp "$f" "$OUT/sample/" ;; esac
done
python3 "$HERE/gen_903.py" 2000 "$OUT/c2000"
python3 "$HERE/gen_903.py" 20000 "$OUT/c20000"
for d in sample c2000 c20000; do
	/usr/bin/time -f "$d: %e s, %M KB max RSS" "$RAA" 903 validate "$OUT/$d" --year 2025/26 \
		--format json >"$OUT/$d.json"
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('  rules run', d['rules_run'], 'errors', len(d['errors']))" "$OUT/$d.json"
done
