"""The X of "X中的Y" / "X里，Y" / "用X安排的Y": what the candidate cells say of
the whole a question puts its item in (:class:`Container`), and the points a
cell gets for being inside it or outside it (:func:`container_points`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cells import Cell, common_run, norm, tails
from .slots import CONTAINER_MARK

__all__ = ["Container", "container_of", "container_points"]


@dataclass(frozen=True)
class Container:
    """The X of "X中的Y" / "X里，Y" as the candidate cells know it.

    ``code``/``core``: X's 科目 code and name core (:func:`container_of`, the
    core narrowed to the longest 的-tail that is a row here); ``is_row``: X is
    a table row here; ``codes``: X's 科目 codes here (a row under X is X's
    part); ``in_text``: some sentence here names X; ``nowhere``: X is a named
    project that nothing here names.
    """

    code: str = ""
    core: str = ""
    is_row: bool = False
    codes: tuple[str, ...] = ()
    in_text: bool = False
    nowhere: bool = False

    @classmethod
    def of(cls, subject: str, cells: list[Cell]) -> "Container":
        code, core = container_of(subject)
        if not code and re.fullmatch(r"(本年|全年|当年|年度|各项|全部)?(支出|收入)?(合计|总计|总额)?", core):
            core = ""  # "本年支出中的项目支出": the whole is the total, whose part is the 项目支出 column of any table
        if not code and not core:
            coded = _coded_parent(subject, cells)
            if coded:  # "用超长期特别国债安排的高等教育支出": the 高等教育 row under the coded row named before 的
                return cls("", coded[0], True, coded[1])
        labels = [norm(c.label) for c in cells if c.source == "table"]
        core = next((t for t in tails(core) if len(t) >= 2 and any(t in label for label in labels)), core)
        rows = [c for c in cells if c.source == "table" and (
            (code and (c.row or {}).get("subject_code") == code) or (len(core) >= 2 and core in norm(c.label)))]
        # a named project that no cell, table, section or sentence in scope names: nothing here is its part
        # ("基本科研业务费专项的绩效目标": the project is named before 的)
        names = [n for n in dict.fromkeys([core, *core.split("的")]) if len(n) >= 4 and re.search(r"(项目|专项|工程|计划)(经费|资金)?(\s*[（(][^）)]*[)）])?[”\"]?$", n)]
        nowhere = len(core) >= 4 and not code and bool(names) and not any(
            name in norm(c.label + ((c.row or {}).get("column_label") or "") + c.table + c.section + c.cite)
            for c in cells for name in names)
        return cls(code, core, bool(code or core) and bool(rows),
                   tuple({str((c.row or {}).get("subject_code")) for c in rows if (c.row or {}).get("subject_code")}),
                   len(core) >= 2 and any(core in norm(c.cite) for c in cells if c.source == "text"), nowhere)


_OF_PARENT = re.compile(r"^(?:用|由|从)?([\u4e00-\u9fff]{2,}?)(?:安排|列支|资金)?的([\u4e00-\u9fff]{2,})")


def _coded_parent(subject: str, cells: list[Cell]) -> tuple[str, tuple[str, ...]] | None:
    """(X, X's 科目 codes) when "X的Y" names a coded row X (a 功能分类 类/款)
    that has a row named Y under it; else None. A fund (财政拨款的Y) is no row."""
    last = re.split(r"[，,。；;：:]|里面?的?|中的", subject)
    clause = next((c for c in reversed(last) if "的" in c), "")  # "决算里，超长期特别国债安排的教育支出…"
    m = _OF_PARENT.match(norm(re.sub(r"[（(]\d+[)）]|是多少|多少|决算数?|预算数?", "", clause)))
    if not m:
        return None
    parent, child = m.group(1), re.split(r"支出|收入|有|是|为|多少|几|亿元|万元|元|[？?]", m.group(2))[0]
    coded = [c for c in cells if c.source == "table" and (c.row or {}).get("subject_code")]
    codes = {str(c.row["subject_code"]) for c in coded if parent in norm(c.label)}
    under = any(len(child) >= 2 and child in norm(c.label) and any(str(c.row["subject_code"]).startswith(k)
                and len(str(c.row["subject_code"])) > len(k) for k in codes) for c in coded)
    return (parent, tuple(sorted(codes))) if codes and under else None


def container_points(cell: Cell, container: Container, label: str) -> float:
    """"X中的Y" / "X里，Y": the part Y of the row X. A cell on row X (by name
    or 科目 code) beats one whose table, column or section is X's; a cell
    outside X (the same column of another row or of the total) cannot answer.

    >>> c = lambda label, code="": Cell("table", 1, "d", "o", 2021, "预算", 1, label, "", "", None, "万元", None, "",
    ...                                row={"subject_code": code})
    >>> x = Container("2050205", "高等教育", is_row=True)
    >>> container_points(c("高等教育", "2050205"), x, "高等教育"), container_points(c("合计"), x, "合计")
    (3.0, -inf)
    """
    code, core = container.code, container.core
    if not code and len(core) < 2:
        return 0.0
    if container.nowhere:
        return float("-inf")  # "X项目里的上年结转" with X unknown here: the unit's 上年结转 is not X's
    row = cell.row or {}
    own = str(row.get("subject_code") or "")
    if (code and own == code) or (len(core) >= 2 and core in label) or \
            any(own.startswith(c) and len(own) > len(c) for c in container.codes):
        return 3.0  # the row itself, or a 科目 under it (事业运行 2011350 under 商贸事务 20113)
    # X names the cell's column, table or section; where X is a row here, all of X but a character
    # (一般公共 in 一般公共预算支出 is no 一般公共服务支出)
    need = max(min(4, len(core)), len(core) - 1) if container.is_row else min(4, len(core))
    if len(core) >= 2 and common_run(core, norm((row.get("column_label") or "") + cell.table + cell.section)) >= need:
        return 1.0
    if cell.source == "text" and len(core) >= 2 and core in norm(cell.cite):
        return 1.0  # the sentence is about X ("到期利息96.6亿元，其中一般债券44.2亿元")
    if cell.source == "text" and container.in_text:
        return float("-inf")  # sentences name X elsewhere: this one, about something else, cannot answer
    # another row's part (基本支出 in total is not 一般公共服务支出's 基本支出) — when X is a row here at all
    return float("-inf") if container.is_row else 0.0


def container_of(subject: str) -> tuple[str, str]:
    """(科目 code, name core) of the X in "X中的Y" / "X里，Y", or ("", "").

    >>> container_of("高等教育(2050205)的支出中的项目支出"), container_of("2026年单位预算的基本支出里，退休费")
    (('2050205', '高等教育'), ('', '基本'))
    """
    parts = CONTAINER_MARK.split(norm(subject))
    if len(parts) < 2 or not parts[-2]:
        return "", ""
    container = re.sub(r"^.*?(预算|决算)的|20\d\d年度?|^截至.*?底|(本?部门|本?单位)(预算|决算)?$", "", parts[-2])
    code = re.search(r"\d{3,7}", container)
    core = re.sub(r"[(]?\d{3,7}[)]?|(的|支出|收入|预算|决算|项目|明细|表|情况|科目|(类|款|项)级?)*$", "", re.sub(r"(?<=支出)(预算|决算)", "", container))
    return (code.group(0) if code else ""), core
