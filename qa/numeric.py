"""Cells for the numeric path: given the candidates :class:`qa.link.Linker` ranks
them per operand, the rules that choose among them (the item must be named,
blank and "—" cells; tables against a differing narrative are in
:mod:`qa.agreement`), and the answer text with its cell citations.
Operations are in :mod:`qa.compute`.

Numbers come from SQL results (table facts or text facts), never from
retrieved text; arithmetic is Decimal; the unit is the one asked for.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from .cells import BUDGET_WORD, CHANGE
from .link import Cell, common_run, cell_query, norm
from .naming import COMPLEMENT, covers, names_subject
from .scope import WHOLE_AREA
from .scoring import MIN_SCORE
from .understand.phrases import CLASS_NAMES
from .slots import Slots
from .types import Answer, Citation

__all__ = ["convert", "covers", "decline", "MIN_SCORE"]

_FACTOR = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}


def convert(value: Decimal, unit: str, to: str | None) -> tuple[Decimal, str]:
    """``value`` in ``unit`` expressed in ``to`` (money units only).

    >>> convert(Decimal("0.56"), "万元", "元")
    (Decimal('5600'), '元')
    >>> convert(Decimal("3380.68"), "万元", None)
    (Decimal('3380.68'), '万元')
    """
    if to in _FACTOR and unit in _FACTOR and to != unit:
        out = value * _FACTOR[unit] / _FACTOR[to]
        return (out.quantize(Decimal(1)) if out == out.to_integral() else out.normalize()), to
    return value, unit


def _fmt(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value == value.normalize() else format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _citation(cell: Cell) -> Citation:
    if cell.source == "table":
        return Citation(cell.doc, cell.page, cell.table, cell.cite, table=cell.table)
    return Citation(cell.doc, cell.page, cell.section, cell.cite)


def _shares_label(a: Cell, b: Cell) -> bool:
    la = re.sub(r"^[一二三四五六七八九十]+、|[（）()\s]", "", a.label)
    return len(la) >= 3 and any(la[i : i + 3] in b.label for i in range(len(la) - 2))


def _agreeing(best: Cell, ranked: list[Cell]) -> Cell | None:
    """The best cell of the other source (sentence vs table) stating the same figure."""
    for c in ranked:
        if c.source != best.source and c.organisation == best.organisation and c.year == best.year \
                and (c.score >= MIN_SCORE - 1 or _shares_label(best, c) or _shares_label(c, best)):
            a, b = c.value_wan, best.value_wan
            if a is not None and b is not None and abs(a - b) <= Decimal("0.011"):
                return c
            if a is None and b is None and c.unit == best.unit and c.value == best.value:
                return c
    return None


def _scope_name(cell: Cell) -> str:
    """Whose figure, of which year and stage; the level of government when the figure is one level's
    (合肥市（市本级）) and its own words do not say so."""
    level = (cell.row or {}).get("level") or ""
    shown = f"（{level}）" if level and level not in WHOLE_AREA and level not in cell.label else ""
    return f"{cell.organisation}{shown}{cell.year or ''}年{cell.stage}"


def _single(cell: Cell, slots: Slots, ranked: list[Cell]) -> tuple[Decimal, str, str, list[Cell]]:
    value, unit = convert(cell.value, cell.unit, slots.unit)
    shown = f"{_fmt(value)}{unit}"
    if unit != cell.unit:
        shown += f"（表中为{_fmt(cell.value)}{cell.unit}）"
    elif unit == "元" and slots.unit is None and cell.value_wan is not None and abs(cell.value) >= 10000:
        shown += f"（{_fmt(cell.value_wan.quantize(Decimal('0.01'), ROUND_HALF_UP))}万元）"
    bound = re.search(r"[≥≤><＞＜]=?\s*$", cell.label)
    if bound:  # a target stated as a bound ("高质量论文数量 ≥330篇"): the bound is part of the figure
        shown = bound.group(0).strip() + shown
    return value, unit, f"{_scope_name(cell)}：{_what(cell)}为{shown}。", [cell]  # noqa: E501


def _what(cell: Cell) -> str:
    """The cell's row label, with its column when the label alone says little (合计 → 合计（基本支出）),
    without the organisation and year the answer names before it.

    >>> c = Cell("text", 1, "d", "某局", 2024, "决算", 1, "某局 2024 年度政府采购金额", "", "", None, "万元", None, "")
    >>> _what(c)
    '政府采购金额'
    """
    label = re.sub(r"(为|是)$", "", re.sub(r"\s*[≥≤><＞＜]=?\s*$", "", cell.label.strip()))
    label = re.sub(r"^.*(指标值|分值)(\s*指标)?\s*[（(]?\s*(?=\S)", "", label)  # a target table's header row, read into the clause
    if cell.organisation and len(label) > len(cell.organisation) + 2:  # the scope says whose and when already
        label = re.sub(rf"^{re.escape(cell.organisation)}\s*(20\d\d\s*年度?)?\s*", "", label)
    row = cell.row or {}
    if cell.source == "table" and not row.get("row_label") and "/" in (row.get("column_label") or ""):
        # a row with no label of its own: the column path names the figure (“三公”经费 / 小计)
        parts = [p for p in row["column_label"].split("/") if p and not p.startswith(("部门名称", "单位名称"))]
        return "·".join(parts[-2:]) if len(parts) >= 2 and re.fullmatch(r"小计|合计", parts[-1]) else parts[-1]
    measure = (cell.row or {}).get("measure") or ""
    basis = (cell.row or {}).get("basis") or ""
    if cell.source == "table" and re.fullmatch(r"(本年)?(合计|总计)", label) and cell.table:
        label = f"{re.sub(r'^20[0-9]{2}年度?', '', cell.table)}{label}"  # 合计 alone says little: whose total
    extra = [m for m in dict.fromkeys((measure, basis)) if m and m not in label]
    return f"{label}（{'，'.join(extra)}）" if extra and cell.source == "table" else label


def _money(cell: Cell) -> Decimal:
    return cell.value_wan if cell.value_wan is not None else cell.value


def _is_budget(cell: Cell) -> bool:
    return "预算" in cell.basis


_EXPLICIT = ("年初预算", "全年预算", "调整预算")


def _budget_vs_actual(ranked: list[Cell], slots: Slots) -> list[Cell] | None:
    """决算 vs 预算 of one subject in one document, in the order the question names them."""
    # levels only: "比年初预算数减少87.99万元" names the 年初预算 but states a change, not the budget
    named = [c for c in ranked if c.score >= MIN_SCORE and names_subject(c, slots) and not CHANGE.search(c.label)]
    word = next((w for w in _EXPLICIT if w in slots.question), "预算")
    # a budget figure or column, not a fund whose name says 预算 (其中：政府性基金预算财政拨款)
    budgets = [c for c in named if (word in c.basis or BUDGET_WORD.search(c.descriptor + c.basis)
                                    if word == "预算" else word in c.descriptor + c.basis)]
    q = slots.question
    asked = {side for side in ("收入", "支出") if side in q} if ("收入" in q) != ("支出" in q) else set()
    pairs = ((budget, actual) for budget in budgets for actual in named
             if not (asked and _sides(budget) and not asked & _sides(budget))  # "实际支出比年初预算": the 支出 pair
             and actual.doc == budget.doc and not _is_budget(actual) and actual.value != budget.value
             and re.search(r"决算|执行|实际|支出", actual.descriptor + actual.basis) and _same_subject(actual, budget)
             and _one_line(actual, budget))
    budget, actual = next(pairs, (None, None))
    if actual is None:
        return None
    budget_first = q.find(word) < max(q.find("决算"), q.find("实际"), q.find("执行"))
    return [budget, actual] if budget_first else [actual, budget]


_COLUMN_WORDS = re.compile(r"(全年|年初|调整)?(预算|决算)(数|为|是)?|(全年)?(实际)?(支出|完成|执行)(数|为|是)?$|均为|为$|是$")


def _one_line(a: Cell, b: Cell) -> bool:
    """Two sentence figures of one line item (its 年初预算 and its 实际支出), not
    of two items that share words (一般公共预算支出 and 一般公共预算债务还本支出).

    >>> def text(label): return Cell("text", 1, "d", "某市", 2023, "决算", 1, label, label, "", Decimal(1), "亿元", None, label)
    >>> _one_line(text("市级一般公共预算支出 全年实际支出"), text("市级一般公共预算支出年初预算为"))
    True
    >>> _one_line(text("市级一般公共预算债务还本支出"), text("市级一般公共预算支出年初预算为"))
    False
    """
    if a.source != "text" or b.source != "text" or a.cite == b.cite:
        return True
    bare = [_COLUMN_WORDS.sub("", norm(c.label)) for c in (a, b)]
    return bare[0] == bare[1] or bare[0] + "支出" == bare[1] or bare[1] + "支出" == bare[0]


def norm_label(cell: Cell) -> str:
    """The row's name without numbering and measure words; a transposed table's
    cell (items as columns: label 预算数, column 三公经费/合计) is named by its column."""
    label = cell.label
    if cell.source == "table" and re.fullmatch(r"\s*(预算数|决算数|合计|金额|小计)?\s*", label or ""):
        parts = [p for p in ((cell.row or {}).get("column_label") or "").split("/") if p and not re.fullmatch(r"小计|合计", p)]
        label = parts[-1] if parts else label
    return re.sub(r"^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十]+[)）]|(全年预算|年初预算|预算数|支出决算|决算数|为|是|\s)", "",
                  label)


_LEVEL_MARK = re.compile(r"[（(](类|款|项)[)）]")


def _is_subject_row(cell: Cell) -> bool:
    """A 科目 (类/款/项): a coded table row, or a sentence naming its level ("…（项）")."""
    if cell.source == "table":
        return bool((cell.row or {}).get("subject_code")) or bool(_LEVEL_MARK.search(cell.label))
    return bool(_LEVEL_MARK.search(cell.label))


def _sides(cell: Cell) -> set[str]:
    """收入 or 支出, as the cell's own name says (both for 收支总计)."""
    label = norm_label(cell)
    return {side for side, word in (("收入", r"收入|收(?=支)"), ("支出", r"支出|(?<=收)支")) if re.search(word, label)}


