#!/usr/bin/env python3
"""Every cell Tieout reads from a folder of workbooks and CSV files, compared with peers.

  compare-corpus.py [--tieout BIN] [--json OUT] [--limit-rows N] PATH...

Workbooks (.xlsx, .xlsm, .xltx): each sheet as `tieout cat FILE --sheet N` prints it
(from A1, every cell placed by its reference) against python-calamine (from A1,
`skip_empty_area=False`) and openpyxl (read-only, cached values), cell by cell at the
same row and column. CSV files: `tieout cat` against Python's csv module reading the
file in the encoding and delimiter `tieout sheets --json` names (a check of the record
and field splitting; the encoding itself is judged by the files' authors).

Values are compared as values: numbers numerically (a peer's binary double against
Tieout's decimal text, equal when the text is the double or its 15-digit display),
dates and times as ISO text, booleans as TRUE/FALSE, blanks as blank.

Each cell (or file) falls in one class:
  equal            Tieout and calamine agree (openpyxl too, or it could not read it)
  peer differs     Tieout agrees with openpyxl and calamine differs, or the peers
                   disagree with each other and Tieout agrees with one of them
  tieout differs   both peers agree and Tieout says otherwise: ours to fix
  unresolved       all three differ (read the XML and ECMA-376)
  refused          a file or sheet Tieout refused, with its message and which peers
                   read it (a damaged, hostile or encrypted file is refused by design)
Exit status 1 when any cell is `tieout differs` or a sheet the peers list Tieout
does not, else 0. Nothing is fetched: run it on any folder.
"""
import argparse
import csv
import datetime
import io
import json
import os
import subprocess
import sys
from collections import Counter
from decimal import Decimal, InvalidOperation

WORKBOOK = (".xlsx", ".xlsm", ".xltx")


def tieout(binary, *args):
    p = subprocess.run([binary, *args], capture_output=True)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def message(err, rc):
    """Tieout's error: the message of its JSON form, or its first line."""
    text = err.strip()
    try:
        return json.loads(text.splitlines()[0])["error"]["code"] + ": " + json.loads(text.splitlines()[0])["error"]["message"]
    except (ValueError, KeyError, IndexError, TypeError):
        return text.splitlines()[0] if text else f"exit {rc}"


def norm(v):
    """A peer's or Tieout's cell as comparable text."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)):
        return ("num", float(v))
    if isinstance(v, datetime.datetime):
        if v.microsecond >= 500000:
            v = v.replace(microsecond=0) + datetime.timedelta(seconds=1)
        v = v.replace(microsecond=0)
        return v.date().isoformat() if v.time() == datetime.time(0) else v.isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, datetime.time):
        return v.replace(microsecond=0).isoformat()
    if isinstance(v, datetime.timedelta):
        s = round(v.total_seconds())
        return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
    return str(v)


def tnorm(text):
    """Tieout's text: numbers become numbers, `2024-03-05 14:30:00` the ISO form."""
    if text == "":
        return ""
    try:
        d = Decimal(text)
        if d.is_finite() and text.strip() == text and not text.startswith("+"):
            return ("num", float(d), text)
    except InvalidOperation:
        pass
    if len(text) == 19 and text[10] == " " and text[4] == "-":
        return text[:10] + "T" + text[11:]
    return text


def same(t, p):
    """Tieout's normalized cell against a peer's."""
    if isinstance(t, tuple) and isinstance(p, tuple):
        if t[1] == p[1]:
            return True
        return float(f"{p[1]:.15g}") == t[1] or f"{p[1]:.15g}" == t[2]
    if isinstance(p, tuple):
        return False
    if isinstance(t, tuple):
        return t[2] == p
    return t == p


def calamine_sheets(path):
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_path(path)
    out = {}
    for name in wb.sheet_names:
        try:
            out[name] = [[norm(c) for c in row] for row in wb.get_sheet_by_name(name).to_python(skip_empty_area=False)]
        except Exception as e:  # a chart sheet, a damaged part
            out[name] = e
    return out


