#!/usr/bin/env bash
# The reference's sample return imported for one partner (2022/23 rules: the
# sample codes SEX 1/2), its journeys derived independently from the CSVs
# for every child imported, two children worked out by hand, and the
# scorecard's inputs for that partner consistent with what was imported.
#
# The fake data breaks rules on almost every child with a placement or an
# adoption (551, 390, 217, ...), so the sound children the import takes are
# ones that simply entered and left care; the placement, placement order,
# decision, match and adoption mappings are exercised by the hand-made
# returns of test_903_import.sh.
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
SAMPLE=${S903_SAMPLE:-${RAA_SHARED:-$HERE/../../../shared}/ssda903/sample}
if [ ! -d "$SAMPLE" ]; then
	echo "SKIP: no sample return at $SAMPLE"
	exit 0
fi
DB="$TMP/raa.db"
R() { raa --db "$DB" "$@"; }
mkdir -p "$TMP/ret"
cp "$SAMPLE"/header.csv "$SAMPLE"/episodes.csv "$SAMPLE"/ad1.csv "$SAMPLE"/placed_for_adoption.csv "$TMP/ret/"
expect_exit 0 "init" -- R init
expect_exit 0 "partner" -- R partner add --code 303 --name Bexley
expect_exit 0 "validate" -- R --format json 903 validate "$TMP/ret" --year 2022/23
cp "$TMP/out" "$TMP/v.json"
expect_exit 1 "refused without --accept-errors" -- R 903 import "$TMP/ret" --partner 303 --year 2022/23
expect_contains "$TMP/err" "nothing imported" "all or nothing"
expect_exit 0 "import" -- R --format json 903 import "$TMP/ret" --partner 303 --year 2022/23 --accept-errors
cp "$TMP/out" "$TMP/i.json"
expect_exit 0 "children" -- R --format json child list --partner 303
cp "$TMP/out" "$TMP/children.json"
for id in $(json '" ".join(c["child_id"] for c in d)' "$TMP/children.json"); do
	R --format json child show "$id" >"$TMP/c-$id.json" || fail "child show $id"
done

# Every imported child's events, derived from its episodes by the rules of
# docs/ssda903-import.md, written here independently of import.c.
if python3 - "$TMP" "$TMP/ret" <<'PY'; then ok; else fail "journeys differ from the episodes (listed above)"; fi
import csv, datetime, glob, json, os, sys
tmp, ret = sys.argv[1:3]
def dmy(s): return datetime.datetime.strptime(s, '%d/%m/%Y').date().isoformat() if s else None
rows = lambda f: list(csv.DictReader(open(os.path.join(ret, f))))
eps, ad1, pa = {}, {}, {}
for r in rows('episodes.csv'): eps.setdefault(r['CHILD'], []).append(r)
for r in rows('ad1.csv'): ad1.setdefault(r['CHILD'], []).append(r)
for r in rows('placed_for_adoption.csv'): pa.setdefault(r['CHILD'], []).append(r)
A = {'A3', 'A4', 'A5', 'A6'}
def derive(child):
    ev = set()
    e = sorted(eps.get(child, []), key=lambda r: dmy(r['DECOM']))
    for i, r in enumerate(e):
        prev = e[i - 1] if i else None
        new_period = (i == 0 and r['RNE'] == 'S') or (prev and prev['DEC'] and prev['DEC'] != r['DECOM'])
        if new_period: ev.add(('entered_care', dmy(r['DECOM'])))
        same = prev and not (prev['DEC'] and prev['DEC'] != r['DECOM'])
        if r['LS'] in ('E1', 'D1') and (r['RNE'] in 'SLT' or (same and prev['LS'] != r['LS'])) \
                and not (same and prev['LS'] in ('E1', 'D1')):
            ev.add(('placement_order', dmy(r['DECOM'])))
        if r['PLACE'] in A and (r['RNE'] in 'SPTB' or (same and prev['PLACE'] != r['PLACE'])) \
                and not (same and prev['PLACE'] in A):
            ev.add(('placed', dmy(r['DECOM'])))
        nxt = e[i + 1]['DECOM'] if i + 1 < len(e) else None
        if r['DEC'] and r['DEC'] != nxt and r['REC'] != 'X1':
            ev.add(('adoption_order' if r['REC'] in ('E11', 'E12') else 'left_care', dmy(r['DEC'])))
    for r in ad1.get(child, []):
        ev.add(('should_be_placed', dmy(r['DATE_INT'])))
        if r['DATE_MATCH']: ev.add(('match_decision', dmy(r['DATE_MATCH'])))
    for r in pa.get(child, []):
        ev.add(('should_be_placed', dmy(r['DATE_PLACED'])))
        if r['DATE_PLACED_CEASED']: ev.add(('plan_changed', dmy(r['DATE_PLACED_CEASED'])))
    return ev
