"""A question bank generated from the facts, and the assistant's accuracy on it.

    python benchmarks/question_bank.py --index DIR [--per-doc N] [--seed S] [--out bank.jsonl] [--show-wrong K]

For every document of the index, line items are drawn from its 功能分类 /
经济分类 tables (rows with a code, one unambiguous figure: every 合计 /
预算数 / 决算数 cell of that label in the document agrees), and questions are
written for each operation of the query plan — value, sum, diff, multiple,
ratio and share, max and min, top-k, count, list, growth, change and
execution rate — in six phrasings each (``PHRASINGS``) (full-width digits, Chinese-numeral years, 元 / 万元 / 亿元,
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
    phrasing: int = 0  # index into PHRASINGS[op]


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


# Phrasings per operation: (template, unit of the gold). Fields: o organisation, y year, s stage,
# a/b items, kid/parent 科目, lvl 类/款/项, prev previous year, more 多/少. Each instance uses three
# of them in turn (all of them for values), so every phrasing is asked across the bank.
PHRASINGS: dict[str, list[tuple[str, str]]] = {
    "value": [("{o}{y}{a}{s}是多少？", "万元"), ("请问{o}{y}{a}{s}数是多少万元？", "万元"),
              ("{o}{y}的{a}{s}有多少元？", "元"), ("{o}{y}{a}{s}安排了多少万元？", "万元"),
              ("想了解一下{o}的情况，{y}{a}{s}金额是多少？", "万元"), ("{o}{y}{a}{s}折合多少亿元？", "亿元")],
    "sum": [("{o}{y}{s}{a}和{b}合计是多少？", "万元"), ("{o}{y}{s}{a}与{b}加起来一共多少万元？", "万元"),
            ("{o}{y}{s}{a}及{b}之和是多少元？", "元"), ("{o}{y}{s}{a}、{b}两项一共多少？", "万元"),
            ("把{o}{y}{s}的{a}和{b}加在一起，是多少万元？", "万元"), ("{o}{y}{s}{a}连同{b}总共有多少元？", "元")],
    "diff": [("{o}{y}{s}{a}比{b}{more}多少？", "万元"), ("{o}{y}{s}{a}和{b}相差多少万元？", "万元"),
             ("{o}{y}{s}{a}与{b}的差额是多少元？", "元"), ("{o}{y}{s}{a}和{b}之间差了多少？", "万元"),
             ("{o}{y}{s}{a}与{b}相比，差距有多大（万元）？", "万元"), ("{o}{y}{s}{a}跟{b}差多少钱？", "万元")],
    "multiple": [("{o}{y}{s}{a}是{b}的几倍？", "倍"), ("{o}{y}{s}{a}是{b}的多少倍？", "倍"),
                 ("{o}{y}{s}{a}相当于{b}的几倍？", "倍"), ("{o}{y}{s}{a}约为{b}的多少倍？", "倍"),
                 ("{o}{y}{s}{a}和{b}比，是它的几倍？", "倍"), ("{o}{y}{s}的{a}是{b}的几倍（保留两位小数）？", "倍")],
    "ratio": [("{o}{y}{s}{kid}占{parent}的百分之几？", "%"), ("{o}{y}{s}{kid}占{parent}的比重是多少？", "%"),
              ("{o}{y}{s}{kid}在{parent}中占多大比例？", "%"), ("{o}{y}{s}{kid}占{parent}的比例是多少（%）？", "%"),
              ("{o}{y}{s}{parent}里{kid}占了百分之多少？", "%"), ("{o}{y}{s}{kid}占{parent}多少百分比？", "%")],
    "share": [("{o}{y}{s}{kid}占比多少？", "%"), ("{o}{y}{s}{kid}的占比是多少？", "%"),
              ("{o}{y}{s}{kid}占比是百分之几？", "%"), ("{o}{y}{s}{kid}所占比重是多少？", "%"),
              ("{o}{y}{s}{kid}占多大比重？", "%"), ("请问{o}{y}{s}{kid}占比为多少（%）？", "%")],
    "max": [("{o}{y}{s}{parent}下的各{lvl}中，哪一{lvl}最多？", "万元"), ("{o}{y}{s}{parent}里面哪个{lvl}金额最高？", "万元"),
            ("{o}{y}{s}{parent}下面哪一{lvl}支出最大？", "万元"), ("{o}{y}{s}{parent}中数额最大的{lvl}是哪个？", "万元"),
            ("{o}{y}{s}{parent}的各{lvl}里谁最高？", "万元"), ("{o}{y}{s}{parent}下，金额排第一的{lvl}是哪个？", "万元")],
    "min": [("{o}{y}{s}{parent}下的各{lvl}中，哪一{lvl}最少？", "万元"), ("{o}{y}{s}{parent}里面哪个{lvl}金额最低？", "万元"),
            ("{o}{y}{s}{parent}下面哪一{lvl}支出最小？", "万元"), ("{o}{y}{s}{parent}中数额最小的{lvl}是哪个？", "万元"),
            ("{o}{y}{s}{parent}的各{lvl}里谁最低？", "万元"), ("{o}{y}{s}{parent}下，金额排最后的{lvl}是哪个？", "万元")],
    "count": [("{o}{y}{s}{parent}下有几个{lvl}级科目？", "个"), ("{o}{y}{s}{parent}下面一共列了多少个{lvl}？", "个"),
              ("{o}{y}{s}{parent}包含几个{lvl}级科目？", "个"), ("{o}{y}{s}{parent}下设几个{lvl}？", "个"),
              ("{o}{y}{s}{parent}分成了几个{lvl}？", "个"), ("{o}{y}{s}{parent}下列示的{lvl}级科目有多少个？", "个")],
    "list": [("列出{o}{y}{s}{parent}下各{lvl}分别是多少。", ""), ("{o}{y}{s}{parent}下各{lvl}的金额分别是多少？", ""),
             ("{o}{y}{s}{parent}由哪些{lvl}组成，各多少？", ""), ("把{o}{y}{s}{parent}的明细列一下。", ""),
             ("{o}{y}{s}{parent}包括哪些{lvl}？分别多少万元？", ""), ("{o}{y}{s}{parent}按{lvl}级科目分，各是多少？", "")],
    "topk": [("{o}{y}{s}{parent}下各{lvl}从高到低排一下。", ""), ("{o}{y}{s}{parent}里金额最大的前三个{lvl}是哪些？", ""),
             ("{o}{y}{s}{parent}下按金额排名前三的{lvl}是？", ""), ("{o}{y}{s}{parent}各{lvl}按金额从大到小排序。", ""),
             ("{o}{y}{s}{parent}中最多的三个{lvl}分别是多少？", ""), ("{o}{y}{s}{parent}的{lvl}级科目里，排前三的是哪些？", "")],
    "growth": [("{o}{y}{a}比{prev}年增长了百分之多少？", "%"), ("{o}{y}{a}{s}较{prev}年的增幅是多少？", "%"),
               ("{o}{y}{a}{s}同比增长多少（%）？", "%"), ("{o}{y}{a}{s}与{prev}年相比变化了百分之几？", "%"),
               ("{o}{y}{a}{s}比上年增长率是多少？", "%"), ("相比{prev}年，{o}{y}{a}{s}的增长幅度是多少？", "%")],
    "change": [("{o}{y}{a}{s}比{prev}年{more}多少万元？", "万元"), ("{o}{y}{a}{s}比上年{more}了多少？", "万元"),
               ("{o}{y}{a}{s}较{prev}年{more}多少元？", "元"), ("{o}{y}{a}{s}同{prev}年比{more}了多少万元？", "万元"),
               ("{o}{y}{a}{s}和{prev}年相比{more}了多少？", "万元"), ("与{prev}年相比，{o}{y}{a}{s}{more}了多少万元？", "万元")],
    "execution": [("{o}{y}{a}的预算执行率是多少？", "%"), ("{o}{y}{a}决算数占预算数的百分之几？", "%"),
                  ("{o}{y}{a}决算是预算的百分之多少？", "%"), ("{o}{y}{a}的执行率是多少（决算÷预算）？", "%"),
                  ("{o}{y}{a}预算完成了百分之多少？", "%"), ("{o}{y}{a}决算数与预算数之比是多少（%）？", "%")],
}
_turn: dict[str, int] = defaultdict(int)


def _ask(doc: str, op: str, value, fields: dict, k: int = 3, **kw) -> list[Question]:
    """``k`` phrasings of ``op`` (in turn over the bank), the gold converted to each phrasing's unit."""
    out = []
    for _ in range(k):
        n = _turn[op] % len(PHRASINGS[op])
        template, unit = PHRASINGS[op][n]
        _turn[op] += 1
        v = value if unit not in FACTOR else value * FACTOR["万元"] / FACTOR[unit]
        out.append(_q(doc, op, template.format(**fields), v if unit else None, unit or None, phrasing=n, **kw))
    return out


