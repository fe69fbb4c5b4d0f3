#!/usr/bin/env python3
"""The ingest zoo: every notice of a zoo folder is read by `yoy ingest` and its items are
checked against the folder's expected.csv (file, seq, name, task_start: what a careful
reader finds in the notice).

usage: tests/zoo/check.py YOY FOLDER MIN [-v]

An expected item is right when the row yoy gives it (by seq; else by position) has a
name that starts with the expected name and a task that starts with the expected task's
first 12 characters; where the notice prints one phrase only (name or task_start empty),
that phrase may stand in either column.  Texts are compared after NFKC and without
whitespace.  Exits 1 when a notice fails to ingest or when the share of right items is
below MIN.
"""
import csv
import io
import os
import re
import subprocess
import sys
import unicodedata


def fold(s):
    return re.sub(r'\s+', '', unicodedata.normalize('NFKC', s or ''))


def right(got, want):
    name, task = fold(got.get('name')), fold(got.get('task'))
    wn, wt = fold(want['name']), fold(want['task_start'])[:12]
    if wn and wt:
        return name.startswith(wn) and task.startswith(wt)
    phrase = wn or wt
    return name.startswith(phrase) or task.startswith(phrase)


def main():
    args = [a for a in sys.argv[1:] if a != '-v']
    verbose = '-v' in sys.argv
    if len(args) != 3:
        sys.exit(__doc__)
    yoy, folder, least = os.path.abspath(args[0]), args[1], float(args[2])
    want = {}
    with open(os.path.join(folder, 'expected.csv'), encoding='utf-8') as f:
        for row in csv.DictReader(f):
            want.setdefault(row['file'], []).append(row)
    total = good = 0
    broken = []
    for name in sorted(want):
        path = os.path.join(folder, name)
        p = subprocess.run([yoy, 'ingest', path], capture_output=True, timeout=120)
        err = p.stderr.decode('utf-8', 'replace').strip()
        rows = []
        if p.returncode == 0:
            rows = list(csv.DictReader(io.StringIO(p.stdout.decode('utf-8'))))
        else:
            broken.append(f'{name}: exit {p.returncode}: {err.splitlines()[-1] if err else ""}')
        byseq = {fold(r['seq']): r for r in rows}
        ok = 0
        for i, w in enumerate(want[name]):
            got = byseq.get(fold(w['seq'])) or (rows[i] if i < len(rows) else None)
            ok += bool(got) and right(got, w)
        total += len(want[name])
        good += ok
        if verbose or ok < len(want[name]):
            print(f'  {name:56} {ok:3}/{len(want[name])}')
    share = good / max(1, total)
    print(f'{folder}: {good}/{total} items right ({share:.1%}), '
          f'{len(want) - len(broken)}/{len(want)} notices read')
    for b in broken:
        print('  FAIL', b)
    if broken or share < least:
        if share < least:
            print(f'  FAIL below {least:.0%}')
        sys.exit(1)


main()
