"""A question bank generated from the facts, and the assistant's accuracy on it.

    python benchmarks/question_bank.py --index DIR [--per-doc N] [--seed S] [--out bank.jsonl] [--show-wrong K]

For every document of the index, line items are drawn from its 功能分类 /
经济分类 tables (rows with a code, one unambiguous figure: every 合计 /
预算数 / 决算数 cell of that label in the document agrees), and questions are
written for each operation of the query plan — value, sum, diff, ratio,
share, multiple, growth, execution, rank, count, list — in six or more
phrasings each (full-width digits, Chinese-numeral years, 元 / 万元 / 亿元,
fillers, context before the ask). Gold answers are computed from the facts
with Decimal arithmetic; shares use the item's parent 科目 (项 → 款 → 类).

Prints accuracy per operation and per document. Issue 9's target: ≥ 97%
overall over ≥ 3,000 questions from every document in ../shared/corpus.
``tests/test_question_bank.py`` runs a sample over the seed documents.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa import store  # noqa: E402

TOTAL_MEASURES = ("合计", "决算数", "预算数", "一般公共预算财政拨款", "本年支出合计")
KINDS = ("general_budget_expenditure", "expenditure", "basic_expenditure_detail")
FACTOR = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}
CN_DIGITS = "〇一二三四五六七八九"


@dataclass
class Question:
    id: str
    doc: str
    op: str
    question: str
    value: float | None
    unit: str | None
    tolerance: float | None
    key_facts: list[str] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)


@dataclass
class Item:
    label: str
    code: str
    wan: Decimal  # the figure in 万元


def _wan(text: str) -> str:
    return format(Decimal(text).quantize(Decimal("0.01"), ROUND_HALF_UP).normalize(), "f")


def _clean(label: str) -> str:
    return re.sub(r"^[一二三四五六七八九十]+、|[（(](类|款|项)[)）]|\s", "", label or "")


def items_of(con: sqlite3.Connection, doc: str) -> list[Item]:
    """Line items of ``doc`` with one unambiguous figure (see the module docstring)."""
    rows = con.execute(
        f"SELECT row_label, subject_code, value_wan, flags FROM facts WHERE doc = ? AND value_wan IS NOT NULL "
        f"AND table_kind IN ({','.join('?' * len(KINDS))}) AND measure IN ({','.join('?' * len(TOTAL_MEASURES))})",
        (doc, *KINDS, *TOTAL_MEASURES)).fetchall()
    by_label: dict[str, set] = defaultdict(set)
    codes: dict[str, set] = defaultdict(set)
    bad: set[str] = set()
    for label, code, wan, flags in rows:
        name = _clean(label)
        by_label[name].add(Decimal(wan))
        codes[name].add(code or "")
        if flags and re.search(r"ocr-suspect|check-failed|code-suspect|repaired", flags):
            bad.add(name)
    # labels that also appear in other tables with another figure are ambiguous, as a row or as a column (三公 tables)
    others = con.execute("SELECT row_label, value_wan FROM facts WHERE doc = ? AND value_wan IS NOT NULL "
                         "AND measure IN (%s)" % ",".join("?" * len(TOTAL_MEASURES)), (doc, *TOTAL_MEASURES)).fetchall()
    others += con.execute("SELECT measure, value_wan FROM facts WHERE doc = ? AND value_wan IS NOT NULL", (doc,)).fetchall()
    for label, wan in others:
        if _clean(label) in by_label:
            by_label[_clean(label)].add(Decimal(wan))
    bodies = {o for (o,) in con.execute("SELECT DISTINCT organisation FROM documents")}
    out = []
    for name, values in by_label.items():
        code = max(codes.get(name, {""}), key=len)
        if len(values) != 1 or name in bad or len(name) < 3 or not code or re.search(r"合计|总计|小计|其他", name) \
                or name in bodies:
            continue
        value = next(iter(values))
        if value > 0:
            out.append(Item(name, code, value))
    return sorted(out, key=lambda i: i.code)


def _years(year: int) -> list[str]:
    full = "".join(chr(0xFF10 + int(d)) for d in str(year))
    chinese = "".join(CN_DIGITS[int(d)] for d in str(year))
    return [f"{year}年", f"{year}年度", f"{full}年", f"{chinese}年", f"{year}年", f"{year}年"]


def _short(org: str) -> str:
    """A short form people type: the place prefix dropped (上海市普陀区财政局 → 普陀区财政局)."""
    return re.sub(r"^[\u4e00-\u9fff]{1,3}?(省|市)(?=[\u4e00-\u9fff]{2,}?(区|县))", "", org)


def _q(doc, op, text, value, unit, tol=None, **kw) -> Question:
    v = float(value) if value is not None else None
    tolerance = tol if tol is not None else ({"万元": 0.006, "元": 60.0, "亿元": 0.0001, "%": 0.06, "倍": 0.006,
                                              "个": 0}.get(unit, 0.006) if v is not None else None)
    return Question("", doc, op, text, v, unit, tolerance, **kw)


def questions_for(con: sqlite3.Connection, doc: dict, catalog: list[dict], rng: random.Random, per_doc: int) -> list[Question]:
    """Questions over one document (and its neighbour years for growth)."""
    items = items_of(con, doc["name"])
    if len(items) < 3 or not doc["organisation"] or not doc["year"]:
        return []
    org, year, stage = doc["organisation"], doc["year"], doc["stage"] or ""
    name = doc["name"]
    ys = _years(year)
    orgs = [org, _short(org), org, _short(org), org, _short(org)]
    s = stage if stage in ("预算", "决算") else ""
    twins = [d for d in catalog if (d["organisation"], d["year"], d["stage"]) == (org, year, stage) and d is not doc]
    if s and twins and doc.get("scope"):
        s = doc["scope"] + s  # a 部门 and a 单位 document of one body and year: say which
    out: list[Question] = []
    picks = rng.sample(items, min(per_doc, len(items)))
    for it in picks:  # value, in three units, six phrasings
        yuan = it.wan * 10000
        out += [
            _q(name, "value", f"{orgs[0]}{ys[0]}{it.label}{s}是多少？", it.wan, "万元"),
            _q(name, "value", f"请问{orgs[1]}{ys[1]}{it.label}{s}数是多少万元？", it.wan, "万元"),
            _q(name, "value", f"{orgs[2]}{ys[2]}的{it.label}{s}有多少元？", yuan, "元"),
            _q(name, "value", f"{orgs[3]}{ys[3]}{it.label}{s}安排了多少万元？", it.wan, "万元"),
            _q(name, "value", f"想了解一下{orgs[4]}的情况，{ys[4]}{it.label}{s}金额是多少？", it.wan, "万元"),
            _q(name, "value", f"{orgs[5]}{ys[5]}{it.label}{s}折合多少亿元？", it.wan / 10000, "亿元"),
        ]
    pairs = [(a, b) for a in picks for b in picks if a is not b and a.label not in b.label and b.label not in a.label]
    rng.shuffle(pairs)
    for a, b in pairs[:3]:
        total = a.wan + b.wan
        diff = abs(a.wan - b.wan)
        times = (a.wan / b.wan).quantize(Decimal("0.01"), ROUND_HALF_UP)
        out += [
            _q(name, "sum", f"{orgs[0]}{ys[0]}{s}{a.label}和{b.label}合计是多少？", total, "万元"),
            _q(name, "sum", f"{orgs[1]}{ys[1]}{s}{a.label}与{b.label}加起来一共多少万元？", total, "万元"),
            _q(name, "sum", f"{orgs[2]}{ys[2]}{s}{a.label}及{b.label}之和是多少元？", total * 10000, "元"),
            _q(name, "diff", f"{orgs[0]}{ys[0]}{s}{a.label}比{b.label}{'多' if a.wan >= b.wan else '少'}多少？", diff, "万元"),
            _q(name, "diff", f"{orgs[1]}{ys[1]}{s}{a.label}和{b.label}相差多少万元？", diff, "万元"),
            _q(name, "diff", f"{orgs[2]}{ys[3]}{s}{a.label}与{b.label}的差额是多少元？", diff * 10000, "元"),
            _q(name, "multiple", f"{orgs[0]}{ys[0]}{s}{a.label}是{b.label}的几倍？", times, "倍"),
            _q(name, "multiple", f"{orgs[1]}{ys[2]}{s}{a.label}是{b.label}的多少倍？", times, "倍"),
        ]
    by_code = {it.code: it for it in items}
    all_codes = {c for (c,) in con.execute("SELECT DISTINCT subject_code FROM facts WHERE doc = ? AND subject_code != ''",
                                           (name,))}
    children = defaultdict(list)
    for it in items:
        parent = it.code[:-2] if len(it.code) in (5, 7) else ""
        if parent in by_code:
            children[parent].append(it)
    # a parent qualifies when every child code of the document is an unambiguous item (the gold sees all of them)
    parents = [p for p in by_code if len(children[p]) >= 2
               and {c for c in all_codes if len(c) == len(p) + 2 and c.startswith(p)} == {k.code for k in children[p]}]
    rng.shuffle(parents)
    for p in parents[:3]:
        parent, kids = by_code[p], children[p]
        kid = rng.choice(kids)
        pct = (kid.wan / parent.wan * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
        top = max(kids, key=lambda k: k.wan)
        low = min(kids, key=lambda k: k.wan)
        level = {7: "项", 5: "款"}.get(len(kid.code), "")
        out += [
            _q(name, "ratio", f"{orgs[0]}{ys[0]}{s}{kid.label}占{parent.label}的百分之几？", pct, "%"),
            _q(name, "ratio", f"{orgs[1]}{ys[1]}{s}{kid.label}占{parent.label}的比重是多少？", pct, "%"),
            _q(name, "share", f"{orgs[2]}{ys[2]}{s}{kid.label}占比多少？", pct, "%"),
            _q(name, "rank", f"{orgs[0]}{ys[0]}{s}{parent.label}下的各{level or '项'}中，哪一{level or '项'}最多？", top.wan, "万元"),
            _q(name, "rank", f"{orgs[1]}{ys[3]}{s}{parent.label}里面哪个{level or '科目'}金额最低？", low.wan, "万元"),
            _q(name, "count", f"{orgs[2]}{ys[0]}{s}{parent.label}下有几个{level}级科目？", len(kids), "个"),
            _q(name, "list", f"列出{orgs[0]}{ys[0]}{s}{parent.label}下各{level or '项'}分别是多少。", None, None,
               key_facts=[k.label for k in kids] + [_wan(str(k.wan)) for k in kids]),
        ]
    for other in catalog:  # growth over consecutive years of the same organisation and stage
        if other["organisation"] == org and other["year"] == year - 1 and other["stage"] == stage:
            before = {i.label: i for i in items_of(con, other["name"])}
            common = [it for it in picks if it.label in before and before[it.label].wan > 0]
            for it in common[:2]:
                g = ((it.wan - before[it.label].wan) / before[it.label].wan * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
                out += [
                    _q(name, "growth", f"{orgs[0]}{ys[0]}{it.label}比{year - 1}年增长了百分之多少？", g, "%"),
                    _q(name, "growth", f"{orgs[1]}{year}年{it.label}{s}较{year - 1}年的增幅是多少？", g, "%"),
                    _q(name, "diff", f"{orgs[2]}{year}年{it.label}比{year - 1}年{'多' if g >= 0 else '少'}多少万元？",
                       abs(it.wan - before[it.label].wan), "万元"),
                ]
    return out


def generate(index: str | Path, per_doc: int = 4, seed: int = 9, docs: list[str] | None = None) -> list[Question]:
    """The bank for every document of the index (or the named ``docs``)."""
    build = store.open_build(index)
    con = sqlite3.connect(build.sqlite_path)
    rng = random.Random(seed)
    catalog = build.documents
    out = []
    for doc in catalog:
        if docs is None or doc["name"] in docs:
            out += questions_for(con, doc, catalog, rng, per_doc)
    for n, q in enumerate(out, 1):
        q.id = f"QB{n:05d}"
    return out


def correct(q: Question, answer: dict) -> bool:
    """The scorer's rule: a value within tolerance (money converted), else half the key facts."""
    if q.value is None:
        text = re.sub(r"\s|,", "", answer.get("answer") or "")
        return sum(re.sub(r"\s", "", f) in text for f in q.key_facts) * 2 >= len(q.key_facts)
    got, unit = answer.get("value"), answer.get("unit")
    if got is None or not answer.get("answerable"):
        return False
    got = Decimal(str(got))
    if unit in FACTOR and q.unit in FACTOR:
        got = got * FACTOR[unit] / FACTOR[q.unit]
    elif unit != q.unit and unit is not None:
        return False
    return abs(got - Decimal(str(q.value))) <= Decimal(str(q.tolerance)) + Decimal("1e-9")


