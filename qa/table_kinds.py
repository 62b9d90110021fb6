"""Vocabulary of the standard disclosure tables.

Table kinds (:func:`classify`), table codes and titles (:func:`find_title`),
units (:func:`find_unit`), subject codes (:func:`parse_code`) and canonical
column measures (:func:`canonical_measure`, :func:`three_public_item`).
"""

from __future__ import annotations

import re

__all__ = [
    "KINDS", "classify", "find_code", "find_title", "find_unit", "parse_code",
    "canonical_measure", "three_public_item", "column_basis", "squash",
]

KINDS = (
    "income_expenditure_summary", "income", "expenditure", "fiscal_summary",
    "general_budget_expenditure", "basic_expenditure_detail", "gov_fund", "state_capital",
    "three_public", "project_expenditure", "performance_targets", "performance_self_eval",
    "operating_costs", "procurement", "other",
)

_SPACE = re.compile(r"\s+")


def squash(text: str | None) -> str:
    """Remove layout whitespace (kept only between two ASCII letters/digits).

    >>> squash("公 务 用 车 运 行 维 护\\n费"), squash("2024 年度 A B")
    ('公务用车运行维护费', '2024年度A B')
    """
    if not text:
        return ""
    return re.sub(r"(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])", "", text.strip())


def classify(title: str) -> str:
    """The kind of a table from its title.

    >>> classify("2024年度财政拨款收入支出决算总表"), classify("收支预算总表")
    ('fiscal_summary', 'income_expenditure_summary')
    >>> classify("一般公共预算财政拨款基本支出决算明细表"), classify("政府性基金预算财政拨款收入支出决算表")
    ('basic_expenditure_detail', 'gov_fund')
    >>> classify("财政拨款“三公”经费支出决算表"), classify("支出决算表"), classify("收入总表")
    ('three_public', 'expenditure', 'income')
    >>> classify("项目支出绩效目标表"), classify("一般公共预算支出表(分功能科目)"), classify("目录")
    ('performance_targets', 'general_budget_expenditure', 'other')
    """
    t = squash(title)
    if not t:
        return "other"
    rules = (
        ("performance_self_eval", ("自评",)),
        ("performance_targets", ("绩效目标",)),
        ("three_public", ("三公",)),
        ("gov_fund", ("政府性基金",)),
        ("state_capital", ("国有资本经营",)),
        ("basic_expenditure_detail", ("基本支出",)),
        ("operating_costs", ("机关运行经费",)),
        ("procurement", ("政府采购",)),
    )
    for kind, words in rules:
        if any(w in t for w in words):
            return kind
    summary = ("收支" in t or "收入支出" in t) and "总表" in t
    if summary:
        return "fiscal_summary" if "财政拨款" in t else "income_expenditure_summary"
    if "支出" in t and ("一般公共预算" in t or "财政拨款" in t):
        return "general_budget_expenditure"
    if "项目支出" in t:
        return "project_expenditure"
    if "收入" in t and "表" in t:
        return "income"
    if "支出" in t and "表" in t:
        return "expenditure"
    return "other"


_CODE = re.compile(r"公开\s*(?:0?\d{1,2}|[一二三四五六七八九十]+)\s*表|公开表\s*[一二三四五六七八九十\d]+|^表\s*\d+(?:\s*-\s*\d+)?")
_TITLE = re.compile(r"表\s*(?:[（(][^）)]{1,12}[）)])?$")


def find_code(line: str) -> str:
    """A table code in a line ("公开01表", "表5-1", "公开表一"), squashed; "" if none.

    >>> find_code("公开 02 表"), find_code("表 5-1"), find_code("公开09表 “三公”经费"), find_code("表格")
    ('公开02表', '表5-1', '公开09表', '')
    """
    m = _CODE.search(line.strip())
    return squash(m.group(0)) if m else ""


def _is_title(line: str) -> bool:
    s = squash(line)
    if not s or len(s) > 48 or s.startswith(("注", "备注", "第", "-", "说明")):
        return False
    return bool(_TITLE.search(s)) and squash(_CODE.sub("", s)) not in ("", "表")


