"""Question understanding: normalise once, parse once into a typed plan.

>>> from qa.understand import parse
>>> parse("中小企业中心二〇二六年住房公积金是多少？", [("武汉市中小企业发展促进中心", 2026, "预算")]).operands[0].years
(2026,)
"""

from .normalize import normalize
from .context import edit, parse
from .parse import item_of, read
from .plan import OPERATIONS, Plan, Selection

__all__ = ["normalize", "parse", "read", "edit", "item_of", "Plan", "Selection", "OPERATIONS"]
