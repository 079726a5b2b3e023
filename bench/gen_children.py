#!/usr/bin/env python3
"""Writes a children.csv of N synthetic rows (records.md format) for the
import benchmark. Deterministic: the same N gives the same file."""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
partners = ["210", "306", "203", "208", "209", "314", "315", "318", "319", "212"]
ethnic = ["WBRI", "WOTH", "MWBC", "MWBA", "AIND", "BAFR", "BCRB", "CHNE", "OOTH", "WIRI"]
needs = ["none", "none", "low", "low", "medium", "high", ""]
contact = ["none", "letterbox", "letterbox", "direct", ""]
status = ["tracking", "waiting", "linked", "matched", "placed", "adopted", "plan_changed", "left"]
rng = random.Random(n)
out = sys.stdout
out.write("child_id,partner,la_child_id,first_name,last_name,sex,dob,ethnicity,sibling_group,"
          "disability,health,development,behaviour,contact,birth_postcode_district,"
          "entered_care,should_be_placed,placement_order,status\n")
for i in range(1, n + 1):
    y = rng.randint(2008, 2023)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    ec_y = min(y + rng.randint(0, 3), 2025)
    sbp = f"{min(ec_y + 1, 2025)}-{m:02d}-{d:02d}" if rng.random() < 0.7 else ""
    po = f"{min(ec_y + 1, 2025)}-{m:02d}-{min(d + 1, 28):02d}" if sbp and rng.random() < 0.8 else ""
    sg = f"SG{i // 3}" if rng.random() < 0.2 else ""
    # siblings share their LA, as the store requires
    partner = partners[(i // 3) % len(partners)] if sg else rng.choice(partners)
    out.write(f"B{i},{partner},LA-{i:06d},Name{i % 997},Family{i % 1499},"
              f"{rng.choice('MF')},{y}-{m:02d}-{d:02d},{rng.choice(ethnic)},{sg},"
              f"{rng.choice(needs)},{rng.choice(needs)},{rng.choice(needs)},{rng.choice(needs)},"
              f"{rng.choice(contact)},SE{rng.randint(1, 28)},{ec_y}-{m:02d}-{d:02d},{sbp},{po},"
              f"{rng.choice(status)}\n")
