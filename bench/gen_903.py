#!/usr/bin/env python3
"""Writes a synthetic SSDA903 return of N children as CSV tables into DIR,
shaped like the reference's sample (about 2 episodes and 5 reviews a child;
adoption tables for about 1 in 20 children), with a few deliberate errors.
Usage: gen_903.py N DIR [--seed S]"""
import argparse
import csv
import datetime as dt
import os
import random

COLS = {
    'header.csv': ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
    'episodes.csv': ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC',
                     'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'],
    'reviews.csv': ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'],
    'uasc.csv': ['CHILD', 'SEX', 'DOB', 'DUC'],
    'oc3.csv': ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'],
    'ad1.csv': ['CHILD', 'DOB', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR',
                'LS_ADOPTR'],
    'placed_for_adoption.csv': ['CHILD', 'DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED',
                                'REASON_PLACED_CEASED'],
    'missing.csv': ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
}
ETHNIC = ['WBRI', 'WIRI', 'WOTH', 'MWBC', 'AIND', 'BAFR', 'BCRB', 'CHNE', 'OOTH', 'REFU']


def d(x):
    return x.strftime('%d/%m/%Y') if x else ''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('n', type=int)
    ap.add_argument('dir')
    ap.add_argument('--seed', type=int, default=903)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    os.makedirs(a.dir, exist_ok=True)
    rows = {k: [] for k in COLS}
    start, end = dt.date(2025, 4, 1), dt.date(2026, 3, 31)
    for i in range(a.n):
        child = str(100000 + i)
        dob = dt.date(2008, 1, 1) + dt.timedelta(days=rnd.randrange(17 * 365))
        sex = rnd.choice(['M', 'F']) if rnd.random() > 0.002 else 'X'  # 2024/25 codes
        rows['header.csv'].append([child, sex, d(dob), rnd.choice(ETHNIC),
                                   'A%012d' % i, '', ''])
        decom = max(dob, start - dt.timedelta(days=rnd.randrange(900)))
        adopt = rnd.random() < 0.05
        neps = rnd.choice([1, 1, 2, 2, 3])
        for e in range(neps):
            last = e == neps - 1
            dec = None
            rec = ''
            if not last:
                dec = decom + dt.timedelta(days=rnd.randrange(30, 200))
                rec = 'X1'
            elif adopt or rnd.random() < 0.3:
                dec = min(end, decom + dt.timedelta(days=rnd.randrange(30, 300)))
                rec = 'E11' if adopt else rnd.choice(['E4A', 'E13', 'E8'])
            place = 'A4' if adopt and last else rnd.choice(['U1', 'U3', 'U4', 'R1', 'K2'])
            rows['episodes.csv'].append([child, d(decom), 'S' if e == 0 else 'P',
                                         'E1' if adopt else rnd.choice(['C2', 'V2', 'J2']),
                                         'N1', place, 'PR1', d(dec), rec,
                                         '' if e == 0 else 'CARPL', 'AB1 2CD', 'AB3 4EF', 'SC000001'])
            if dec:
                decom = dec
        for r in range(rnd.randrange(0, 9)):
            rev = start + dt.timedelta(days=rnd.randrange(365))
            rows['reviews.csv'].append([child, d(dob), d(rev), rnd.choice(['PN1', 'PN2', 'PN0'])])
        if rnd.random() < 0.05:
            rows['uasc.csv'].append([child, sex, d(dob), d(start + dt.timedelta(days=rnd.randrange(-30, 300)))])
        if rnd.random() < 0.02:
            rows['oc3.csv'].append([child, d(dob), 'YES', 'F1', 'S'])
        if adopt:
            di = decom - dt.timedelta(days=rnd.randrange(100, 300))
            dm = di + dt.timedelta(days=rnd.randrange(10, 90))
            rows['ad1.csv'].append([child, d(dob), d(di), d(dm), rnd.choice(['0', '1']), '2', 'MF', 'L11'])
            rows['placed_for_adoption.csv'].append([child, d(dob), d(di), '', ''])
        if rnd.random() < 0.02:
            ms = start + dt.timedelta(days=rnd.randrange(300))
            rows['missing.csv'].append([child, d(dob), rnd.choice(['M', 'A']), d(ms), d(ms + dt.timedelta(days=2))])
    for name, cols in COLS.items():
        with open(os.path.join(a.dir, name), 'w', newline='') as fp:
            w = csv.writer(fp, lineterminator='\n')
            w.writerow(cols)
            w.writerows(rows[name])


main()