_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、])")


def find_title(lines: list[str]) -> tuple[str, str]:
    """(code, title) from the lines above a table (the last title wins).

    >>> find_title(["注：上表", "2024年度收入决算表", "公开02表", "单位：万元"])
    ('公开02表', '2024年度收入决算表')
    >>> find_title(["公开03表\\n支出预算总表\\n部门：X 单位：万元"])
    ('公开03表', '支出预算总表')
    >>> find_title(["“三公”经费支出预", "算表"])[1]
    '“三公”经费支出预算表'
    >>> find_title(["三、2017年度江苏省高级人民法院部门支出预算总表"])
    ('', '2017年度江苏省高级人民法院部门支出预算总表')
    """
    code = title = previous = ""
    for chunk in lines:
        for line in chunk.split("\n"):
            c = find_code(line)
            rest = _CODE.sub("", line)
            if c:
                code = c
            if _is_title(rest):
                if len(squash(rest)) <= 3:  # a title wrapped onto a second line
                    rest = previous + rest
                title = _NUMBERING.sub("", squash(rest).lstrip("#")).lstrip(":：、.·")
            previous = rest
    return code, title


_UNIT = re.compile(r"单位[:：]\s*(万\s*元|元|万)")


def find_unit(text: str) -> str:
    """The table unit named in ``text`` ("万元" or "元"); "" when none.

    >>> find_unit("部门：江苏省政协办公厅 单位：万元"), find_unit("单位:元"), find_unit("单位：万\\n部门名称：X 元")
    ('万元', '元', '万元')
    >>> find_unit("单位：武汉市中小企业发展促进中心")
    ''
    """
    m = _UNIT.search(text or "")
    if not m:
        return ""
    return "元" if m.group(1) == "元" else "万元"


_OCR_DIGITS = str.maketrans("OoIlSB", "001158")


def parse_code(cells: list[str]) -> tuple[str, str, tuple[str, ...]]:
    """(code, level, flags) from the code cells of a row (split 类|款|项 or glued).

    >>> parse_code(["201", "06", "01"]), parse_code(["2080505"]), parse_code(["303", "05"])
    (('2010601', '项', ()), ('2080505', '项', ()), ('30305', '款', ()))
    >>> parse_code(["2O805"]), parse_code(["20805 05"]), parse_code(["合计"]), parse_code(["2080"])
    (('20805', '款', ('code-ocr',)), ('2080505', '项', ()), ('', '', ()), ('2080', '', ('code-suspect',)))
    """
    parts = [_SPACE.sub("", c) for c in cells if c and _SPACE.sub("", c)]
    if not parts:
        return "", "", ()
    raw = "".join(parts)
    fixed = raw.translate(_OCR_DIGITS)
    if not fixed.isdigit() or not any(ch.isdigit() for ch in raw):
        return "", "", ()
    flags = ("code-ocr",) if fixed != raw else ()
    level = {3: "类", 5: "款", 7: "项"}.get(len(fixed), "")
    if not level:
        flags += ("code-suspect",)
    return fixed, level, flags


_MEASURES = (
    ("年初结转", "年初结转和结余"), ("年末结转", "年末结转和结余"), ("上年结转", "上年结转"),
    ("本年收入合计", "本年收入合计"), ("本年支出合计", "本年支出合计"),
    ("财政拨款收入", "财政拨款收入"), ("上级补助", "上级补助收入"), ("事业收入", "事业收入"),
    ("经营收入", "经营收入"), ("附属单位上缴", "附属单位上缴收入"), ("其他收入", "其他收入"),
    ("上缴上级", "上缴上级支出"), ("经营支出", "经营支出"), ("对附属单位补助", "对附属单位补助支出"),
    ("人员经费", "人员经费"), ("公用经费", "公用经费"), ("基本支出", "基本支出"),
    ("项目支出", "项目支出"), ("机动经费", "单位预留机动经费"), ("结转下年", "结转下年资金"),
    ("一般公共预算", "一般公共预算财政拨款"), ("政府性基金", "政府性基金预算财政拨款"),
    ("国有资本经营", "国有资本经营预算财政拨款"), ("年初预算", "年初预算"),
    ("全年预算", "全年预算"), ("调整预算", "全年预算"), ("决算数", "决算数"), ("预算数", "预算数"),
    ("上年", "上年数"), ("本年收入", "本年收入"), ("本年支出", "本年支出"), ("财政拨款", "财政拨款"),
)
_TOTALS = ("合计", "小计", "总计")


