#!/usr/bin/env python3
"""Build a large benchmark datasets folder from REAL item texts.

An independent benchmark corpus: instead of synthesising item text, it
draws the items from the real task lists that ship with the project
(tests/zoo/real/golden/*.csv and datasets/tasks/*.csv, about 1000 items)
and arranges them into N jurisdictions (cities and their districts) with
one task set per year 2022-2026.  Items carry over from year to year with
their numbers rescaled, now and then under a reworded name, and districts
take part of their items from their city's list with smaller numbers, so
that matching, series and growth see realistic text at a large scale.

Usage: python3 tests/bench/real_corpus.py N OUTDIR [SEED]

OUTDIR must not exist or be empty.  Output: OUTDIR/catalog.csv and
OUTDIR/tasks/<set>.csv.  Standard library only; everything comes from
random.Random(SEED), so the same arguments give the same files.
"""

import csv
import re
import sys
from pathlib import Path
import random

YEARS = list(range(2022, 2027))
HEADER = ["seq", "section", "name", "units", "task", "deadline", "note"]
CATALOG_HEADER = ["set", "year", "jurisdiction", "level", "parent",
                  "doc_number", "issued", "title", "raw", "tasks"]
CITY_SIZE = (15, 35)
DISTRICT_SIZE = (8, 30)
DISTRICTS_PER_CITY = (3, 40)
P_CONTINUE = 0.75
P_REWORD = 0.15
GROWTH = (0.8, 1.5)
DISTRICT_SHARE = (0.02, 0.3)
FROM_CITY = (0.3, 0.5)

NUM_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")

# Characters for jurisdiction names (two of them, then 市 or 区).
NAME_CHARS = ("青川安平宁远江山河湖阳明清和新兴东西南北中华泰德昌永"
              "嘉丰源云林石桥泉溪庆福寿长乐广海城州台浦汉武襄荆"
              "义信仁春秋松柏竹梅兰金玉")