def _same_subject(a: Cell, b: Cell) -> bool:
    """Are ``a`` and ``b`` figures of one item (two columns, two years or
    two documents of it)? Never a revenue with an expenditure.

    >>> def text(label): return Cell("text", 1, "d", "郑州市", 2023, "决算", 1, label, label, "", Decimal(1), "亿元", None, "")
    >>> _same_subject(text("市级一般公共预算支出 全年实际支出"), text("市级一般公共预算收入年初预算"))
    False
    >>> _same_subject(text("市级一般公共预算支出 全年实际支出"), text("市级一般公共预算支出年初预算"))
    True
    """
    if len(_sides(a)) == len(_sides(b)) == 1 and _sides(a) != _sides(b):
        return False  # 一般公共预算收入 is not 一般公共预算支出
    if _is_subject_row(a) != _is_subject_row(b):
        return False  # "公务接待费（款）支出" is a 科目, not the 三公 table's 公务接待费
    if a.source != b.source:  # a sentence and a row: their names must share a word (三公经费 is no 因公出国费)
        la, lb = norm(norm_label(a)), norm(norm_label(b))
        return common_run(la, lb) >= 2 or all(re.search(r"总|合计", x) for x in (la, lb))
    if a.source == b.source == "table":
        la, lb = norm(norm_label(a)), norm(norm_label(b))  # “三公”经费 and 三公经费合计 are one item
        generic = min(la, lb, key=len) in ("合计", "总计", "小计", "")
        contained = min(len(la), len(lb)) >= 2 and (la in lb or lb in la) and (not generic or a.table_kind == b.table_kind)
        return la == lb or contained or (a.measure == b.measure and a.table_kind == b.table_kind and a.measure not in ("合计", "决算数", "预算数"))
    return True


