"""The standard names of budget items that people shorten: the 功能分类 class names
(财政部《政府收支分类科目》) with their common short forms (:func:`full_class_name`), and the
head nouns of figures (收入, 支出, 余额, 限额 …) that a bare word borrows its modifier for
(:func:`complete_pair`). Data and pure functions; :mod:`qa.understand.phrases` uses them.
"""

from __future__ import annotations

import re

__all__ = ["CLASS_NAMES", "CLASS_SHORT", "HEADS", "full_class_name", "complete_pair"]

# The 功能分类 类 names (财政部《政府收支分类科目》, with their earlier names)
CLASS_NAMES = (
    "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出",
    "文化体育与传媒支出", "社会保障和就业支出", "卫生健康支出", "医疗卫生与计划生育支出", "节能环保支出", "城乡社区支出",
    "农林水支出", "交通运输支出", "资源勘探工业信息等支出", "资源勘探信息等支出", "商业服务业等支出", "金融支出",
    "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出", "粮油物资储备支出", "国有资本经营预算支出",
    "灾害防治及应急管理支出", "其他支出", "债务还本支出", "债务付息支出",
)


# Short forms of 功能分类 类 names people type → the standard name (财政部《政府收支分类科目》)
CLASS_SHORT = (("社保和就业", "社会保障和就业"), ("社保就业", "社会保障和就业"), ("文化旅游体育传媒", "文化旅游体育与传媒"),
               ("文旅体育传媒", "文化旅游体育与传媒"), ("文旅体育与传媒", "文化旅游体育与传媒"), ("卫健", "卫生健康"),
               ("灾害防治应急管理", "灾害防治及应急管理"), ("农林水利", "农林水"), ("科技支出", "科学技术支出"))


def full_class_name(item: str) -> str:
    """``item`` with a short form of a 功能分类 class name written out.

    >>> full_class_name("社保就业"), full_class_name("文旅体育传媒支出"), full_class_name("社会保障和就业支出")
    ('社会保障和就业', '文化旅游体育与传媒支出', '社会保障和就业支出')
    """
    for short, full in CLASS_SHORT:
        if short in item and full not in item:
            return item.replace(short, full, 1)
    return "三公经费" if item == "三公" else item  # "占三公的多少": the 三公 said alone is the 三公经费


# Head nouns of budget figures: one said alone beside a full name borrows that name's modifier
HEADS = ("收入", "支出", "余额", "限额", "结余", "结转", "本金", "利息", "总计", "合计")


def complete_pair(a: str, b: str) -> tuple[str, str]:
    """Two items where one is a bare head noun (限额, 支出) beside a full name:
    the bare one borrows the full name's modifier ("债务余额离限额还差多少" is
    the 债务限额; "一般公共预算收入比支出多多少" the 一般公共预算支出).

    >>> complete_pair("限额", "地方政府债务余额"), complete_pair("一般公共预算收入", "支出")
    (('地方政府债务限额', '地方政府债务余额'), ('一般公共预算收入', '一般公共预算支出'))
    >>> complete_pair("省里核定的限额", "政府债务余额")
    ('政府债务限额', '政府债务余额')
    >>> complete_pair("彩票公益金安排的支出", "科学技术支出")
    ('彩票公益金安排的支出', '科学技术支出')
    >>> complete_pair("卫生健康", "社会保障和就业支出")
    ('卫生健康支出', '社会保障和就业支出')
    >>> complete_pair("教育支出", "科技")
    ('教育支出', '科技')
    """
    def fill(bare: str, full: str) -> str:
        head = next((h for h in HEADS if full.endswith(h)), "")
        # "省里核定的限额": the 限额 (an approval said before the head names no other figure)
        limit = re.sub(r"^[^的]{0,6}(核定|批准|下达|审定|确定)的(?=(" + "|".join(HEADS) + ")$)", "", bare)
        bare = limit if limit in HEADS and limit != head else bare
        if head == "支出" and bare + head in CLASS_NAMES:
            return bare + head  # "卫生健康和社保就业支出": both 类 are 支出
        return full[: -len(head)] + bare if bare in HEADS and head and len(full) > len(head) + 1 and bare != head else bare
    return fill(a, b), fill(b, a)