def load_pool(root):
    files = sorted((root / "tests/zoo/real/golden").glob("*.csv"))
    files += sorted((root / "datasets/tasks").glob("*.csv"))
    pool = []
    for f in files:
        with open(f, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                task = (row.get("task") or "").strip()
                if not task:
                    continue
                pool.append(((row.get("name") or "").strip(),
                             (row.get("units") or "").strip(),
                             task))
    return pool


def scale_text(text, factor, at_least_one=False):
    """Scale every number in text by factor; integers stay integers."""
    def repl(m):
        s = m.group(0)
        # A year (2015年, 2025-2027) is a date, not a target: left as printed.
        if len(s) == 4 and s[:2] in ("19", "20") and "." not in s:
            return s
        if "." in s:
            places = len(s) - s.index(".") - 1
            v = round(float(s) * factor, places)
            if at_least_one and v <= 0:
                v = 10.0 ** -places
            return "%.*f" % (places, v)
        v = int(round(int(s) * factor))
        if at_least_one and v < 1:
            v = 1
        return str(v)
    return NUM_RE.sub(repl, text)


def reword_index(pool):
    """For each pool name, the other pool names sharing a 2-char substring."""
    names = sorted({p[0] for p in pool if len(p[0]) >= 2})
    grams = {}
    for n in names:
        for g in {n[i:i + 2] for i in range(len(n) - 1)}:
            grams.setdefault(g, []).append(n)
    near = {}
    for n in names:
        cand = set()
        for g in {n[i:i + 2] for i in range(len(n) - 1)}:
            cand.update(grams[g])
        cand.discard(n)
        near[n] = sorted(cand)
    return near


class Builder:
    def __init__(self, pool, rng):
        self.pool = pool
        self.rng = rng
        self.near = reword_index(pool)

    # An item is a tuple (origin, name, units, task); origin is the index
    # of the pool item it descends from, so a set never holds two items
    # of the same origin.

    def sample(self, k, exclude):
        """k fresh pool items whose origins are not in exclude."""
        if k <= 0:
            return []
        rng, pool = self.rng, self.pool
        k = min(k, len(pool) - len(exclude))
        picks = [i for i in rng.sample(range(len(pool)),
                                       min(len(pool), k + len(exclude)))
                 if i not in exclude][:k]
        return [(i, pool[i][0], pool[i][1], pool[i][2]) for i in picks]

    def evolve(self, item):
        """Next year's version of an item that continues."""
        rng = self.rng
        origin, name, units, task = item
        task = scale_text(task, rng.uniform(*GROWTH))
        if rng.random() < P_REWORD:
            cand = self.near.get(name)
            if cand:
                name = rng.choice(cand)
        return (origin, name, units, task)

    def continued(self, prev):
        return [self.evolve(it) for it in prev if self.rng.random() < P_CONTINUE]

    def mix(self, kept, new):
        """Insert new items among kept ones, then move a few items."""
        rng = self.rng
        items = list(kept)
        for it in new:
            items.insert(rng.randint(0, len(items)), it)
        for _ in range(len(items) // 8):
            it = items.pop(rng.randrange(len(items)))
            items.insert(rng.randint(0, len(items)), it)
        return items

    def city(self, size):
        """Five yearly item lists of a city."""
        years = []
        items = self.sample(size, set())
        years.append(items)
        for _ in YEARS[1:]:
            kept = self.continued(items)
            new = self.sample(size - len(kept), {it[0] for it in kept})
            items = self.mix(kept, new)
            years.append(items)
        return years

    def district(self, size, city_years):
        """Five yearly item lists of a district of a city."""
        rng = self.rng
        share = {}          # origin -> this district's share of the city item
        prev_city, prev_own = [], []
        years = []
        for y, city_items in enumerate(city_years):
            k_city = min(len(city_items),
                         max(1, round(size * rng.uniform(*FROM_CITY))))
            by_origin = {it[0]: it for it in city_items}
            # items taken from the city: continue last year's where the
            # city still has them, then add others of the city's items
            chosen = [o for o in prev_city
                      if rng.random() < P_CONTINUE and o in by_origin]
            chosen = chosen[:k_city]
            taken = set(chosen)
            rest = [it[0] for it in city_items if it[0] not in taken]
            chosen += rng.sample(rest, k_city - len(chosen))
            from_city = []
            for o in chosen:
                if o not in share:
                    share[o] = rng.uniform(*DISTRICT_SHARE)
                _, name, units, task = by_origin[o]
                from_city.append((o, name, units,
                                  scale_text(task, share[o], True)))
            used = set(chosen)
            # the district's own items
            own = [it for it in (self.continued(prev_own) if y else [])
                   if it[0] not in used]
            n_own = size - len(from_city)
            if len(own) > n_own:
                drop = set(rng.sample(range(len(own)), len(own) - n_own))
                own = [it for i, it in enumerate(own) if i not in drop]
            used |= {it[0] for it in own}
            new = self.sample(n_own - len(own), used)
            own = self.mix(own, new)
            # the city's items first, as in real district notices
            years.append(self.mix(from_city + own, []))
            prev_city, prev_own = chosen, own
        return years


def name_source(rng, suffix):
    pairs = [a + b for a in NAME_CHARS for b in NAME_CHARS if a != b]
    rng.shuffle(pairs)
    cycle = 0
    while True:
        for p in pairs:
            yield p + (str(cycle) if cycle else "") + suffix
        cycle += 1


def write_set(outdir, set_id, items):
    with open(outdir / "tasks" / (set_id + ".csv"), "w", encoding="utf-8",
              newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        for seq, (_, name, units, task) in enumerate(items, 1):
            w.writerow([seq, "", name, units, task, "", ""])
    return len(items)


def main(argv):
    if len(argv) not in (3, 4):
        sys.stderr.write("usage: real_corpus.py N OUTDIR [SEED]\n")
        return 2
    try:
        n = int(argv[1])
        seed = int(argv[3]) if len(argv) == 4 else 1
    except ValueError:
        sys.stderr.write("real_corpus.py: N and SEED must be integers\n")
        return 2
    if n < 1:
        sys.stderr.write("real_corpus.py: N must be at least 1\n")
        return 2
    outdir = Path(argv[2])
    if outdir.exists() and (not outdir.is_dir() or any(outdir.iterdir())):
        sys.stderr.write("real_corpus.py: %s exists and is not an empty folder\n"
                         % outdir)
        return 2

    root = Path(__file__).resolve().parents[2]
    pool = load_pool(root)
    if len(pool) < CITY_SIZE[1] * 2:
        sys.stderr.write("real_corpus.py: only %d pool items found under %s\n"
                         % (len(pool), root))
        return 1

    rng = random.Random(seed)
    b = Builder(pool, rng)
    city_names = name_source(rng, "市")
    district_names = name_source(rng, "区")
    width = max(4, len(str(n)))

    (outdir / "tasks").mkdir(parents=True, exist_ok=True)
    catalog = []
    total = 0
    jur = 0

    def emit(jname, level, years, parent_ids, doc_prefix):
        nonlocal total
        ids = []
        for y, (year, items) in enumerate(zip(YEARS, years)):
            set_id = "r%0*d-%d" % (width, jur, year)
            ids.append(set_id)
            total += write_set(outdir, set_id, items)
            issued = "%d-%02d-%02d" % (year, rng.randint(1, 4), rng.randint(1, 28))
            catalog.append([set_id, year, jname, level,
                            parent_ids[y] if parent_ids else "",
                            "%s府办发〔%d〕%d号" % (doc_prefix, year,
                                                 rng.randint(1, 60)),
                            issued,
                            "%s%d年重点民生实事工作目标任务" % (jname, year),
                            "", "tasks/%s.csv" % set_id])
        return ids

    remaining = n
    while remaining > 0:
        jur += 1
        remaining -= 1
        cname = next(city_names)
        cyears = b.city(rng.randint(*CITY_SIZE))
        cids = emit(cname, "city", cyears, None, cname[:1])
        nd = min(rng.randint(*DISTRICTS_PER_CITY), remaining)
        for _ in range(nd):
            jur += 1
            remaining -= 1
            dname = next(district_names)
            dyears = b.district(rng.randint(*DISTRICT_SIZE), cyears)
            emit(dname, "district", dyears, cids, cname[:1] + dname[:1])

    with open(outdir / "catalog.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(CATALOG_HEADER)
        w.writerows(catalog)

    sys.stderr.write("real_corpus.py: %d jurisdictions, %d sets, %d items "
                     "(pool %d) in %s\n"
                     % (n, len(catalog), total, len(pool), outdir))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
