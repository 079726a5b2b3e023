#!/usr/bin/env bash
# The demo region: size, every status, determinism per seed, logins, and a
# full export -> import -> export round trip of a realistic region.
. "$(dirname "$0")/lib.sh"
DB="$TMP/demo.db"
R() { raa --db "$DB" "$@"; }

expect_exit 0 "init" -- R init
expect_exit 0 "init is idempotent" -- R init
expect_exit 0 "demo" -- R demo --seed 7
expect_contains "$TMP/out" "demo-admin-7" "admin login printed"
expect_contains "$TMP/out" "la_social_worker" "LA login printed"
expect_exit 1 "demo refuses a non-empty database" -- R demo --seed 7

R partner list --format json > "$TMP/p.json"
expect_eq "$(json 'len(d)' "$TMP/p.json")" 10 "ten partners"
expect_eq "$(json 'len([p for p in d if p["role"]=="host"])' "$TMP/p.json")" 1 "one host"
expect_eq "$(json '[p["name"] for p in d if p["role"]=="host"][0]' "$TMP/p.json")" Southwark "Southwark hosts"
R user list --format json > "$TMP/u.json"
expect_eq "$(json 'len(set(u["role"] for u in d))' "$TMP/u.json")" 10 "a login for every role"

R child list --format json > "$TMP/c.json"
expect_eq "$(json 'len(d) >= 600' "$TMP/c.json")" True "at least 600 children"
expect_eq "$(json 'sorted(set(c["status"] for c in d))' "$TMP/c.json")" \
	"['adopted', 'left', 'linked', 'matched', 'placed', 'plan_changed', 'tracking', 'waiting']" "every child status"
expect_eq "$(json 'len([c for c in d if c["sibling_group"]]) > 50' "$TMP/c.json")" True "sibling groups"
expect_eq "$(json 'all(len([c for c in d if r in c["harder_to_place"]])>0 for r in ["age_5_plus","sibling_group","disability","ethnicity","waited_18_months"])' "$TMP/c.json")" True "every harder-to-place reason"
R adopter list --format json > "$TMP/a.json"
expect_eq "$(json 'len(d) >= 250' "$TMP/a.json")" True "at least 250 households"
expect_eq "$(json 'sorted(set(a["status"] for a in d)) >= sorted(["enquiry","stage1","stage2","approved","on_hold","linked","matched","placed","withdrawn"])' "$TMP/a.json")" True "every household stage"
expect_eq "$(json 'set(["enquiry","stage1","stage2","approved","on_hold","linked","matched","placed","withdrawn"]) <= set(a["status"] for a in d)' "$TMP/a.json")" True "every household stage present"

R clocks --overdue --format json > "$TMP/k.json"
expect_eq "$(json 'len(d) > 0' "$TMP/k.json")" True "some clocks overdue"
expect_eq "$(json 'all(d[i]["overdue_days"] >= d[i+1]["overdue_days"] for i in range(len(d)-1))' "$TMP/k.json")" True "most overdue first"
expect_eq "$(json 'all(k["overdue_days"] > 0 for k in d)' "$TMP/k.json")" True "--overdue lists only overdue clocks"
expect_eq "$(json 'list(d[0].keys())' "$TMP/k.json")" "['record', 'kind', 'started', 'due', 'overdue_days', 'partner']" "clock JSON shape"

# Same seed, same region; another seed, another region.
DB2="$TMP/demo2.db"
raa --db "$DB2" init > /dev/null && raa --db "$DB2" demo --seed 7 > /dev/null
DB3="$TMP/demo3.db"
raa --db "$DB3" init > /dev/null && raa --db "$DB3" demo --seed 8 > /dev/null
for f in children adopters events; do
	R export $f > "$TMP/$f.1.csv"
	raa --db "$DB2" export $f > "$TMP/$f.same.csv"
	raa --db "$DB3" export $f > "$TMP/$f.other.csv"
	if cmp -s "$TMP/$f.1.csv" "$TMP/$f.same.csv"; then ok; else fail "seed 7 twice: $f differs"; fi
	if cmp -s "$TMP/$f.1.csv" "$TMP/$f.other.csv"; then fail "seeds 7 and 8 give the same $f"; else ok; fi
done

# The whole region survives export -> import -> export byte for byte.
DB4="$TMP/copy.db"
raa --db "$DB4" init > /dev/null
R partner list --format csv | tail -n +2 | while IFS=, read -r code name role spoke; do
	host=""; [ "$role" = host ] && host=--host
	raa --db "$DB4" partner add --code "$code" --name "$name" $host ${spoke:+--spoke "$spoke"} > /dev/null
done
for f in adopters children events; do
	expect_exit 0 "re-import demo $f" -- raa --db "$DB4" import $f "$TMP/$f.1.csv"
done
for f in children adopters events; do
	raa --db "$DB4" export $f > "$TMP/$f.2.csv"
	if cmp -s "$TMP/$f.1.csv" "$TMP/$f.2.csv"; then ok; else
		fail "demo round trip of $f differs"; diff "$TMP/$f.1.csv" "$TMP/$f.2.csv" | head >&2
	fi
done
finish
