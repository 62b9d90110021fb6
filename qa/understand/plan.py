"""The query plan: what a question asks, as one typed tree every stage reads.

A :class:`Plan` is an operation over *selections*. A :class:`Selection` is
the set of table cells a phrase of the question names: organisations ×
years × stages × item × measure (the column: 年初预算, 决算数 …). The SQL
path compiles each selection to a SELECT over ``facts`` and combines the
cells with Decimal arithmetic; the narrative path searches passages about
the plan's subject within the plan's scope.

Operations (:data:`OPERATIONS`):

=============  =====================================================  ==========
op             what                                                    operands
=============  =====================================================  ==========
value          one figure                                              1
list           the rows of a breakdown (“分别是多少”, “列出”)            1
sum            Σ operands (“合计”, “加起来”)                             ≥ 2
diff           operands[0] − operands[1] (“相差”, “比…多多少”)           2
ratio          operands[0] ÷ operands[1] × 100 % (“占…的百分之几”)      2
share          the item ÷ its parent total × 100 % (bare “占比”)        1
multiple       operands[0] ÷ operands[1], in 倍 (“是…的几倍”)            2
growth         (this − previous) ÷ previous × 100 % (“增长百分之多少”)   1 or 2
execution      决算 ÷ 预算 × 100 % (“执行率”, “完成预算的百分之几”)      1
rank           operands ordered (“从高到低”, “前三”, “谁最高”)          ≥ 1
count          how many rows or organisations (“有几个”)                1
narrative      passages: why / what / duties                            1
=============  =====================================================  ==========

>>> p = Plan("diff", (Selection(("经信局",), (2024,), ("决算",), "三公经费", "决算数"),
...                   Selection(("经信局",), (2024,), ("决算",), "三公经费", "预算数")), unit="万元")
>>> print(p.describe())
diff [万元]
  1. 经信局 · 2024 · 决算 · 三公经费 · 决算数
  2. 经信局 · 2024 · 决算 · 三公经费 · 预算数
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

__all__ = ["Selection", "Plan", "OPERATIONS"]

OPERATIONS = ("value", "list", "sum", "diff", "ratio", "share", "multiple", "growth", "execution", "rank", "count",
              "narrative")


@dataclass(frozen=True)
class Selection:
    """The cells a phrase names. Empty tuples mean "any" (not yet narrowed).

    ``item`` is the line item as the question words it (住房公积金, 三公经费,
    一般公共预算财政拨款支出); ``measure`` the column asked for when the
    question names one (年初预算, 全年预算, 预算数, 决算数, 上年数).
    """

    organisations: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    stages: tuple[str, ...] = ()
    item: str = ""
    measure: str = ""
    scope: str = ""  # 部门 (consolidated) or 单位, or a level of government (全市, 市本级 …), when the question says so
    under: str = ""  # a breakdown's parent row (“司法（款）下各项”: 司法)
    level: str = ""  # the 功能分类 level a breakdown asks for: 类, 款 or 项
    excluding: tuple[str, ...] = ()  # rows the question leaves out (“除了行政运行”)
    as_of: str = ""  # a stock's date (“截至2024年8月31日”): only figures stated at that date
    period: str = ""  # the part of the year a flow covers (“上半年”, “1—6月”: "1-6月"); "" is the whole year
    table: str = ""  # the table the question names (“收支预算总表里的X”): only its cells answer

    def label(self) -> str:
        parts = ["、".join(self.organisations) or "*", "、".join(map(str, self.years)) or "*",
                 "、".join(self.stages) or "*", self.item or "*"]
        under = [f"under {self.under or '*'}" + (f" ({self.level})" if self.level else "")] if self.under or self.level else []
        left = [f"excluding {'、'.join(self.excluding)}"] if self.excluding else []
        dated = [f"as of {self.as_of}"] if self.as_of else []
        dated += [f"period {self.period}"] if self.period else []
        dated += [f"in {self.table}"] if self.table else []
        return " · ".join(parts + [x for x in (self.measure, self.scope) if x] + under + left + dated)


@dataclass(frozen=True)
class Plan:
    """One question, understood.

    ``question`` is the normalised text of this turn; ``query`` the text to
    search passages with (a follow-up's carried subject folded in);
    ``unit`` the unit the answer is wanted in (元/万元/亿元/%/倍/辆 … or None for
    the table's own); ``k``, ``descending`` and ``both_ends`` shape rank/list answers;
    ``aspect`` what a narrative answer is about (reason, definition, duties,
    use …); ``follow_up`` whether earlier turns supplied part of the plan;
    ``set_word`` the word that made the operand set (各单位, 这几家 …); ``wants``
    the kinds of number the question's asks request
    (:func:`qa.understand.asks.wanted_kinds`): an answer of another kind is declined.
    """

    op: str
    operands: tuple[Selection, ...]
    unit: str | None = None
    k: int | None = None
    descending: bool = True
    both_ends: bool = False  # "最多和最少的分别是": the top and the bottom of the ranking
    rank_by: str = ""  # "growth": by each one's stated growth rate ("哪一项增长最快"); "execution": by 决算 ÷ 年初预算
    by: str = ""  # what a rank/list/count runs over: organisations | years | items
    aspect: str = ""
    question: str = ""
    query: str = ""
    numeric: bool = True
    follow_up: bool = False
    set_word: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    readings: tuple[tuple[Selection, ...], ...] = ()  # other operand readings, tried in order if these link to nothing
    wants: tuple[str, ...] = ()  # the kinds of number the asks request (%, 倍, money, amount, 辆 …); () any
    where: str = ""  # the condition a count/list keeps 科目 by: over_budget | at_budget | under_budget | zero_budget
    digits: int | None = None  # "保留两位小数": the decimals the value is rounded to (half up)
    quoted: tuple = ()  # the figures the question states, as (low, high, unit) ranges (:mod:`qa.understand.figures`)

    @property
    def scope(self) -> Selection:
        """The union of the operands' organisations, years and stages."""
        def union(attr):
            seen: list = []
            for s in self.operands:
                seen += [v for v in getattr(s, attr) if v not in seen]
            return tuple(seen)
        first = self.operands[0] if self.operands else Selection()
        return Selection(union("organisations"), tuple(sorted(union("years"))), union("stages"), first.item, first.measure,
                         first.scope)

    def with_(self, **changes) -> "Plan":
        return replace(self, **changes)

    def describe(self) -> str:
        """The plan as ``qa ask --explain`` prints it."""
        head = self.op + (f" [{self.unit}]" if self.unit else "")
        if self.k:
            head += f" top {self.k} {'both' if self.both_ends else 'desc' if self.descending else 'asc'}"
            head += f" by {self.rank_by}" if self.rank_by else ""
        if self.by:
            head += f" by {self.by}"
        if self.aspect:
            head += f" aspect={self.aspect}"
        if self.where:
            head += f" where {self.where}"
        if self.follow_up:
            head += " (follow-up)"
        lines = [head] + [f"  {i}. {s.label()}" for i, s in enumerate(self.operands, 1)]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["operands"] = [asdict(s) for s in self.operands]
        d["readings"] = [[asdict(s) for s in r] for r in self.readings]
        d["quoted"] = [[str(low), str(high), unit] for low, high, unit in self.quoted]  # Decimal as printed, for JSON
        return d