def _measure_of(part: str) -> str:
    for word, measure in _MEASURES:
        if word in part:
            return measure
    return ""


def canonical_measure(path: list[str], stage: str = "") -> str:
    """The canonical measure of a column from its header path (top to bottom).

    >>> canonical_measure(["本年支出", "小计"]), canonical_measure(["基本支出", "人员经费"])
    ('合计', '人员经费')
    >>> canonical_measure(["基本支出", "小计"]), canonical_measure(["本年收入"])
    ('基本支出', '本年收入')
    >>> canonical_measure(["项目", "金额"], "预算"), canonical_measure(["合计"]), canonical_measure(["收入", "决算数"])
    ('预算数', '合计', '决算数')
    >>> canonical_measure(["单位预留机动经", "费"])
    '单位预留机动经费'
    """
    parts = [squash(p) for p in path if squash(p) and squash(p) not in ("类", "款", "项")]
    for part in reversed(parts):
        if part in _TOTALS:
            continue
        found = _measure_of(part)
        if found in ("本年支出", "本年收入") and parts[-1] in _TOTALS:
            return "合计"  # 本年支出 | 合计 is the table's total column
        if found:
            return found
    joined = _measure_of("".join(parts[-2:]))  # a header word split over two rows ("单位预留机动经" / "费")
    if joined:
        return joined
    if any(p in _TOTALS or p.endswith(_TOTALS) for p in parts):
        return "合计"
    if stage in ("预算", "决算"):
        return stage + "数"
    return parts[-1] if parts else ""


def column_basis(path: list[str]) -> str:
    """预算数 / 决算数 / 年初预算 / 全年预算 when the column header says so.

    >>> column_basis(["合计", "预算数"]), column_basis(["公务接待费", "决算数"]), column_basis(["合计"])
    ('预算数', '决算数', '')
    >>> column_basis(["决算数", "一般公共预算财政拨款"])
    '决算数'

    """
    for part in reversed([squash(p) for p in path]):
        for word in ("年初预算", "全年预算", "调整预算", "决算数", "预算数"):
            if word in part:
                return "全年预算" if word == "调整预算" else word
        if part in ("决算", "预算"):
            return part + "数"
    return ""


def _paren(text: str) -> str:
    return text.replace("（", "(").replace("）", ")").replace("“", "").replace("”", "").replace('"', "")


def three_public_item(path: list[str]) -> str:
    """The 三公 item a column holds, from its header path.

    >>> three_public_item(["财政拨款“三公”经费", "合计", "预算数"])
    '三公经费合计'
    >>> three_public_item(["合计"]), three_public_item(["“三公”经费", "小计"])
    ('合计', '三公经费合计')
    >>> three_public_item(["公务用车购置及运行费", "小计", "决算数"]), three_public_item(["公务用车运行费"])
    ('公务用车购置及运行维护费', '公务用车运行维护费')
    >>> three_public_item(["“三公”经费", "因公出国（境）费"])
    '因公出国(境)费'
    """
    parts = [_paren(squash(p)) for p in path if squash(p)]
    parts = [p for p in parts if p not in ("预算数", "决算数", "预算", "决算")]
    in_three = any("三公" in p for p in parts)
    for part in reversed(parts):
        if part in _TOTALS:
            continue
        if "三公" in part:
            return "三公经费合计"
        if "运行" in part and "购置" in part:
            return "公务用车购置及运行维护费"
        if "运行" in part:
            return "公务用车运行维护费"
        if "购置" in part:
            return "公务用车购置费"
        return part
    return "三公经费合计" if in_three else "合计"