def _half_unit(text: str) -> Decimal:
    """Half a unit of the last printed digit: the rounding a narrative figure hides."""
    decimals = len(text.split(".")[1]) if "." in text else 0
    return Decimal(5) / (Decimal(10) ** (decimals + 1))


_GENERIC_WORDS = re.compile(r"支出|经费|费用|费|合计|总计|[（(](类|款|项)[)）]")


def exact(cell: Cell, ranked: list[Cell]) -> Cell:
    """A table cell of the same document stating ``cell``'s rounded figure
    exactly (tables in 元 vs narratives or tables in 万元), else ``cell``."""
    if cell.source == "table" and cell.unit == "万元" and cell.value_wan is not None and cell.value:
        slack = _half_unit(format(cell.value, "f"))
        finer = next((c for c in ranked if c.source == "table" and c.doc == cell.doc and c.unit == "元"
                      and c.value_wan is not None and c.value_wan != cell.value_wan and c.score >= MIN_SCORE
                      and abs(c.value_wan - cell.value_wan) <= slack and norm(norm_label(c)) == norm(norm_label(cell))), None)
        return finer or cell  # 公务接待费 0.73 万元 in the 三公 table is 7,315 元 in the 经济分类 table
    if cell.source != "text" or cell.value_wan is None or cell.value == 0:
        return cell  # a stated 0 hides no rounding
    # one unit of the last printed digit: narratives round (204.92) or cut (204.91) a table's 2,049,197 元
    slack = 2 * _half_unit(format(cell.value, "f")) * (cell.value_wan / cell.value if cell.value else 1)
    for c in ranked:
        if c.source == "table" and c.doc == cell.doc and c.value_wan is not None and c.score >= MIN_SCORE - 2 \
                and abs(c.value_wan - cell.value_wan) <= slack and c.value_wan != cell.value_wan \
                and common_run(_GENERIC_WORDS.sub("", norm(norm_label(c))), _GENERIC_WORDS.sub("", norm(cell.label))) >= 2:
            return c  # the same item (印刷费 0.07 is no exact form of 三公经费 0, nor 其他人大事务支出 580.00 of 养老保险缴费 580.01)
    return cell