def openpyxl_sheets(path):
    import openpyxl
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    out = {}
    for ws in wb.worksheets:
        try:
            ws.reset_dimensions()
            out[ws.title] = [[norm(c) for c in row] for row in ws.iter_rows(min_row=1, min_col=1, values_only=True)]
        except Exception as e:
            out[ws.title] = e
    wb.close()
    return out


def read_csv(text):
    return [row for row in csv.reader(io.StringIO(text, newline=""))]


def classify_cell(t, c, o):
    """t Tieout's, c calamine's, o openpyxl's (None when that peer has no reading)."""
    tc = c is not None and same(t, c)
    to = o is not None and same(t, o)
    if tc and (o is None or to or c is not None):
        return "equal" if (o is None or to) else "peer differs"
    if to:
        return "peer differs"
    if c is not None and o is not None:
        peers_agree = (c == o) or (isinstance(c, tuple) and isinstance(o, tuple) and c[1] == o[1])
        return "tieout differs" if peers_agree else "unresolved"
    return "tieout differs" if (c is not None or o is not None) else "equal"


def show(v):
    if isinstance(v, tuple):
        return v[2] if len(v) > 2 else repr(v[1])
    return repr(v)


def peer(name, path):
    """A peer's reading of every sheet, in a child process bounded in memory and time (a
    hostile file can make a peer abort or exhaust memory): a dict, or an Exception."""
    try:
        p = subprocess.run([sys.executable, "-W", "ignore", os.path.abspath(__file__), "--peer", name, path],
                           capture_output=True, timeout=300)
    except subprocess.TimeoutExpired:
        return RuntimeError(f"{name}: no answer in 300 s")
    if p.returncode != 0:
        last = (p.stderr.decode("utf-8", "replace").strip().splitlines() or [f"exit {p.returncode}"])[-1]
        return RuntimeError(f"{name}: {last}")
    out = {}
    for sheet, rows in json.loads(p.stdout).items():
        out[sheet] = RuntimeError(rows["error"]) if isinstance(rows, dict) else [[tuple(c) if isinstance(c, list) else c for c in r] for r in rows]
    return out


def peer_main(name, path):
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    sheets = calamine_sheets(path) if name == "calamine" else openpyxl_sheets(path)
    json.dump({k: ({"error": str(v)} if isinstance(v, Exception) else v) for k, v in sheets.items()}, sys.stdout, ensure_ascii=False)


def compare_workbook(binary, path, counts, diffs, limit):
    cal = peer("calamine", path)
    opx = peer("openpyxl", path)
    rc, out, err = tieout(binary, "sheets", path, "--json")
    if rc != 0:
        readers = [n for n, r in (("calamine", cal), ("openpyxl", opx)) if not isinstance(r, Exception)]
        counts["refused"] += 1
        diffs.append((path, "-", "-", "refused by tieout" + (f" ({', '.join(readers)} read it)" if readers else " (and both peers)"),
                      message(err, rc), "", ""))
        return
    tables = [t for t in json.loads(out)["tables"] if t.get("kind", "worksheet") == "worksheet"]
    names = [t["name"] for t in tables]
    if not isinstance(cal, Exception):
        for name, rows in cal.items():
            if name not in names and not isinstance(rows, Exception) and isinstance(opx, dict) and name in opx:
                counts["tieout differs"] += 1
                diffs.append((path, name, "-", "tieout differs", "sheet not listed by tieout", "", ""))
    for t in tables:
        name = t["name"]
        rc, text, err = tieout(binary, "cat", path, "--sheet", str(t["index"]), "--eol", "lf")
        if rc != 0:
            counts["refused"] += 1
            diffs.append((path, name, "-", "refused by tieout", message(err, rc), "", ""))
            continue
        rows = read_csv(text)
        c = cal.get(name) if isinstance(cal, dict) else None
        o = opx.get(name) if isinstance(opx, dict) else None
        c = None if isinstance(c, Exception) else c
        o = None if isinstance(o, Exception) else o
        height = max(len(rows), len(c or []), len(o or []))
        if limit:
            height = min(height, limit)
        for r in range(height):
            width = max(len(rows[r]) if r < len(rows) else 0, len(c[r]) if c and r < len(c) else 0, len(o[r]) if o and r < len(o) else 0)
            for k in range(width):
                tv = tnorm(rows[r][k]) if r < len(rows) and k < len(rows[r]) else ""
                cv = (c[r][k] if r < len(c) and k < len(c[r]) else "") if c is not None else None
                ov = (o[r][k] if r < len(o) and k < len(o[r]) else "") if o is not None else None
                if tv == "" and (cv in ("", None)) and (ov in ("", None)):
                    continue
                cls = classify_cell(tv, cv, ov)
                counts[cls] += 1
                if cls != "equal":
                    diffs.append((path, name, cell_name(r, k), cls, show(tv), show(cv), show(ov)))


