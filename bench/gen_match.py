#!/usr/bin/env python3
"""Writes a national-scale matching pool as migration CSVs (records.md):
   gen_match.py OUTDIR [CHILDREN] [HOUSEHOLDS]
OUTDIR/children.csv holds CHILDREN (default 5000) waiting children, about a
fifth of them in sibling groups of 2 to 4; OUTDIR/adopters.csv holds
HOUSEHOLDS (default 4000) approved households. Preferences are skewed as in
England: most households want one or two young children with few needs,
while many waiting children are older, in sibling groups or have needs.
Deterministic: the same arguments give the same files."""
import os
import random
import sys

out = sys.argv[1]
nchildren = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
nhouseholds = int(sys.argv[3]) if len(sys.argv) > 3 else 4000
rng = random.Random(nchildren * 7919 + nhouseholds)
partners = ["210", "306", "203", "208", "209", "314", "315", "318", "319", "212"]
districts = ["SE1", "SE15", "SE5", "CR0", "CR4", "SW9", "SW2", "KT1", "SM1", "TW9", "SW19",
             "SE6", "SE13", "BR1", "SE18", "SW11", "SW17", "N1", "E8", "M1", "L36", "B1"]
ethnic = ["WBRI"] * 9 + ["WOTH", "MWBC", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN",
                         "BAFR", "BAFR", "BCRB", "BOTH", "CHNE", "OOTH", "WIRI"]
levels = ["none", "low", "medium", "high"]
contacts = ["none", "letterbox", "direct"]
TODAY = (2026, 11, 23)


def day(y, m, d):
    return f"{y:04d}-{m:02d}-{d:02d}"


def months_before(months):
    """A date `months` whole months before TODAY (day clamped to 28)."""
    y, m, _ = TODAY
    total = y * 12 + (m - 1) - months
    return total // 12, total % 12 + 1


def child_need():
    return rng.choices(levels, weights=[55, 28, 12, 5])[0]


def write_children(path):
    with open(path, "w") as f:
        f.write("child_id,partner,la_child_id,first_name,last_name,sex,dob,ethnicity,"
                "sibling_group,disability,health,development,behaviour,contact,"
                "birth_postcode_district,entered_care,should_be_placed,placement_order,status\n")
        i = 0
        group = 0
        while i < nchildren:
            size = 1
            if rng.random() < 0.11:
                size = rng.choices([2, 3, 4], weights=[65, 27, 8])[0]
            size = min(size, nchildren - i)
            sg = ""
            if size > 1:
                group += 1
                sg = f"SG{group}"
            partner = rng.choice(partners)
            district = rng.choice(districts) if rng.random() < 0.95 else ""
            eth = rng.choice(ethnic)
            youngest = rng.choices([rng.randint(0, 23), rng.randint(24, 59), rng.randint(60, 120)],
                                   weights=[40, 40, 20])[0]
            waited = rng.randint(1, min(36, youngest + 1) if youngest < 36 else 36)
            sy, sm = months_before(waited)
            sbp = day(sy, sm, rng.randint(1, 20))
            ey, em = months_before(min(waited + rng.randint(1, 12), youngest))
            entered = day(ey, em, 1)
            age = youngest
            for k in range(size):
                i += 1
                by, bm = months_before(age)
                dob = day(by, bm, rng.randint(1, 20))  # never after TODAY
                ec = max(entered, dob)
                csbp = max(sbp, ec)
                needs = [child_need() for _ in range(4)]
                if age > 60:
                    needs[3] = rng.choice(["low", "medium", "high"])
                f.write(f"N{i},{partner},LA{i:06d},Name{i % 997},Family{group if sg else i},"
                        f"{rng.choice('MF')},{dob},{eth},{sg},{needs[0]},{needs[1]},{needs[2]},"
                        f"{needs[3]},{rng.choices(contacts, weights=[20, 65, 15])[0]},{district},"
                        f"{ec},{csbp},{csbp},waiting\n")
                age += rng.randint(12, 36)


def write_adopters(path):
    with open(path, "w") as f:
        f.write("adopter_id,partner,name,applicants,postcode_district,enquiry,stage1_start,"
                "stage2_start,approved,min_age_months,max_age_months,max_children,disability,"
                "health,development,behaviour,contact,early_permanence,ethnicity,status\n")
        for i in range(1, nhouseholds + 1):
            waited = rng.randint(0, 30)
            ay, am = months_before(waited)
            approved = day(ay, am, rng.randint(1, 20))
            s2y, s2m = months_before(waited + 4)
            s1y, s1m = months_before(waited + 7)
            eny, enm = months_before(waited + 9)
            lo = rng.choices([0, 0, 6, 12, 24], weights=[50, 20, 10, 10, 10])[0]
            hi = lo + rng.choices([24, 36, 48, 72, 96], weights=[30, 30, 20, 15, 5])[0]
            maxc = rng.choices([1, 2, 3, 4], weights=[55, 35, 8, 2])[0]
            needs = [rng.choices(levels, weights=[25, 45, 22, 8])[0] for _ in range(4)]
            contact = rng.choices(contacts, weights=[10, 70, 20])[0]
            ep = "yes" if rng.random() < 0.2 else "no"
            f.write(f"H{i},{rng.choice(partners)},Household {i},{rng.choice([1, 2, 2])},"
                    f"{rng.choice(districts)},{day(eny, enm, 1)},{day(s1y, s1m, 2)},"
                    f"{day(s2y, s2m, 3)},{approved},{lo},{hi},{maxc},{needs[0]},{needs[1]},"
                    f"{needs[2]},{needs[3]},{contact},{ep},{rng.choice(ethnic)},approved\n")


os.makedirs(out, exist_ok=True)
write_children(os.path.join(out, "children.csv"))
write_adopters(os.path.join(out, "adopters.csv"))
