#!/usr/bin/env python3
"""Read a workbook of `yoy export` back with openpyxl and check it against the listings.

    xlsx_check.py YOY LANG WORKBOOK [A:B ...]

LANG is the --lang the workbook was written with (zh or en); A:B are the compare sheets it
must hold (set ids).  Each sheet of rows must equal its listing cell by cell: the headings
and words of `yoy --lang LANG CMD --excel`, the figures of `yoy CMD --format csv` as numbers
(percentages as fractions with a % format), every other cell a string (2025.10 stays
2025.10, = stays =), the header row bold, frozen and filtered.  The About sheet names every
sheet and every set with its title, document number and notice.  Prints what differs;
exits 1 if anything does.
"""
import csv
import io
import subprocess
import sys

import openpyxl

# The columns that hold figures (core/rows.c: COL_INT and COL_NUM), by their csv names.
NUMERIC = {"year", "n", "value", "line", "score", "first_value", "last_value", "abs_change",
           "pct_change", "cagr", "slope", "r2", "points", "district_sum", "share",
           "from_value", "to_value"}
PERCENT = {"pct_change", "cagr"}       # 600 is +600%: the cell holds 6
SHARE = {"share"}                      # a fraction, shown in percent
SHEETS = {  # sheet name in each language, the yoy command that lists it
    "items": ("事项", "items", ["items"]),
    "targets": ("目标", "targets", ["targets"]),
    "links": ("关联", "links", ["match"]),
    "series": ("序列", "series", ["series"]),
    "growth": ("增长", "growth", ["growth"]),
    "shares": ("区县占比", "shares", ["growth", "--shares"]),
}
ORDER = ["items", "targets", "links", "series", "growth", "shares"]

errors = []


def err(msg):
    if len(errors) < 40:
        print("xlsx: " + msg)
    errors.append(msg)


def listing(yoy, args):
    out = subprocess.run([yoy] + args, check=True, capture_output=True, text=True).stdout
    return list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))


def excel_text(t):
    """A cell of --excel CSV as text: ="=" is how it keeps = from being a formula."""
    if t.startswith('="') and t.endswith('"'):
        return t[2:-1].replace('""', '"')
    return t


def check_cell(where, name, cell, plain, shown):
    if plain == "":
        if cell.value not in (None, ""):
            err(f"{where}: {cell.value!r} where the listing has nothing")
        return
    if name in NUMERIC:
        want = float(plain) / (100 if name in PERCENT else 1)
        if cell.data_type != "n" or not isinstance(cell.value, (int, float)):
            err(f"{where}: {name} {cell.value!r} is not a number")
        elif abs(cell.value - want) > 1e-9 * max(1.0, abs(want)):
            err(f"{where}: {name} {cell.value!r}, the listing has {plain}")
        elif (name in PERCENT or name in SHARE) != ("%" in cell.number_format):
            err(f"{where}: {name} has the format {cell.number_format!r}")
        elif name in {"value", "first_value", "last_value"} and "#,##0" not in cell.number_format:
            err(f"{where}: {name} has the format {cell.number_format!r}, no thousands")
        return
    if cell.data_type != "s" or cell.value != excel_text(shown):
        err(f"{where}: {cell.value!r} ({cell.data_type}), the listing shows {excel_text(shown)!r}")


def check_sheet(ws, yoy, lang, args):
    plain = listing(yoy, args + ["--format", "csv"])
    shown = listing(yoy, ["--lang", lang] + args + ["--format", "csv", "--excel"])
    rows = list(ws.iter_rows())
    head = [c.value for c in rows[0]] if rows else []
    if head != shown[0]:
        err(f"{ws.title}: header {head}, the listing's {shown[0]}")
        return
    if len(rows) != len(plain):
        err(f"{ws.title}: {len(rows) - 1} rows, yoy {' '.join(args)} lists {len(plain) - 1}")
        return
    if not all(c.font.b for c in rows[0]):
        err(f"{ws.title}: the header row is not bold")
    if ws.freeze_panes != "A2" or not ws.auto_filter.ref:
        err(f"{ws.title}: header frozen at {ws.freeze_panes}, filter {ws.auto_filter.ref}")
    for i in range(1, len(rows)):
        for k, name in enumerate(plain[0]):
            cell = rows[i][k] if k < len(rows[i]) else None
            if cell is None:
                err(f"{ws.title}!{i + 1}: column {name} missing")
                continue
            check_cell(f"{ws.title}!{cell.coordinate}", name, cell, plain[i][k], shown[i][k])


def check_about(ws, yoy, names):
    cells = {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
    for n in names[1:]:
        if n not in cells:
            err(f"{ws.title}: sheet {n} is not listed")
    for s in listing(yoy, ["sets", "--format", "csv"])[1:]:
        for what in (s[0], s[5], s[7], s[8]):  # set, doc_number, title, raw
            if what and what not in cells:
                err(f"{ws.title}: {what} of set {s[0]} is missing")


def found(ws, want):
    return any(c.value == want for row in ws.iter_rows() for c in row)


def main():
    yoy, lang, path, pairs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    zh = lang == "zh"
    wb = openpyxl.load_workbook(path)
    word = "对比" if zh else "compare"
    want = [("说明" if zh else "About")] + [SHEETS[t][0 if zh else 1] for t in ORDER]
    want += [f"{word} {p.split(':')[0]}→{p.split(':')[1]}" for p in pairs]
    if wb.sheetnames[:len(want)] != want:
        err(f"sheets {wb.sheetnames}, expected them to start {want}")
        return 1
    check_about(wb[want[0]], yoy, wb.sheetnames)
    for t, name in zip(ORDER, want[1:]):
        check_sheet(wb[name], yoy, lang, SHEETS[t][2])
    for p, name in zip(pairs, want[1 + len(ORDER):]):
        check_sheet(wb[name], yoy, lang, ["compare"] + p.split(":"))
    # What the issue names: AED 700 a number, 2025.10 text.
    targets = wb[want[2]]
    if not any(r[0].value == "cq-2026" and "AED" in str(r[5].value) and r[6].value == 700
               and r[6].data_type == "n" for r in targets.iter_rows(min_row=2)):
        err("targets: cq-2026's AED 700 is not the number 700")
    if not found(wb[want[1]], "2025.10"):
        err("items: the deadline 2025.10 is not the text 2025.10")
    print(f"xlsx: {path}: {len(wb.sheetnames)} sheets, {len(errors)} differences")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
