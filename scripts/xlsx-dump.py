#!/usr/bin/env python3
"""Dump an .xlsx as JSON, as openpyxl reads it: {sheet: {"rows": [[text]], "merged": [...],
"filter": ref, "fills": [[rgb]]}}. Numbers are rounded to 15 significant digits (what Excel
shows) and written as plain decimals; dates (midnight) as ISO dates; text as it is.
With --libreoffice, the file is first converted to .xlsx by LibreOffice (soffice --headless,
a private profile) and the converted file is dumped: what LibreOffice read.

Used by the workbook tests (Tests/*/Workbook*Tests.swift): scripts/xlsx-dump.py FILE [--libreoffice]"""
import datetime, decimal, json, os, subprocess, sys, tempfile

import openpyxl


def text(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)):
        d = decimal.Decimal("%.15g" % v).normalize()
        s = format(d, "f")
        return "0" if s in ("-0", "0") else s
    if isinstance(v, datetime.datetime):
        return v.date().isoformat() if v.time() == datetime.time(0) else v.isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    return str(v)


def dump(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    out = {"sheets": []}
    for ws in wb.worksheets:
        rows, fills = [], []
        for row in ws.iter_rows():
            rows.append([text(c.value) for c in row])
            fills.append([(c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" else "") for c in row])
        while rows and not any(rows[-1]):
            rows.pop(); fills.pop()
        for i, r in enumerate(rows):
            while r and r[-1] == "":
                r.pop()
        out["sheets"].append({"name": ws.title, "rows": rows, "fills": [[str(x) for x in f] for f in fills],
                              "merged": sorted(str(m) for m in ws.merged_cells.ranges),
                              "filter": ws.auto_filter.ref or "",
                              "types": sorted({type(c.value).__name__ for row in ws.iter_rows() for c in row})})
    return out


def main():
    path = sys.argv[1]
    if "--libreoffice" in sys.argv[2:]:
        with tempfile.TemporaryDirectory() as tmp:
            profile = "file://" + os.path.join(tmp, "profile")
            outdir = os.path.join(tmp, "out")
            subprocess.run(["soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                            "--outdir", outdir, path], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
            converted = os.path.join(outdir, os.path.splitext(os.path.basename(path))[0] + ".xlsx")
            print(json.dumps(dump(converted), ensure_ascii=False))
    else:
        print(json.dumps(dump(path), ensure_ascii=False))


main()
