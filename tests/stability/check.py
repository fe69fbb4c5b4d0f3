#!/usr/bin/env python3
"""Stability: the links, series, growth and shares of the bundled sets do not change when
other sets are loaded beside them.

usage: python3 tests/stability/check.py YOY DATASETS
Copies DATASETS to a scratch folder, adds an unrelated district (a real district notice
registered under the city's 2025 set) and a second city with two years (tests/stability),
ingested by YOY, and compares every earlier result with the one on DATASETS alone:
  - match: every link between two earlier sets, whole (score and reason included);
  - series: every series' rows of earlier sets (id, name, values);
  - growth: every row whose sets are earlier ones;
  - growth --shares: every row, unchanged unless the added district is among its districts.
Exits 1 and prints what changed.
"""
import csv, io, os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run(yoy, data, *args):
    out = subprocess.run([yoy, '--data', data, *args, '--format', 'csv'], check=True,
                         capture_output=True, text=True).stdout
    return list(csv.DictReader(io.StringIO(out)))


def main():
    yoy, data = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp()
    try:
        ext = os.path.join(tmp, 'datasets')
        shutil.copytree(data, ext)
        with open(os.path.join(HERE, 'catalog-extra.csv'), encoding='utf-8') as f:
            extra = [r for r in csv.reader(f) if r]
        for row in extra:
            sid = row[0]
            shutil.copy(os.path.join(HERE, sid + '.txt'), os.path.join(ext, 'raw', sid + '.txt'))
            subprocess.run([yoy, 'ingest', os.path.join(HERE, sid + '.txt'), '-o',
                            os.path.join(ext, 'tasks', sid + '.csv')], check=True,
                           capture_output=True)
        with open(os.path.join(ext, 'catalog.csv'), 'a', encoding='utf-8', newline='') as f:
            csv.writer(f, lineterminator='\n').writerows(extra)
        base_sets = {r['set'] for r in run(yoy, data, 'sets')}
        new_sets = {r[0] for r in extra}
        bad = 0

        def compare(what, b, e):
            nonlocal bad
            b, e = [tuple(r.items()) for r in b], [tuple(r.items()) for r in e]
            for r in b:
                if r not in e:
                    bad += 1
                    print(f'{what}: changed or gone: {dict(r)}')
            for r in e:
                if r not in b:
                    bad += 1
                    print(f'{what}: new: {dict(r)}')

        for args in (['match'], ['--no-aliases', 'match']):
            b = run(yoy, data, *args)
            e = [r for r in run(yoy, ext, *args)
                 if r['from_set'] in base_sets and r['to_set'] in base_sets]
            compare(' '.join(args), b, e)
        b = run(yoy, data, 'series')
        e = [r for r in run(yoy, ext, 'series') if r['set'] in base_sets]
        # A series of earlier sets keeps its rows; one that only a new set made (an earlier
        # target joined by the new district) is new, not a change.
        ids = {r['series'] for r in b}
        compare('series', b, [r for r in e if r['series'] in ids])
        b = run(yoy, data, 'growth')
        e = [r for r in run(yoy, ext, 'growth')
             if r['first_set'] in base_sets and r['last_set'] in base_sets]
        compare('growth', b, e)
        b = run(yoy, data, 'growth', '--shares')
        e = [r for r in run(yoy, ext, 'growth', '--shares')
             if not any(s in r['districts'].split() for s in new_sets)]
        keys = {(r['series'], r['set'], r['seq']) for r in run(yoy, ext, 'growth', '--shares')}
        for r in b:
            if (r['series'], r['set'], r['seq']) not in keys:
                bad += 1
                print(f'shares: row gone: {r}')
        compare('shares', [r for r in b if (r['series'], r['set'], r['seq']) in
                           {(x['series'], x['set'], x['seq']) for x in e}], e)
        n_new = len(run(yoy, ext, 'sets')) - len(base_sets)
        print(f'stability: {n_new} sets added; {"no" if not bad else bad} changes to the '
              f'earlier results')
        return 1 if bad else 0
    finally:
        shutil.rmtree(tmp)


if __name__ == '__main__':
    sys.exit(main())
