"""The classification codes the generator puts lines on: the national lists
of apps/reference (apps/reference/codelists.py, data in apps/reference/data),
with the names and years each list gave them, and the generator's own mapping
of a code to the one that carried the same money before the code existed.

Which codes a department uses is the generator's choice (the templates in
departments.py, the economic weights in city.py); that they exist in a year,
and their names, come from the lists.
"""

from apps.reference import codelists
from apps.reference.codelists import FIRST_YEAR, LAST_YEAR, is_fund, leaves, tree
from apps.reference.models import Scheme

__all__ = ["FIRST_YEAR", "LAST_YEAR", "economic_in_year", "in_year", "is_fund", "leaves", "tree"]

# Function codes created by a later list, mapped to the code the same money
# sat on before: 20115 工商行政管理事务 became 20138 市场监督管理事务 in 2019, and
# 公务员 matters moved from 20110 人力资源事务 to 20132 组织事务.
PREDECESSORS = {
    "2013801": "2011501",
    "2013802": "2011502",
    "2013805": "2011504",
    "2013850": "2011550",
    "2013204": "2011012",
}
# 2017's 支出经济分类 had no 30110–30114: social insurance was one 30104 社会保障缴费,
# and the housing fund and medical costs were 对个人和家庭的补助 (30311, 30307).
ECONOMIC_PREDECESSORS = {"30110": "30104", "30111": "30104", "30112": "30104", "30113": "30311", "30114": "30307"}


def in_year(code: str, year: int) -> str | None:
    """The function code carrying `code`'s money in `year`: itself, or the
    code it replaced; None where neither existed."""
    while code is not None and codelists.meaning(Scheme.FUNCTION, code, year) is None:
        code = PREDECESSORS.get(code)
    return code


def economic_in_year(code: str, year: int) -> str:
    """The economic code carrying `code`'s money in `year` (a KeyError names a code with no predecessor)."""
    while codelists.meaning(Scheme.ECONOMIC, code, year) is None:
        code = ECONOMIC_PREDECESSORS[code]
    return code
