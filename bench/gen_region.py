#!/usr/bin/env python3
"""Writes the three migration CSVs (records.md) of a synthetic region for
the scorecard benchmark: N children and H adopter households with ten years
of journeys ending at TODAY, every event legal for `raa import`.

    gen_region.py OUTDIR [CHILDREN [HOUSEHOLDS [TODAY]]]

Deterministic: the same arguments give the same files. Children enter care
over the ten years; most get a decision to place and a placement order,
wait, are linked, matched, placed and adopted; others leave care, have
their plan changed, or still wait. Each matched child is matched with a
household approved before the link; once the budget of new households is
spent, a household that has adopted is approved again and adopts again
(second-time adopters). Households left over are waiting, in Stage 2 or
withdrawn. Events are written in date order, a household's before a
child's on the same day, so each one's prerequisites are already there.
"""
import datetime as dt
import heapq
import os
import random
import sys

outdir = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 50000
H = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
TODAY = dt.date.fromisoformat(sys.argv[4]) if len(sys.argv) > 4 else dt.date(2026, 11, 23)
START = TODAY - dt.timedelta(days=3652)
PARTNERS = ["210", "306", "203", "208", "209", "314", "315", "318", "319", "212"]
WEIGHTS = [10, 14, 9, 11, 10, 6, 7, 5, 7, 9]
rng = random.Random(N * 7919 + H)
events = []  # (date, household 0 / child 1, sequence, record, kind, adopter)


def day(d):
    return d.isoformat()


def ev(d, rec, kind, adopter=""):
    events.append((d, 0 if rec.startswith("H") else 1, len(events), rec, kind, adopter))


def plus(d, lo, hi):
    return d + dt.timedelta(days=rng.randint(lo, hi))


children = []
matches = []  # (link date, child index)
for i in range(N):
    partner = rng.choices(PARTNERS, WEIGHTS)[0]
    ec = START + dt.timedelta(days=int(rng.random() ** 0.9 * 3600))
    dob = ec - dt.timedelta(days=rng.choice([rng.randint(0, 20), rng.randint(30, 1800),
                                              rng.randint(30, 1800), rng.randint(1800, 3600)]))
    c = {"id": f"C{i + 1}", "partner": partner, "dob": dob, "ec": ec, "sbp": None, "po": None}
    children.append(c)
    r = rng.random()
    if r < 0.08:  # never a decision to place: leaves care, or still tracked
        left = plus(ec, 100, 500)
        if left <= TODAY:
            ev(left, c["id"], "left_care")
        continue
    sbp = plus(ec, 60, 240)
    if sbp > TODAY:
        continue
    c["sbp"] = sbp
    po = plus(sbp, -20, 120)
    if po <= TODAY and rng.random() < 0.93:
        c["po"] = po
    if r < 0.20:  # plan changed after a wait
        pc = plus(sbp, 60, 600)
        if pc <= TODAY:
            ev(pc, c["id"], "plan_changed")
        continue
    ff = plus(sbp, 5, 40)
    if ff <= TODAY:
        ev(ff, c["id"], "family_finder_allocated")
    wait = int(rng.expovariate(1 / 200)) + 20
    link = max(sbp, c["po"] or sbp) + dt.timedelta(days=wait)
    if link <= TODAY - dt.timedelta(days=10):
        matches.append((link, i))

# Households: new ones for the first matches, then adopters approved again.
households = []
free = []  # (available from, household index)
withdrawn_budget = H // 10


def new_household(approved, partner):
    h = {"id": f"H{len(households) + 1}", "partner": partner, "approved": approved}
    h["roi"] = approved - dt.timedelta(days=rng.randint(150, 330))
    h["stage2"] = h["roi"] + dt.timedelta(days=rng.randint(50, 110))
    h["enquiry"] = h["roi"] - dt.timedelta(days=rng.randint(10, 60))
    h["fast"] = rng.random() < 0.05
    households.append(h)
    return len(households) - 1


