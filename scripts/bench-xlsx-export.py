#!/usr/bin/env python3
"""The peers of `tieout export --format xlsx` (scripts/bench-xlsx-export): the same rows, read
from Tieout's JSON Lines export (one object a line, streamed), typed as Tieout types them (row
and line numbers and integers as numbers, amounts as numbers formatted #,##0.00 when exact in
15 significant digits, dates as dates, everything else as strings, never formulas), written by
  openpyxl     Workbook(write_only=True)
  xlsxwriter   Workbook(constant_memory=True), write_string/number/datetime per cell
  read         nothing written: the cost of reading and typing the rows alone
Prints the seconds spent after the first row was read to stderr as `write-phase S`.
  bench-xlsx-export.py MODE KIND.jsonl OUT.xlsx SHEET AMOUNT_FIELDS DATE_FIELDS INT_FIELDS"""
import datetime, decimal, json, sys, time

mode, src, out, sheet = sys.argv[1:5]
amounts, dates, ints = (set(a.split(",")) - {""} for a in sys.argv[5:8])
ints |= {"row", "line"}


def typed(key, v):
    if v == "":
        return None
    if key in ints:
        try:
            return int(v)
        except ValueError:
            return v
    if key in amounts:
        d = decimal.Decimal(v).normalize()
        return float(v) if len(d.as_tuple().digits) <= 15 else v
    if key in dates:
        try:
            return datetime.date.fromisoformat(v)
        except ValueError:
            return v
    return v


def rows():
    with open(src, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            yield list(o.keys()), [typed(k, v) for k, v in o.items()]


start = None
if mode == "openpyxl":
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    header_written = False
    for keys, values in rows():
        if start is None:
            start = time.perf_counter()
        if not header_written:
            ws.append(keys)
            header_written = True
        cells = []
        for k, v in zip(keys, values):
            if isinstance(v, str):
                c = WriteOnlyCell(ws, value=v)
                c.data_type = "s"         # a string, never a formula
            else:
                c = WriteOnlyCell(ws, value=v)
                if k in amounts and isinstance(v, float):
                    c.number_format = "#,##0.00"
                elif k in dates and v is not None:
                    c.number_format = "yyyy-mm-dd"
            cells.append(c)
        ws.append(cells)
    wb.save(out)
elif mode == "xlsxwriter":
    import xlsxwriter
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False})
    ws = wb.add_worksheet(sheet)
    money = wb.add_format({"num_format": "#,##0.00"})
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    r = 0
    for keys, values in rows():
        if start is None:
            start = time.perf_counter()
            for c, k in enumerate(keys):
                ws.write_string(0, c, k)
            r = 1
        for c, (k, v) in enumerate(zip(keys, values)):
            if v is None:
                continue
            if isinstance(v, str):
                ws.write_string(r, c, v)
            elif isinstance(v, datetime.date):
                ws.write_datetime(r, c, datetime.datetime.combine(v, datetime.time()), day)
            elif k in amounts:
                ws.write_number(r, c, v, money)
            else:
                ws.write_number(r, c, v)
        r += 1
    wb.close()
else:
    for _ in rows():
        if start is None:
            start = time.perf_counter()
print(f"write-phase {time.perf_counter() - (start or time.perf_counter()):.2f}", file=sys.stderr)
