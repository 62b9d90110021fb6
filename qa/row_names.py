"""Which row a name is: rules that tell two rows of one table apart when their labels share
words. Used by :mod:`qa.naming`.

- a 科目 named with its level (检察（款）) is that row's, never a total that shares a word;
- two names that agree at both ends and differ in the middle are two rows of one frame
  (…职业年金缴费 / …基本养老保险缴费);
- an item that is a column of a 科目 table is read in the total row, or the row the question names
  ("X中的Y": X's row);
- the issuing body's own name in a label (省人大常委会) matches no item word (常委会会议).
"""

from __future__ import annotations

import re
from os.path import commonprefix

from .cells import Cell, norm

__all__ = ["excluded", "part_stated_after", "set_named", "marked_name", "other_filler", "other_marked_row", "other_row_named", "other_row_of_column", "without_body"]


def marked_name(item: str) -> str:
    """The last 科目 the item names with its level (检察（款）, 行政运行（项）), without 支出: "" if none.

    >>> marked_name("检察(款)财政拨款预算"), marked_name("检察（款）中的行政运行（项）"), marked_name("社会保障和就业支出（类）")
    ('检察', '行政运行', '社会保障和就业')
    """
    names = re.findall(r"([\u4e00-\u9fff]{2,})[（(](?:类|款|项)[)）]", item)
    return re.sub(r"^(中的|里的|里|中|其中|的)|支出$", "", re.split(r"中的|里的|的|里", names[-1])[-1]) if names else ""


def other_marked_row(item: str, label: str) -> bool:
    """The item names a 科目 with its level and the label is not that 科目's row (a body's name
    that holds the word — 省检察院 for 检察（款） — is no such row).

    >>> other_marked_row("检察(款)财政拨款预算", "一、财政拨款"), other_marked_row("检察(款)财政拨款预算", "省检察院2017年财政拨款")
    (True, True)
    >>> other_marked_row("检察(款)财政拨款预算", "20404 检察"), other_marked_row("行政运行", "一、财政拨款")
    (False, False)
    """
    marked = marked_name(item)
    return len(marked) >= 2 and not re.search(re.escape(norm(marked)) + r"(?!院|局|厅|署|委员会|办公)", norm(label))


def other_filler(asked: str, own: str) -> bool:
    """Two names that agree at both ends and differ in the middle name two things of one
    kind: the rows of one 款 (…职业年金缴费 / …基本养老保险缴费), of one category (行政单位医疗 /
    事业单位医疗, 公务用车运行维护费 / 公务用车购置费); a name inside the other is no such pair.

    >>> other_filler("机关事业单位职业年金缴费", "机关事业单位基本养老保险缴费"), other_filler("一般公共预算财政拨款", "一般公共预算")
    (True, False)
    >>> other_filler("公务用车运行维护费", "公务用车购置费"), other_filler("行政单位医疗", "事业单位医疗")
    (True, True)
    >>> other_filler("三公经费中公务接待费", "公务接待费"), other_filler("事业收入", "事业单位经营收入")
    (False, False)
    >>> other_filler("三公经费(不含会议费培训费)", "三公经费合计")
    False
    """
    # "(不含会议费)", "三公经费合计", "一、财政拨款收入": brackets, totals and ordinals are no part of a name
    asked, own = (re.sub(r"[(（][^)）]*[)）]|合计|总计|小计|^[一二三四五六七八九十]+[、.．]|^\d+[、.．]", "", x) for x in (asked, own))
    if not asked or not own or asked == own:
        return False
    p = len(commonprefix([asked, own]))
    s = len(commonprefix([asked[p:][::-1], own[p:][::-1]]))
    a, b = asked[p:len(asked) - s], own[p:len(own) - s]
    return p + s >= 3 and len(a) >= 2 and len(b) >= 2 and a not in b and b not in a


def other_row_of_column(cell: Cell, core: str, question: str) -> bool:
    """The item is a column of the cell's table (其中：基本建设资金支出) and the cell's row is
    neither a total nor named by the question: another row's figure in that column.

    >>> c = Cell("table", 1, "d", "o", 2024, "决算", 1, "教育支出", "", "", None, "万元", None, "",
    ...          row={"column_label": "本年支出/项目支出/其中：基本建设资金支出", "subject_code": "205"})
    >>> other_row_of_column(c, "基本建设资金", "财政拨款支出里的基本建设资金是多少"), other_row_of_column(c, "基本建设资金", "教育支出的基本建设资金")
    (True, False)
    """
    if cell.source != "table" or len(core) < 2 or not (cell.row or {}).get("subject_code"):
        return False  # only a coded 科目 row is another row (a 三公 table's rows are its years and stages)
    column = norm((cell.row or {}).get("column_label") or "")
    row = re.sub(r"^[一二三四五六七八九十\d]+[、.．]|^其中[:：]?|\s", "", norm(cell.label))
    if core not in column or core in row or re.search(r"合计|总计|小计", row):
        return False
    return len(row) >= 2 and re.sub(r"支出$", "", row) not in norm(question)


def other_row_named(cell: Cell, row: str, column: str) -> bool:
    """"X中的Y" with Y a column of the cell's table: the cell is another row than X (neither its
    label nor its column header holds X).

    >>> c = Cell("table", 1, "d", "o", 2023, "决算", 1, "教育支出", "", "", None, "万元", None, "",
    ...          row={"column_label": "基本支出"})
    >>> other_row_named(c, "高等教育支出", "基本支出"), other_row_named(c, "教育支出", "基本支出")
    (True, False)
    """
    header = norm((cell.row or {}).get("column_label") or "")
    own, row = norm(cell.label), re.sub(r"支出$", "", row)
    return cell.source == "table" and column in header and column not in own and len(row) >= 2 \
        and row not in own and row not in header