def cell_name(r, k):
    letters = ""
    k += 1
    while k:
        k, m = divmod(k - 1, 26)
        letters = chr(65 + m) + letters
    return f"{letters}{r + 1}"


def compare_csv(binary, path, counts, diffs):
    rc, out, err = tieout(binary, "sheets", path, "--json")
    if rc != 0:
        counts["refused"] += 1
        diffs.append((path, "-", "-", "refused by tieout", message(err, rc), "", ""))
        return
    info = json.loads(out)["tables"][0]
    enc = {"utf-8": "utf-8-sig", "gbk": "gb18030", "utf-16": "utf-16"}.get(info.get("encoding", "utf-8"), info.get("encoding", "utf-8"))
    delim = {"tab": "\t"}.get(info.get("delimiter", ","), info.get("delimiter", ","))
    rc, text, err = tieout(binary, "cat", path, "--eol", "lf")
    if rc != 0:
        counts["refused"] += 1
        diffs.append((path, "-", "-", "refused by tieout", message(err, rc), "", ""))
        return
    mine = read_csv(text)
    try:
        with open(path, encoding=enc, newline="") as f:
            theirs = [row for row in csv.reader(f, delimiter=delim)]
    except Exception as e:
        counts["refused"] += 1
        diffs.append((path, "-", "-", "refused by python csv", str(e), "", ""))
        return
    if theirs and theirs[0][:1] and theirs[0][0].lower().startswith("sep=") and len(theirs[0]) <= 2:
        theirs = theirs[1:]  # Excel's dialect line, which Tieout reads as a hint
    theirs = [r for r in theirs if r and any(x != "" for x in r)]
    mine = [r for r in mine if r and any(x != "" for x in r)]
    for r in range(max(len(mine), len(theirs))):
        a = mine[r] if r < len(mine) else []
        b = theirs[r] if r < len(theirs) else []
        for k in range(max(len(a), len(b))):
            x = a[k] if k < len(a) else ""
            y = b[k] if k < len(b) else ""
            if x == y:
                if x != "":
                    counts["equal"] += 1
                continue
            counts["tieout differs"] += 1
            diffs.append((path, "-", cell_name(r, k), "tieout differs", repr(x), repr(y), ""))


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--peer":
        return peer_main(sys.argv[2], sys.argv[3])
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--tieout", default=os.environ.get("TIEOUT_BIN", "tieout"))
    ap.add_argument("--json")
    ap.add_argument("--limit-rows", type=int, default=0, help="compare only the first N rows of each sheet")
    args = ap.parse_args()
    files = []
    for p in args.paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in sorted(names) if n.lower().endswith(WORKBOOK + (".csv",))]
        else:
            files.append(p)
    counts, diffs = Counter(), []
    for f in sorted(files):
        if f.lower().endswith(WORKBOOK):
            compare_workbook(args.tieout, f, counts, diffs, args.limit_rows)
        else:
            compare_csv(args.tieout, f, counts, diffs)
    total = sum(v for k, v in counts.items() if k != "refused")
    print(f"{len(files)} files, {total} cells")
    for cls in ["equal", "peer differs", "tieout differs", "unresolved", "refused"]:
        print(f"  {cls:15} {counts[cls]}")
    if diffs:
        print("\nfile | sheet | cell | class | tieout | calamine / csv | openpyxl")
        for d in diffs:
            print(" | ".join(str(x) for x in d))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"files": len(files), "counts": counts, "differences": diffs}, f, ensure_ascii=False, indent=1)
    return 1 if counts["tieout differs"] else 0


if __name__ == "__main__":
    sys.exit(main())
