#!/usr/bin/env python3
"""Writes the reference report (../shared/reference/2024-department-self-evaluation.md, or
the .md named) as a .docx, the two ways a report reaches Tieout as Word:

  libreoffice  — through LibreOffice itself (soffice --headless --convert-to docx from HTML):
                 numbered headings in Heading 1–4 styles, numbers split across runs by a font
                 change, the annex tables with merged cells (colspan, rowspan).
  python-docx  — with python-docx (pip install python-docx): no heading styles (headings by
                 numbering only), every number split across runs with a bookmark and proofing
                 marks inside, tracked changes (a deleted figure and a replaced one), and the
                 annex tables merged with gridSpan and vMerge.

Usage: scripts/make-report-docx.py libreoffice|python-docx OUT.docx [REPORT.md]
(scripts/make-report-docx-fixtures writes both test fixtures.)
"""
import html, os, re, shutil, subprocess, sys, tempfile

NUMBERED = re.compile(r'^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[、.．](?!\d)|[（(]\d+[）)]|附件)')
FIGURE = re.compile(r'\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+')


def blocks(path):
    """The .md as ('p', text) and ('table', rows) blocks, as Tieout's own reader sees them."""
    out, para, table = [], [], []
    def flush():
        nonlocal para, table
        if para: out.append(('p', ' '.join(para)))
        if table: out.append(('table', table))
        para, table = [], []
    for line in open(path, encoding='utf-8').read().split('\n'):
        line = line.strip()
        if not line:
            flush(); continue
        if line.startswith('|'):
            if para: flush()
            cells = [c.strip() for c in line.strip('|').split('|')]
            if all(re.fullmatch(r':?-+:?', c) or c == '' for c in cells) and any('-' in c for c in cells):
                continue
            table.append(cells); continue
        if table: flush()
        para.append(line)
    flush()
    return out


def heading_level(text):
    """1–4 for a short numbered heading (一、 （一） 1、 （1）), else None."""
    m = NUMBERED.match(text)
    if not m: return None
    rest = text[m.end():].strip().rstrip('。')
    if len(rest) > 30 or re.search('[，；。,;]', rest): return None
    t = m.group(0)
    if t == '附件' or re.match('[一二三四五六七八九十]', t): return 1
    if re.match('[（(][一二三四五六七八九十]', t): return 2
    if re.match(r'\d', t): return 3
    return 4


def merges(rows):
    """Per cell: (colspan, rowspan), or None for a cell merged into another. The header row's
    empty cells after 评价指标 join it; in the first two columns an empty cell below a filled
    one (一级指标, 二级指标) joins the cell above."""
    n = max(len(r) for r in rows)
    rows = [r + [''] * (n - len(r)) for r in rows]
    span = [[(1, 1)] * n for _ in rows]
    for i, r in enumerate(rows):
        if r[0] == '评价指标':
            j = 1
            while j < n and r[j] == '':
                span[i][j] = None; j += 1
            span[i][0] = (j, 1)
    for col in (0, 1):
        for i in range(len(rows)):
            if span[i][col] is None or rows[i][col] == '' or rows[i][0] in ('评价指标', '一级指标'): continue
            k = i + 1
            while k < len(rows) and rows[k][col] == '' and span[k][col] is not None and rows[k][0] not in ('合计',):
                span[k][col] = None; k += 1
            if k > i + 1: span[i][col] = (span[i][col][0], k - i)
    return rows, span


def libreoffice(md, out):
    soffice = shutil.which('soffice') or sys.exit('install LibreOffice (apt-get install libreoffice-writer-nogui)')
    def runs(text):
        # A font change in the middle of each figure: LibreOffice writes it as separate runs.
        def split(m):
            s = m.group(0); k = len(s) // 2
            return html.escape(s[:k]) + '<span style="font-family:SimSun">' + html.escape(s[k:]) + '</span>'
        parts, last = [], 0
        for m in FIGURE.finditer(text):
            parts.append(html.escape(text[last:m.start()])); parts.append(split(m)); last = m.end()
        return ''.join(parts) + html.escape(text[last:])
    body = []
    for kind, b in blocks(md):
        if kind == 'p':
            level = heading_level(b)
            body.append(f'<h{level}>{runs(b)}</h{level}>' if level else f'<p>{runs(b)}</p>')
        else:
            rows, span = merges(b)
            body.append('<table border="1">')
            for i, r in enumerate(rows):
                tds = []
                for j, c in enumerate(r):
                    if span[i][j] is None: continue
                    cs, rs = span[i][j]
                    tds.append(f'<td colspan="{cs}" rowspan="{rs}">{runs(c)}</td>')
                body.append('<tr>' + ''.join(tds) + '</tr>')
            body.append('</table>')
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, 'report.html')
        open(src, 'w', encoding='utf-8').write('<html><head><meta charset="utf-8"></head><body>\n' + '\n'.join(body) + '\n</body></html>')
        subprocess.run([soffice, '--headless', f'-env:UserInstallation=file://{tmp}/profile', '--infilter=HTML (StarWriter)',
                        '--convert-to', 'docx:MS Word 2007 XML', '--outdir', tmp, src], check=True, stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, 'report.docx'), out)