def _is_class(cell: Cell) -> bool:
    return cell.subject_level == "类" or re.sub(r"^[一二三四五六七八九十]+、", "", cell.label.strip()) in CLASS_NAMES


def _code_parents(cells: list[Cell]) -> set[str]:
    codes = {(c.row or {}).get("subject_code") or "" for c in cells}
    return {a for a in codes if a and any(b != a and b.startswith(a) for b in codes)}


def _extremes(ranked: list[Cell], slots: Slots, excluding: tuple[str, ...] = ()) -> list[Cell]:
    """Rows of the best-matching table for max/min/top-n/list questions:
    类 rows when the question says 类, else the most detailed rows; never the
    rows ``excluding`` names ("除了教育支出，哪一类最多")."""
    by_class = "类" in slots.question
    tabled = [c for c in ranked if c.source == "table" and (
        _is_class(c) if by_class else c.subject_level or (c.row or {}).get("subject_code"))]  # coded rows whose level
    # was not read (a code cut short by OCR: 3022) are rows too
    for word in ("人员经费", "公用经费", "资本性支出"):
        if word in slots.question:
            tabled = [c for c in tabled if word in ((c.row or {}).get("side") or "")] or tabled
    for asked, other in (("项目支出", "基本支出"), ("基本支出", "项目支出")):
        if asked in (slots.item or "") and other not in (slots.item or ""):
            # "项目支出，按项级科目看": never the 基本支出 table's rows; the 项目支出 column where a table has one
            tabled = [c for c in tabled if not (other in c.table and asked not in c.table)]
            tabled = [c for c in tabled if asked in (c.measure or "") + ((c.row or {}).get("column_label") or "")] or tabled
    if not tabled:
        return []
    best = tabled[0]
    side = (best.row or {}).get("side") or ""
    peers = [c for c in tabled if c.doc == best.doc and c.table == best.table and c.measure == best.measure
             and c.basis == best.basis and ((c.row or {}).get("side") or "") == side]
    item = re.sub(r"[“”\"（）()\s]|(类|款|项)$", "", slots.item or "")
    if len(item) >= 2 and _same_name(re.sub(r"[“”\"（）()\s]|^[一二三四五六七八九十]+、|(类|款|项)$", "", best.label), item):
        # the item is the best row itself ("委托业务费拆开看哪一笔最大"): its parts, not its siblings, are ranked
        code = (best.row or {}).get("subject_code") or ""
        peers = [c for c in peers if code and ((c.row or {}).get("subject_code") or "").startswith(code)
                 and (c.row or {}).get("subject_code") != code]
        if not peers:
            return []
    if by_class:
        peers = [c for c in peers if _is_class(c)] or peers
    else:
        parents = _code_parents(peers)
        peers = [c for c in peers if (c.row or {}).get("subject_code") not in parents]
    left_out = [norm(re.sub(r"[（(](类|款|项)[)）]", "", x)) for x in excluding]
    peers = [c for c in peers if not any(x and x in norm(c.label) for x in left_out)]
    if slots.operation == "list":
        return sorted(peers, key=lambda c: c.id)
    peers.sort(key=_money, reverse=slots.operation == "max")
    n = 3 if re.search(r"前三|三项|三个|3项|三类", slots.question) else 1
    return peers[:n]