budget = H - H // 5
matches.sort()
for link, i in matches:
    c = children[i]
    if free and free[0][0] <= link - dt.timedelta(days=20):
        avail, hi = heapq.heappop(free)
        h = households[hi]
        ev(avail, h["id"], "approved")
    elif len(households) < budget:
        own = c["partner"] if rng.random() < 0.7 else rng.choice(PARTNERS)
        hi = new_household(plus(link, -300, -5), own)
        h = households[hi]
    else:
        continue  # no family yet: the child waits
    cid, hid = c["id"], h["id"]
    if rng.random() < 0.12:
        ev(link, cid, "fostered_by_adopters", hid)
    ev(link, cid, "linked", hid)
    panel = plus(link, 10, 40)
    match = plus(panel, 1, 7)
    placed = plus(match, 7, 40)
    if placed > TODAY:
        continue
    ev(panel, cid, "matching_panel", hid)
    ev(match, cid, "match_decision", hid)
    ev(placed, cid, "placed", hid)
    if rng.random() < 0.04:
        dis = plus(placed, 30, 200)
        if dis <= TODAY:
            ev(dis, cid, "disruption")
            heapq.heappush(free, (plus(dis, 120, 300), hi))
        continue
    ao = plus(placed, 90, 330)
    if ao <= TODAY:
        ev(ao, cid, "adoption_order")
        if rng.random() < 0.5:
            heapq.heappush(free, (plus(ao, 180, 700), hi))

# The rest of the households: approved and waiting, in Stage 2, withdrawn.
while len(households) < H:
    approved = START + dt.timedelta(days=rng.randint(0, 3652))
    hi = new_household(approved, rng.choice(PARTNERS))
    h = households[hi]
    r = rng.random()
    if approved > TODAY or r < 0.3:
        h["approved"] = None
        if h["stage2"] > TODAY:
            h["stage2"] = None
        if rng.random() < 0.4:
            w = plus(h["roi"], 30, 400)
            if w <= TODAY:
                ev(w, h["id"], "withdrawn")
    elif r < 0.5:
        w = plus(approved, 60, 700)
        if w <= TODAY:
            ev(w, h["id"], "withdrawn")

os.makedirs(outdir, exist_ok=True)
with open(os.path.join(outdir, "adopters.csv"), "w") as f:
    f.write("adopter_id,partner,name,applicants,postcode_district,enquiry,stage1_start,"
            "stage2_start,approved,min_age_months,max_age_months,max_children,disability,"
            "health,development,behaviour,contact,early_permanence,ethnicity,status\n")
    for h in households:
        roi = "" if h["fast"] else day(h["roi"])
        enq = "" if h["fast"] else day(h["enquiry"])
        s2 = day(h["stage2"]) if h["stage2"] else ""
        ap = day(h["approved"]) if h["approved"] else ""
        f.write(f"{h['id']},{h['partner']},Household {h['id']},2,SE{rng.randint(1, 28)},{enq},{roi},"
                f"{s2},{ap},0,84,2,low,low,medium,low,letterbox,no,WBRI,\n")
with open(os.path.join(outdir, "children.csv"), "w") as f:
    f.write("child_id,partner,la_child_id,first_name,last_name,sex,dob,ethnicity,sibling_group,"
            "disability,health,development,behaviour,contact,birth_postcode_district,"
            "entered_care,should_be_placed,placement_order,status\n")
    for c in children:
        sbp = day(c["sbp"]) if c["sbp"] else ""
        po = day(c["po"]) if c["po"] else ""
        f.write(f"{c['id']},{c['partner']},LA-{c['id']},Name,Family,{rng.choice('MF')},"
                f"{day(c['dob'])},WBRI,,none,low,none,none,letterbox,SE1,{day(c['ec'])},{sbp},{po},\n")
events.sort()
with open(os.path.join(outdir, "events.csv"), "w") as f:
    f.write("record,kind,date,adopter,detail\n")
    for d, _, _, rec, kind, adopter in events:
        f.write(f"{rec},{kind},{day(d)},{adopter},\n")
print(f"{len(children)} children, {len(households)} households, {len(events)} events in {outdir}",
      file=sys.stderr)