def without_body(label: str, body: str) -> str:
    """The label without the words of the body that issues it ("省人大常委会2018年度财政拨款收支总预算":
    常委会 is the body's, never the item's "常委会会议"); a run of the body's words that is no
    body's name (社会工作 in 其他社会工作事务支出) stays.

    >>> without_body("省人大常委会年度财政拨款收支总预算", "江苏省人大常委会办公厅")
    '|年度财政拨款收支总预算'
    >>> without_body("其他社会工作事务支出", "中共上海市普陀区委社会工作部")
    '其他社会工作事务支出'
    """
    for size in range(len(body), 2, -1):
        for i in range(len(body) - size + 1):
            run = body[i:i + size]
            if run in label and run[-1] in "院局厅部委会办处室校心所站馆":  # a body's name ends in its kind (…常委会, …工作部)
                label = label.replace(run, "|")
    return label


# words that say which rows or how they are ordered, not which set: 哪些, 各, 项级科目, 最多 …
_ROW_WORDS = re.compile(r"哪[些几个一项类款家]*|各(个|项|类|款)?|分别|都|有|设了?|列出|(项|款|类)级|科目|项目|支出|收入|经费|"
                        r"功能分类|经济分类|分类|明细|情况|构成|组成|排名?|排序|最[多少高低大小]|的|里面?|中|下|是|为|了|按|看|"
                        r"从[高低大小]到[高低大小]|前[一二三四五六七八九十\d]|[类款项]|哪")
_UNITS_ASKED = re.compile(r"哪(几|些)家|哪(些|几个)[\u4e00-\u9fff]{0,4}?(单位|部门|机构)")


def set_named(item: str, rows: list[Cell], question: str, by: str = "") -> bool:
    """Do ``rows`` (the best-matching table's rows) belong to the set the question names? What is
    left of the item after the words for rows and order ("哪些…项级科目…最多") must share two
    characters with their table's title, columns or labels; organisations asked ("哪几家单位")
    are never a table's 科目.

    >>> row = Cell("table", 1, "d", "o", 2026, "预算", 1, "行政运行", "", "", None, "万元", None, "", table="支出预算总表")
    >>> q = "哪些"
    >>> set_named("设了哪些内设机构", [row], q), set_named("哪个项级科目支出最多", [row], "哪个项级科目支出最多"), set_named("支出预算总表里各项", [row], q)
    (False, True, True)
    """
    if _UNITS_ASKED.search(question) and by != "organisations":
        return False
    rest = _ROW_WORDS.sub("", norm(re.sub(r"[“”\"（）()]", "", item)))
    if len(rest) < 2 or re.search(r"(项|款|类)级|科目", question):  # the rows asked are 科目: a table's rows are
        return True
    text = norm("".join({c.table or "" for c in rows} | {((c.row or {}).get("column_label") or "") for c in rows}
                        | {c.label for c in rows}))
    return any(rest[i:i + 2] in text for i in range(len(rest) - 1))


_EXCLUDING = re.compile(r"(?:不含|不包含|不包括|扣除|除去|除了?)\s*[“\"]?([\u4e00-\u9fff]{2,10}?)[”\"]?(?=[)）]|以外|之外|外|[，,。？?]|$)")


def part_stated_after(cell: Cell, item: str) -> bool:
    """A sentence's figure whose own clause names a part of the whole its subject names, when the
    item asked is that whole ("我校 财政拨款支出预算 教育支出": 教育支出 is the part).

    >>> c = Cell("text", 1, "d", "o", 2021, "预算", 1, "我校 财政拨款支出预算 教育支出", "", "", None, "万元", None, "")
    >>> part_stated_after(c, "财政拨款支出"), part_stated_after(c, "教育支出"), part_stated_after(c, "财政拨款支出中的教育支出")
    (True, False, False)
    >>> part_stated_after(Cell("text", 1, "d", "o", 2024, "决算", 1, "三公经费财政拨款支出 支出决算", "", "", None, "万元", None, ""), "三公经费")
    False
    """
    parts = cell.label.split() if cell.source == "text" else []
    asked = norm(re.sub(r"[“”\"]", "", item))
    if len(parts) < 2 or len(asked) < 4 or "中的" in asked:
        return False
    own, before = re.sub(r"(为|是|达到?)$", "", norm(parts[-1])), norm("".join(parts[:-1]))
    if len(re.sub(r"支出|收入|决算|预算|数|年初|全年|调整|执行|实际|完成|合计|总计|本年|当年|的", "", own)) < 2:
        return False  # "支出决算为", "全年实际支出": the measure of the subject, not a part of it
    return asked in before and asked not in own and own not in asked and bool(
        re.search(r"(?<!决算)(?<!预算)(支出|收入|经费|资金)(预算|决算)?数?$", own)) and not re.search(r"合计|总计|总额|其中", own)


def excluded(label: str, question: str) -> bool:
    """Does the row hold what the question leaves out ("不含运行维护", "除人员经费外")?

    >>> excluded("公务用车购置及运行维护费", "公务用车购置费（不含运行维护）是多少"), excluded("公务用车购置费", "购置费（不含运行维护）")
    (True, False)
    >>> excluded("支出合计（不含运行维护）", "不含运行维护的支出"), excluded("共有车辆 以上设备（不含车辆）", "设备（不含车辆）")
    (False, False)
    """
    own = re.sub(r"[（(](?:不含|不包含|不包括)[^)）]*[)）]", "", label).split()  # a sentence's own clause, after its subject's
    return bool(own) and any(m.group(1) in own[-1] for m in _EXCLUDING.finditer(question))