def _pct(a: Decimal, b: Decimal) -> Decimal:
    return (a / b * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


def questions_for(con: sqlite3.Connection, doc: dict, catalog: list[dict], rng: random.Random, per_doc: int) -> list[Question]:
    """Questions over one document (and its neighbour documents for growth and execution)."""
    items = items_of(con, doc["name"])
    if len(items) < 3 or not doc["organisation"] or not doc["year"]:
        return []
    org, year, stage = doc["organisation"], doc["year"], doc["stage"] or ""
    name = doc["name"]
    ys = _years(year)
    s = stage if stage in ("预算", "决算") else ""
    twins = [d for d in catalog if (d["organisation"], d["year"], d["stage"]) == (org, year, stage) and d is not doc]
    if s and twins and doc.get("scope"):
        s = doc["scope"] + s  # a 部门 and a 单位 document of one body and year: say which
    turn = iter(range(10**6))

    def f(**kw):  # the organisation and year in their forms, in turn
        n = next(turn)
        return {"o": (org, _short(org))[n % 2], "y": ys[n % len(ys)], "s": s, **kw}

    out: list[Question] = []
    picks = rng.sample(items, min(per_doc, len(items)))
    for it in picks:
        out += _ask(name, "value", it.wan, f(a=it.label), k=len(PHRASINGS["value"]))
    pairs = [(a, b) for a in picks for b in picks if a is not b and a.label not in b.label and b.label not in a.label]
    rng.shuffle(pairs)
    for a, b in pairs[:3]:
        out += _ask(name, "sum", a.wan + b.wan, f(a=a.label, b=b.label))
        out += _ask(name, "diff", abs(a.wan - b.wan), f(a=a.label, b=b.label, more="多" if a.wan >= b.wan else "少"))
        big, small = (a, b) if a.wan >= b.wan else (b, a)  # "是…的几倍" of the larger
        out += _ask(name, "multiple", (big.wan / small.wan).quantize(Decimal("0.01"), ROUND_HALF_UP),
                    f(a=big.label, b=small.label), k=2)
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
        level = {7: "项", 5: "款"}.get(len(kid.code), "项")
        ranked = sorted(kids, key=lambda k: -k.wan)
        fields = dict(kid=kid.label, parent=parent.label, lvl=level)
        out += _ask(name, "ratio", _pct(kid.wan, parent.wan), f(**fields), k=2)
        out += _ask(name, "share", _pct(kid.wan, parent.wan), f(**fields), k=2)
        if ranked[0].wan != ranked[1].wan:
            out += _ask(name, "max", ranked[0].wan, f(**fields), k=2)
        if ranked[-1].wan != ranked[-2].wan:
            out += _ask(name, "min", ranked[-1].wan, f(**fields), k=2)
        out += _ask(name, "count", Decimal(len(kids)), f(**fields), k=2)
        out += _ask(name, "list", None, f(**fields), k=1, key_facts=[k.label for k in kids] + [_wan(str(k.wan)) for k in kids])
        if len(kids) >= 3 and len({k.wan for k in ranked[:4]}) == len(ranked[:4]):
            out += _ask(name, "topk", None, f(**fields), k=1,
                        key_facts=[k.label for k in ranked[:3]] + [_wan(str(k.wan)) for k in ranked[:3]])
    for other in catalog:
        same_body = other["organisation"] == org and other.get("scope") == doc.get("scope")
        if same_body and other["year"] == year - 1 and other["stage"] == stage:  # growth over consecutive years
            before = {i.label: i for i in items_of(con, other["name"])}
            for it in [it for it in picks if it.label in before and before[it.label].wan > 0][:2]:
                was = before[it.label].wan
                out += _ask(name, "growth", _pct(it.wan - was, was), f(a=it.label, prev=year - 1), k=2)
                out += _ask(name, "change", abs(it.wan - was), f(a=it.label, prev=year - 1, more="多" if it.wan >= was else "少"), k=2)
        if same_body and other["year"] == year and stage == "决算" and other["stage"] == "预算":  # execution
            planned = {i.label: i for i in items_of(con, other["name"])}
            for it in [it for it in items if it.label in planned][:4]:
                out += _ask(name, "execution", _pct(it.wan, planned[it.label].wan), f(a=it.label), k=2)
    return out


def generate(index: str | Path, per_doc: int = 6, seed: int = 9, docs: list[str] | None = None) -> list[Question]:
    """The bank for every document of the index (or the named ``docs``)."""
    build = store.open_build(index)
    con = sqlite3.connect(build.sqlite_path)
    rng = random.Random(seed)
    _turn.clear()
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
    per_phrasing: dict[str, list[bool]] = defaultdict(list)
    wrong, misses = 0, []
    for q in bank:
        a = bot.ask(q.question, q.history).to_dict()
        ok = correct(q, a)
        per_op[q.op].append(ok)
        per_doc[q.doc].append(ok)
        per_phrasing[f"{q.op} {q.phrasing + 1}: {PHRASINGS[q.op][q.phrasing][0]}"].append(ok)
        if not ok:
            misses.append((q, a))
            wrong += bool(a.get("answerable") and a.get("value") is not None and q.value is not None)
    return {"per_op": per_op, "per_doc": per_doc, "per_phrasing": per_phrasing, "wrong_numbers": wrong}, misses


def _table(title: str, groups: dict[str, list[bool]], width: int = 44) -> str:
    lines = [f"{title:<{width}} {'n':>5} {'accuracy':>9}"]
    for key in sorted(groups):
        v = groups[key]
        lines.append(f"{key[:width]:<{width}} {len(v):>5} {sum(v) / len(v):>8.1%}")
    allv = [x for v in groups.values() for x in v]
    lines.append(f"{'overall':<{width}} {len(allv):>5} {sum(allv) / max(len(allv), 1):>8.1%}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", default="index")
    ap.add_argument("--per-doc", type=int, default=6, help="line items drawn per document")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--out", help="also write the bank as JSON lines (the dev.jsonl fields the scorer reads)")
    ap.add_argument("--by-phrasing", action="store_true", help="also print accuracy per phrasing")
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
    if args.by_phrasing:
        print()
        print(_table("phrasing", result["per_phrasing"], width=60))
    n = len(bank)
    print(f"\nquestions {n}; wrong numbers served {result['wrong_numbers']} ({result['wrong_numbers'] / max(n, 1):.1%})")
    for q, a in misses[: args.show_wrong]:
        print(f"- {q.id} [{q.op}] {q.question} gold {q.value} {q.unit or ''} {q.key_facts[:3] if q.key_facts else ''}"
              f"\n    got {a.get('value')} {a.get('unit') or ''}: {(a.get('answer') or '')[:110]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
