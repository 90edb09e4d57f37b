#!/usr/bin/env python3
"""Deterministic generator of a synthetic 2024 general ledger (明细账) as an accounting
system exports it, plus its ground truth, for scripts/bench-ingest.

Each voucher (记-0001, numbered again from 1 every month) has one to four debit entries on
expense accounts (5201 行政支出 / 5301 事业支出, with an economic class) and one credit
entry on 1011 零余额账户用款额度 for their total; entries are numbered 1, 2, … (分录号).
About 1% of debit entries are red reversals (a negative 借方, 红字冲销). Amounts are written
as a system writes them: 借方金额 or 贷方金额, the other blank.

Writes PATH (CSV, UTF-8, LF) and PATH.truth.json: per quarter the exact sum of debit − credit
on expense accounts (5xxx) and the row count, computed with decimal.Decimal from the strings
written; every voucher balances, so over all rows debit − credit is exactly 0.

Same --seed and --rows => byte-identical output.
Usage: gen-general-ledger.py --rows 1000000 --out /tmp/bench-gl/gl_1m.csv
"""
import argparse
import datetime as dt
import json
import random
from decimal import Decimal

HEADER = ["日期", "凭证号", "分录号", "科目名称", "经济分类", "摘要", "借方金额", "贷方金额"]
ECON = [("30201 办公费", 2500), ("30202 印刷费", 1800), ("30205 水费", 1500), ("30206 电费", 6000),
        ("30211 差旅费", 1600), ("30213 维修（护）费", 5000), ("30215 会议费", 15000), ("30216 培训费", 8000),
        ("30226 劳务费", 20000), ("30227 委托业务费", 150000), ("30101 基本工资", 180000), ("30102 津贴补贴", 120000)]
EXPENSE = ["5201 行政支出", "5301 事业支出"]
CREDIT = "1011 零余额账户用款额度"
MONTH_W = [4, 6, 8, 8, 8, 9, 8, 8, 9, 8, 9, 15]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20240101)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    total_w = sum(MONTH_W)
    # Lines per month, in proportion to the weights; each month's vouchers from 记-0001.
    per_month = [a.rows * w // total_w for w in MONTH_W]
    per_month[-1] += a.rows - sum(per_month)
    quarter = {f"Q{q}": [Decimal(0), 0] for q in range(1, 5)}
    net = Decimal(0)
    rows = 0
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(",".join(HEADER) + "\n")
        for m0, lines in enumerate(per_month):
            month = m0 + 1
            days = (dt.date(2024 + month // 12, month % 12 + 1, 1) - dt.date(2024, month, 1)).days
            q = quarter[f"Q{(month - 1) // 3 + 1}"]
            voucher = 0
            left = lines
            while left > 0:
                voucher += 1
                debits = min(rng.randint(1, 4), max(left - 1, 1))
                if left <= 2:
                    debits = 1
                day = dt.date(2024, month, min(days, 1 + (voucher * 7) % days)).isoformat()
                no = f"记-{voucher:04d}"
                summary = f"{month}月付款{voucher}"
                total = Decimal(0)
                entry = 0
                account = rng.choice(EXPENSE)
                for _ in range(debits):
                    econ, median = rng.choice(ECON)
                    amount = Decimal(round(rng.lognormvariate(0, 1.1) * median * 100)) / 100
                    if amount < Decimal("0.01"):
                        amount = Decimal("0.01")
                    if rng.random() < 0.01:
                        amount = -amount   # 红字冲销
                    text = f"{amount:.2f}"
                    entry += 1
                    f.write(f"{day},{no},{entry},{account},{econ},{summary},{text},\n")
                    total += Decimal(text)
                    q[0] += Decimal(text)
                    q[1] += 1
                    net += Decimal(text)
                entry += 1
                ctext = f"{total:.2f}"
                f.write(f"{day},{no},{entry},{CREDIT},,{summary},,{ctext}\n")
                net -= Decimal(ctext)
                q[1] += 1
                left -= debits + 1
                rows += debits + 1
    truth = {"rows": rows, "net": f"{net:.2f}",
             "quarters": {k: {"expense": f"{v[0]:.2f}", "rows": v[1]} for k, v in quarter.items()}}
    with open(a.out + ".truth.json", "w") as t:
        json.dump(truth, t, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