imp = json.load(open(os.path.join(tmp, 'i.json')))
refused = {(x['child'], x['kind'], x['date']) for x in imp['events_refused']}
bad, n = [], 0
for f in glob.glob(os.path.join(tmp, 'c-*.json')):
    c = json.load(open(f))
    got = {(x['kind'], x['date']) for x in c['events']}
    want = {k for k in derive(c['la_child_id']) if (c['la_child_id'],) + k not in refused}
    n += 1
    if got != want: bad.append('%s: got %s, expected %s' % (c['la_child_id'], sorted(got), sorted(want)))
if n != imp['created'] or n == 0: bad.append('%d children read, %d created' % (n, imp['created']))
print('\n'.join(bad[:5]), file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# Two children by hand (episodes.csv):
#   79078  one episode 17/04/2015 RNE S .. 12/06/2017 REC E4A: came into care
#          that day (RNE S), left on the DEC with a REC that is not adoption.
#   3299   one episode 03/11/2015 RNE T .. 28/06/2017 REC E41: RNE T, not S,
#          so the child was already looked after (no entered_care); left care
#          on the DEC.
ev_of() { python3 -c "
import json,sys
for c in json.load(open(sys.argv[1])):
    if c['la_child_id'] == sys.argv[2]:
        print('; '.join('%s %s' % (e['kind'], e['date']) for e in json.load(open(sys.argv[3] + '/c-' + c['child_id'] + '.json'))['events']))
" "$TMP/children.json" "$1" "$TMP"; }
expect_eq "$(ev_of 79078)" "entered_care 2015-04-17; left_care 2017-06-12" "79078 by hand"
expect_eq "$(ev_of 3299)" "left_care 2017-06-28" "3299 by hand"

# Children left out are exactly those with errors in the journey tables.
expect_eq "$(json 'sorted(x["child"] for x in d["left_out"]) == sorted({e["child"] for e in json.load(open("'"$TMP/v.json"'"))["errors"] if e["table"] in ("Header","Episodes","AD1","PlacedAdoption") and e["child"]})' "$TMP/i.json")" \
	"True" "left out = children with errors in the tables the import reads"

# Scorecard inputs: the sample's events are 2015-2019; a window ending
# 2019-12-31 holds them. No imported child was placed or adopted, so every
# count of placements and adoptions is 0 and the measures have no data.
expect_exit 0 "scorecard" -- R --format json scorecard --partner 303 --to 2019-12-31 --years 5
cp "$TMP/out" "$TMP/sc.json"
expect_eq "$(json 'd["scope"]' "$TMP/sc.json")" "303" "scorecard for the partner"
expect_eq "$(json 'd["A1"]["n"], d["A2"]["n"], d["A10"]["n"]' "$TMP/sc.json")" \
	"$(json 'd["events_added"].get("adoption_order", 0), d["events_added"].get("adoption_order", 0), d["events_added"].get("adoption_order", 0)' "$TMP/i.json")" \
	"adoption measures count the imported adoptions"
expect_eq "$(json 'd["created"] > 0 and d["events_added"].get("left_care", 0) > 0' "$TMP/i.json")" "True" "children and events imported"
finish
