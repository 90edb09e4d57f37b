#!/usr/bin/env python3
"""Workbooks written by XlsxWriter and openpyxl, for scripts/compare-corpus: each library
writes cells its own way (shared strings, styles, date formats, merged ranges, sheet names
needing entities, data away from A1), and every cell must read the same in Tieout as in
python-calamine and openpyxl.

  make-peer-workbooks.py OUTDIR
"""
import datetime
import os
import sys

ROWS = [
    ["文本", "  前后空格  ", "第一行\n第二行", "Ünïcödé ✓", "=不是公式", "'单引号"],
    [0, 1, -1, 123456789012, 0.1 + 0.2, 1e-05],
    [-0.5, 3.14159265358979, 1234567.891, 1e20, 2.5e-10, 99.46],
    [True, False, "TRUE", "", None, "#N/A"],
]
DATES = [datetime.date(2024, 3, 5), datetime.datetime(2024, 12, 31, 23, 59, 59), datetime.date(1900, 3, 1), datetime.datetime(2024, 2, 29, 12, 0)]
FORMATS = ["yyyy-mm-dd", 'yyyy"年"m"月"d"日"', "yyyy/m/d h:mm:ss", "m/d/yyyy"]


def xlsxwriter_book(path):
    import xlsxwriter
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("类型")
    for r, row in enumerate(ROWS):
        for c, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, str) and v.startswith("="):
                ws.write_string(r, c, v)
            else:
                ws.write(r, c, v)
    for c, (d, f) in enumerate(zip(DATES, FORMATS)):
        ws.write_datetime(5, c, d, wb.add_format({"num_format": f}))
    # Times of day (a serial below 1) under time and date formats, and one past a day.
    for c, (v, f) in enumerate([(0, "hh:mm:ss"), (0.5, "hh:mm:ss"), (0.75, "h:mm"), (0.5, "yyyy-mm-dd"), (1.5, "hh:mm:ss")]):
        ws.write_number(11, c, v, wb.add_format({"num_format": f}))
    ws.write_formula(6, 0, "=1+2", None, 3)
    ws.write_formula(6, 1, '="甲"&"乙"', None, "甲乙")
    ws.merge_range(8, 0, 8, 2, "合并的单元格")
    ws.write_number(9, 0, 1234.5, wb.add_format({"num_format": "#,##0.00"}))
    ws.write_number(9, 1, 0.9946, wb.add_format({"num_format": "0.00%"}))
    ws2 = wb.add_worksheet("5&4")
    ws2.write(0, 0, "实体")
    ws3 = wb.add_worksheet("远离A1")
    ws3.write(4, 3, "起点在D5")
    ws3.write(6, 5, 42)
    wb.close()


def openpyxl_book(path):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "类型"
    for r, row in enumerate(ROWS, start=1):
        for c, v in enumerate(row, start=1):
            if v is not None:
                cell = ws.cell(row=r, column=c, value=v)
                if isinstance(v, str) and v.startswith("="):
                    cell.data_type = "s"
    for c, (d, f) in enumerate(zip(DATES, FORMATS), start=1):
        ws.cell(row=6, column=c, value=d).number_format = f
    for c, (v, f) in enumerate([(datetime.time(0, 0), "hh:mm:ss"), (datetime.time(12, 0), "hh:mm:ss"), (datetime.time(18, 30), "h:mm")], start=1):
        ws.cell(row=12, column=c, value=v).number_format = f
    ws.merge_cells("A9:C9")
    ws["A9"] = "合并的单元格"
    ws["A10"] = 1234.5
    ws["A10"].number_format = "#,##0.00"
    ws["B10"] = 0.9946
    ws["B10"].number_format = "0.00%"
    ws2 = wb.create_sheet("5&4")
    ws2["A1"] = "实体"
    ws3 = wb.create_sheet("远离A1")
    ws3["D5"] = "起点在D5"
    ws3["F7"] = 42
    wb.save(path)


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    xlsxwriter_book(os.path.join(out, "xlsxwriter-cells.xlsx"))
    openpyxl_book(os.path.join(out, "openpyxl-cells.xlsx"))