def evaluate(index: str | Path, bank: list[Question]) -> tuple[dict, list[tuple[Question, dict]]]:
    """Accuracy per operation and per document, and the misses."""
    from qa import Assistant

    bot = Assistant.open(index)
    per_op: dict[str, list[bool]] = defaultdict(list)
    per_doc: dict[str, list[bool]] = defaultdict(list)
    wrong, misses = 0, []
    for q in bank:
        a = bot.ask(q.question, q.history).to_dict()
        ok = correct(q, a)
        per_op[q.op].append(ok)
        per_doc[q.doc].append(ok)
        if not ok:
            misses.append((q, a))
            wrong += bool(a.get("answerable") and a.get("value") is not None and q.value is not None)
    return {"per_op": per_op, "per_doc": per_doc, "wrong_numbers": wrong}, misses


def _table(title: str, groups: dict[str, list[bool]]) -> str:
    lines = [f"{title:<44} {'n':>5} {'accuracy':>9}"]
    for key in sorted(groups):
        v = groups[key]
        lines.append(f"{key[:44]:<44} {len(v):>5} {sum(v) / len(v):>8.1%}")
    allv = [x for v in groups.values() for x in v]
    lines.append(f"{'overall':<44} {len(allv):>5} {sum(allv) / max(len(allv), 1):>8.1%}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", default="index")
    ap.add_argument("--per-doc", type=int, default=4, help="line items drawn per document")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--out", help="also write the bank as JSON lines (the dev.jsonl fields the scorer reads)")
    ap.add_argument("--show-wrong", type=int, default=0, metavar="K", help="print K misses")
    args = ap.parse_args(argv)
    bank = generate(args.index, args.per_doc, args.seed)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            for q in bank:
                f.write(json.dumps({**asdict(q), "kind": q.op, "docs": [q.doc], "evidence": [], "answer": ""},
                                   ensure_ascii=False) + "\n")
    result, misses = evaluate(args.index, bank)
    print(_table("operation", result["per_op"]))
    print()
    print(_table("document", result["per_doc"]))
    n = len(bank)
    print(f"\nquestions {n}; wrong numbers served {result['wrong_numbers']} ({result['wrong_numbers'] / max(n, 1):.1%})")
    for q, a in misses[: args.show_wrong]:
        print(f"- {q.id} [{q.op}] {q.question} gold {q.value} {q.unit or ''} {q.key_facts[:3] if q.key_facts else ''}"
              f"\n    got {a.get('value')} {a.get('unit') or ''}: {(a.get('answer') or '')[:110]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