def python_docx(md, out):
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    d = docx.Document()
    bookmark = [0]

    def run(p, text, tag='w:t'):
        r = OxmlElement('w:r'); t = OxmlElement(tag); t.text = text
        t.set(qn('xml:space'), 'preserve'); r.append(t); p._p.append(r); return r

    def mark(p, name, **attrs):
        e = OxmlElement(name)
        for k, v in attrs.items(): e.set(qn(k), v)
        p._p.append(e); return e

    def tracked(p, kind, text):
        w = OxmlElement(kind)
        w.set(qn('w:id'), str(900 + bookmark[0])); w.set(qn('w:author'), 'Tieout'); w.set(qn('w:date'), '2025-03-01T00:00:00Z')
        bookmark[0] += 1
        r = OxmlElement('w:r'); t = OxmlElement('w:delText' if kind == 'w:del' else 'w:t'); t.text = text
        t.set(qn('xml:space'), 'preserve'); r.append(t); w.append(r); p._p.append(w)

    def fill(p, text):
        last = 0
        for m in FIGURE.finditer(text):
            run(p, text[last:m.start()])
            s = m.group(0); k = len(s) // 2
            # The figure in two runs, a bookmark and a proofing mark between them.
            run(p, s[:k])
            bookmark[0] += 1
            mark(p, 'w:bookmarkStart', **{'w:id': str(bookmark[0]), 'w:name': f'_Ref{bookmark[0]}'})
            mark(p, 'w:proofErr', **{'w:type': 'spellStart'})
            run(p, s[k:])
            mark(p, 'w:proofErr', **{'w:type': 'spellEnd'})
            mark(p, 'w:bookmarkEnd', **{'w:id': str(bookmark[0])})
            last = m.end()
        run(p, text[last:])

    for kind, b in blocks(md):
        if kind == 'p':
            p = d.add_paragraph()
            if '年初预算总额为 2,935.01 万元' in b:
                # Tracked changes: a figure replaced (2,953.01 deleted, 2,935.01 inserted), and a
                # sentence deleted whole. Read as accepted, neither deleted figure is a claim.
                head, tail = b.split('2,935.01', 1)
                tracked(p, 'w:del', '本单位年初预算总额原为 9,999.99 万元。')
                fill(p, head)
                tracked(p, 'w:del', '2,953.01')
                tracked(p, 'w:ins', '2,935.01')
                fill(p, tail)
            else:
                fill(p, b)
        else:
            rows, span = merges(b)
            n = len(rows[0])
            t = d.add_table(rows=len(rows), cols=n)
            for i, r in enumerate(rows):
                for j, c in enumerate(r):
                    if span[i][j] is not None and c:
                        fill(t.cell(i, j).paragraphs[0], c)
            for i, r in enumerate(rows):
                for j in range(n):
                    if span[i][j] and span[i][j] != (1, 1):
                        cs, rs = span[i][j]
                        t.cell(i, j).merge(t.cell(i + rs - 1, j + cs - 1))
    d.save(out)


if __name__ == '__main__':
    if len(sys.argv) < 3 or sys.argv[1] not in ('libreoffice', 'python-docx'):
        sys.exit(__doc__)
    here = os.path.dirname(os.path.abspath(__file__))
    md = sys.argv[3] if len(sys.argv) > 3 else os.path.join(here, '..', '..', 'shared', 'reference', '2024-department-self-evaluation.md')
    (libreoffice if sys.argv[1] == 'libreoffice' else python_docx)(md, sys.argv[2])
