#!/usr/bin/env python3
"""Measure yoy against the hand-made references in this folder (see README.md).

usage (from the project root):
  python3 tests/gold/score.py [YOY] [--min-labels F] [--min-series F] [-v]

Labels: a label is acceptable when it names what the hand-made one names, by the rule of
../shared/tools/devscore: at least half of the gold label's character bigrams (bracketed
parts and punctuation dropped) appear in it, it is not a bare generic word, and it is at most
twice the gold label's length + 4.  Series: every pair of members of one series is a pair;
precision, recall and F1 are over pairs.  Exits 1 when a score is under its minimum.
"""
import collections, csv, io, itertools, os, re, subprocess, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
GENERIC = {'为', '达到', '服务', '家庭', '面积', '长度', '完工', '片区', '群众', '人', '个', '项目',
           '人次', '户', '数量', '规模', '覆盖', '建设', '新增', '开展', '提升', '完成'}


def clean(t):
    t = unicodedata.normalize('NFKC', t or '')
    return re.sub(r'[\s\W_]+', '', re.sub(r'\([^)]*\)', '', t))


def grams(t):
    return {t[i:i + 2] for i in range(len(t) - 1)} or ({t} if t else set())


def acceptable(label, gold):
    p, g = clean(label), clean(gold)
    return bool(p) and p not in GENERIC and len(p) <= 2 * len(g) + 4 and \
        len(grams(g) & grams(p)) >= 0.5 * len(grams(g))


def run(yoy, *args):
    out = subprocess.run([yoy, *args, '--format', 'csv'], check=True, capture_output=True,
                         text=True).stdout
    return list(csv.DictReader(io.StringIO(out)))


def gold(name):
    with open(os.path.join(HERE, name), encoding='utf-8') as f:
        return list(csv.DictReader(f))


def main():
    args = sys.argv[1:]
    verbose = '-v' in args
    mins = {'labels': 0.0, 'series': 0.0}
    rest = []
    i = 0
    while i < len(args):
        if args[i] in ('--min-labels', '--min-series'):
            mins[args[i][6:]] = float(args[i + 1])
            i += 2
            continue
        if args[i] != '-v':
            rest.append(args[i])
        i += 1
    yoy = rest[0] if rest else './yoy'
    targets = run(yoy, 'targets')
    series = run(yoy, '--no-aliases', 'series')

    # Labels.
    by_key = {(r['set'], r['seq'], r['n']): r for r in targets}
    good = n = 0
    for g in gold('labels.csv'):
        k = (g['set'], g['seq'], g['n'])
        n += 1
        r = by_key.get(k)
        if r and acceptable(r['metric'], g['metric']):
            good += 1
        elif verbose:
            print('label', *k, repr(r['metric'] if r else None), '(hand-made:', g['metric'] + ')')
    lab = good / max(1, n)
    print(f'labels: {good}/{n} acceptable ({lab:.1%})')

    # Series: members as (set, seq, n); yoy's series rows name a target by its value.
    # Two targets of one item with one value (20人次, 20台) are told apart by their unit.
    classes = [{'个', '处', '台', '座', '所', '家', '套', '部', '栋', '幢', '间', '张', '口', '盏', '架', '辆'},
               {'人', '名'}, {'场', '场次'}]

    def comparable(a, b):
        return a == b or any(a in c and b in c for c in classes)

    by_value = collections.defaultdict(list)
    for r in targets:
        by_value[(r['set'], r['seq'], float(r['value']))].append((r['n'], r['unit']))
    groups = collections.defaultdict(list)
    used = set()
    for r in series:
        k = (r['set'], r['seq'], float(r['value']))
        cands = [x for x in by_value.get(k, []) if (k[0], k[1], x[0]) not in used] or \
            by_value.get(k, [('?', '')])
        cands.sort(key=lambda x: not comparable(x[1], r['unit']))
        m = (r['set'], r['seq'], cands[0][0])
        used.add(m)
        groups[r['series']].append(m)
    gg = collections.defaultdict(list)
    for r in gold('series.csv'):
        gg[r['series']].append((r['set'], r['seq'], r['n']))

    def pairs(gs):
        return {frozenset(p) for ms in gs.values() for p in itertools.combinations(ms, 2)}

    P, G = pairs(groups), pairs(gg)
    tp = len(P & G)
    prec, rec = tp / max(1, len(P)), tp / max(1, len(G))
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    if verbose:
        for p in sorted(G - P, key=sorted):
            print('missing pair', *sorted(p))
        for p in sorted(P - G, key=sorted):
            print('extra pair', *sorted(p))
    print(f'series pairs: gold {len(G)} yours {len(P)} matched {tp}  precision {prec:.3f} '
          f'recall {rec:.3f} F1 {f1:.3f}')
    bad = lab < mins['labels'] or f1 < mins['series']
    if bad:
        print(f'below the minimum (labels {mins["labels"]}, series F1 {mins["series"]})')
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