def _same_name(label: str, item: str) -> bool:
    """The row is the item: the same name, or it with a short qualifier in
    front (本年支出合计 for 支出合计), not a path ending in it (项目/…/委托业务费)."""
    return bool(item) and "/" not in label and (label == item or (label.endswith(item) and len(label) - len(item) <= 2))


def _blank_answers(blank: Cell, ranked: list[Cell], slots) -> bool:
    """A blank cell answers when it outranks every figure, its row label names
    the item, and no cell with a figure names the item or carries the same
    label (the item's figure is then in another column or table)."""
    top = ranked[0] if ranked else None
    if blank.score < MIN_SCORE or (top is not None and blank.score <= top.score) or not covers(blank, slots):
        return False
    if top is not None and top.score >= MIN_SCORE and top.value and covers(top, slots):
        return False  # a sentence or another table states the item's figure: the blank is another column
    label = norm_label(blank)
    return not any(norm_label(c) == label for c in ranked[:30] if c.source == "table")


def _blank(cell: Cell, ranked: list[Cell], slots) -> Answer:
    """The row asked for is there and its cell is blank or “—”: say so; a
    narrative sentence stating 0 for the same item is the figure."""
    dash = "dash" in ((cell.row or {}).get("flags") or "")
    shown = "“—”" if dash else "空白（未填数字）"
    text = f"{_scope_name(cell)}{cell.table}中“{_what(cell)}”一栏为{shown}"
    zero = next((c for c in ranked if c.source == "text" and c.value == 0 and c.score >= MIN_SCORE), None)
    if zero is not None:
        answer = _make(f"{text}；文字说明：{zero.label.strip()}0{zero.unit}。", Decimal(0), slots.unit or zero.unit,
                       [cell, zero], [])
        return answer
    answer = _make(f"{text}，文件未列出该项数字。", None, None, [cell], [])
    answer.answerable = False
    return answer


def decline(slots: Slots, what: str, nearest: Cell | None) -> Answer:
    """"文档未披露…" with the nearest disclosed figure cited; a question for the rest of a
    total ("不是财政拨款安排的") is told that the document lists the parts, not the rest."""
    rest = re.search(r"[^，,。？?]*(?:" + COMPLEMENT.pattern + r")[^，,。？?]*", slots.subject)
    phrase = re.sub(r"有?多少(万元|亿元|元)?|是多少|有几|几", "", rest.group(0)).strip() if rest else ""
    text = (f"文件没有单列“{phrase}”的数字：这是总数减去所列部分，文件没有直接给出。" if rest
            else f"文档未披露{what}。")
    citations = []
    if nearest is not None:
        value = f"{_fmt(nearest.value)}{nearest.unit}"
        text += f"最接近的已披露数字：{_scope_name(nearest)}{nearest.label.strip()} {value}。"
        citations = [_citation(nearest)]
    return Answer(answer=text, answerable=False, route="sql", citations=citations)


def _make(text: str, value, unit, cells: list[Cell], ranked: list[Cell]) -> Answer:
    for cell in list(cells):
        other = _agreeing(cell, ranked)
        if other is not None and other not in cells:
            cells.append(other)
    marks = "".join(f"[{i}]" for i in range(1, len(cells) + 1))
    warn = ""
    if any("check-failed" in ((c.row or {}).get("flags") or "") for c in cells):
        warn = "（注意：该数字所在表格未通过一致性校验）"
    return Answer(
        answer=f"{text.rstrip('。')}。{warn}{marks}",
        answerable=True,
        value=float(value) if value is not None else None,
        unit=unit if value is not None else None,
        route="sql",
        sql=cell_query(cells),
        citations=[_citation(c) for c in cells],
    )
