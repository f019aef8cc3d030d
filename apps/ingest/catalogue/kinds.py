"""The kinds of table the disclosures of every province print, with their
names as printed (longest variants first where one ends another), their
columns under every common header wording, and the identities each row must
satisfy (合计 = 基本 + 项目 …). A province whose table has another name or
another column wording adds it here; only a different structure needs a reader."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    labels: tuple[str, ...]
    groups: tuple[str, ...] = ()  # the group header it must stand under; () = any or none
    amount: bool = True


@dataclass(frozen=True)
class Kind:
    slug: str  # our official table's slug, or "" when none of our nine corresponds
    name: str  # our name for it
    names: tuple[str, ...]  # the table's name as printed, without year, level and scope
    columns: tuple[ColumnSpec, ...] = ()
    # (total, parts): total = Σ parts in every row; applies when the table has the
    # total's column and every part's column but the optional ones.
    identities: tuple[tuple[str, tuple[str, ...]], ...] = ()


OPTIONAL = {
    "fiscal",
    "fiscal_general",
    "fiscal_fund",
    "fiscal_capital",
    "operations",
    "other",
    "subsidy",
    "remittance",
    "business",
    "gov_fund",
    "carryover_general",
    "carryover_gov_fund",
    "special_account",
    "unit_funds",
}


def text(key: str, *labels: str) -> ColumnSpec:
    return ColumnSpec(key, labels, amount=False)


CODE_COLUMNS = (
    text(
        "code",
        "科目编码",
        "功能分类科目编码",
        "经济分类科目编码",
        "部门预算经济分类科目编码",
        "部门预算经济分类科目",
        "编码",
        "科目代码",
    ),
    text("name", "科目名称", "功能分类科目名称", "经济分类科目名称", "项目", "科目"),
    text("code_class", "类"),
    text("code_item", "款"),
    text("code_sub", "项"),
)
BASIC = ("基本支出",)
TOTAL = ColumnSpec("total", ("合计", "总计", "小计", "金额", "预算数"))
PERSONNEL = ColumnSpec("personnel", ("人员支出", "人员经费", "工资福利支出和对个人和家庭的补助"))
PUBLIC = ColumnSpec("public", ("公用经费", "日常公用经费", "公用支出", "日常公用支出", "商品和服务支出"))
BASIC_TOTAL = ColumnSpec("basic", ("小计", "合计"), BASIC)
BASIC_PLAIN = ColumnSpec("basic", ("基本支出",))
PROJECT = ColumnSpec("project", ("项目支出",))

EXPENDITURE = Kind(
    "expenditure",
    "支出预算总表",
    ("支出预算总表", "支出总表", "支出预算表"),
    (
        *CODE_COLUMNS,
        TOTAL,
        BASIC_TOTAL,
        PERSONNEL,
        PUBLIC,
        BASIC_PLAIN,
        PROJECT,
        ColumnSpec("subsidy", ("对附属单位补助支出",)),
        ColumnSpec("remittance", ("上缴上级支出",)),
        ColumnSpec("business", ("事业单位经营支出", "经营支出")),
    ),
    (
        ("total", ("personnel", "public", "project", "subsidy", "remittance", "business")),
        ("basic", ("personnel", "public")),
        ("total", ("basic", "project", "subsidy", "remittance", "business")),
    ),
)
GENERAL_PUBLIC = Kind(
    "general-public",
    "一般公共预算支出表",
    (
        "一般公共预算支出功能分类预算表",
        "一般公共预算财政拨款支出预算表",
        "一般公共预算支出预算表",
        "一般公共预算支出表",
        "一般公共预算财政拨款支出表",
    ),
    (*CODE_COLUMNS, TOTAL, BASIC_TOTAL, PERSONNEL, PUBLIC, BASIC_PLAIN, PROJECT),
    (
        ("total", ("basic", "project")),
        ("basic", ("personnel", "public")),
        ("total", ("personnel", "public", "project")),
    ),
)
GENERAL_PUBLIC_BASIC = Kind(
    "general-public-basic",
    "一般公共预算基本支出表",
    (
        "一般公共预算基本支出部门预算经济分类预算表",
        "一般公共预算基本支出经济分类预算表",
        "一般公共预算财政拨款基本支出预算表",
        "一般公共预算基本支出预算表",
        "一般公共预算基本支出表",
    ),
    (*CODE_COLUMNS, TOTAL, PERSONNEL, PUBLIC),
    (("total", ("personnel", "public")),),
)
FUND_COLUMNS = (*CODE_COLUMNS, TOTAL, BASIC_TOTAL, PERSONNEL, PUBLIC, BASIC_PLAIN, PROJECT)
FUND_IDENTITIES = (("total", ("basic", "project")), ("basic", ("personnel", "public")))
GOVERNMENT_FUND = Kind(
    "government-fund",
    "政府性基金支出预算表",
    (
        "政府性基金预算支出功能分类预算表",
        "政府性基金预算财政拨款支出预算表",
        "政府性基金支出预算表",
        "政府性基金预算支出表",
        "政府性基金预算支出预算表",
        "政府性基金支出表",
    ),
    FUND_COLUMNS,
    FUND_IDENTITIES,
)
STATE_CAPITAL = Kind(
    "",
    "国有资本经营预算支出表",
    (
        "国有资本经营预算支出功能分类预算表",
        "国有资本经营预算财政拨款支出预算表",
        "国有资本经营预算支出预算表",
        "国有资本经营预算支出表",
    ),
    FUND_COLUMNS,
    FUND_IDENTITIES,
)
VEHICLE = ("公务用车购置及运行费用", "公务用车购置及运行维护费", "公务用车购置及运行费", "公务用车购置及运行维护费用")
THREE_PUBLIC = Kind(
    "three-public",
    "一般公共预算“三公”经费表",
    (
        "一般公共预算三公经费支出预算表",
        "一般公共预算三公经费预算表",
        "一般公共预算三公经费支出表",
        "一般公共预算三公经费表",
        "三公经费和机关运行经费预算表",
        "三公经费和机关运行经费表",
        "三公经费支出预算表",
        "三公经费预算表",
        "三公经费表",
    ),
    (
        text("unit_name", "单位名称", "单位", "项目", "部门名称"),
        text("unit_code", "单位编码", "单位代码"),
        ColumnSpec("total", ("三公经费合计", "合计", "三公经费")),
        ColumnSpec("overseas", ("因公出国(境)费用", "因公出国(境)费")),
        ColumnSpec("vehicle", ("小计", "合计"), VEHICLE),
        ColumnSpec("vehicle", VEHICLE),
        ColumnSpec("vehicle_purchase", ("公务用车购置费", "公务用车购置")),
        ColumnSpec("vehicle_running", ("公务用车运行维护费", "公务用车运行费", "公务用车运行维护")),
        ColumnSpec("vehicle_purchase", ("购置费",), VEHICLE),
        ColumnSpec("vehicle_running", ("运行费", "运行维护费"), VEHICLE),
        ColumnSpec("reception", ("公务接待费",)),
        ColumnSpec("running_cost", ("机关运行经费", "机关运行经费预算", "机关运行经费预算数")),
    ),
    (
        ("total", ("overseas", "vehicle", "reception")),
        ("vehicle", ("vehicle_purchase", "vehicle_running")),
        ("total", ("overseas", "vehicle_purchase", "vehicle_running", "reception")),
    ),
)
CURRENT = ("本年拨款", "当年拨款", "本年财政拨款", "当年财政拨款")
CARRIED = ("财政拨款结转结余", "上年结转", "财政拨款结转", "上年财政拨款结转")
PROJECT_SOURCES = ("general", "gov_fund", "carryover_general", "carryover_gov_fund", "special_account", "unit_funds")
PROJECTS = Kind(
    "projects",
    "项目支出表",
    ("项目支出预算表", "项目支出明细表", "项目支出表"),
    (
        text("kind", "类型", "项目类型", "项目类别"),
        text("name", "项目名称"),
        text("unit", "项目单位", "单位名称", "预算单位"),
        ColumnSpec("total", ("合计", "总计")),
        ColumnSpec("general", ("一般公共预算", "一般公共预算拨款"), CURRENT),
        ColumnSpec("gov_fund", ("政府性基金预算", "政府性基金"), CURRENT),
        ColumnSpec("carryover_general", ("一般公共预算", "一般公共预算拨款"), CARRIED),
        ColumnSpec("carryover_gov_fund", ("政府性基金预算", "政府性基金"), CARRIED),
        ColumnSpec("general", ("一般公共预算", "一般公共预算拨款")),
        ColumnSpec("gov_fund", ("政府性基金预算", "政府性基金")),
        ColumnSpec("special_account", ("财政专户管理资金", "专户资金", "财政专户")),
        ColumnSpec("unit_funds", ("单位资金", "其他资金")),
    ),
    (("total", PROJECT_SOURCES),),
)
PERFORMANCE = Kind(
    "performance",
    "项目绩效目标表",
    ("预算项目绩效目标表", "项目支出绩效目标表", "项目绩效目标表", "绩效目标表"),
)
SUMMARY = Kind("summary", "收支预算总表", ("财务收支预算总表", "收支预算总表", "财务收支总表", "收支总表"))
FISCAL_SUMMARY = Kind("fiscal-summary", "财政拨款收支预算总表", ("财政拨款收支预算总表", "财政拨款收支总表"))
REVENUE = Kind(
    "",
    "收入预算总表",
    ("收入预算总表", "收入总表", "收入预算表"),
    (
        *CODE_COLUMNS,
        TOTAL,
        ColumnSpec("fiscal", ("小计", "合计"), ("财政拨款收入", "财政拨款")),
        ColumnSpec("fiscal", ("财政拨款收入", "财政拨款")),
        ColumnSpec("fiscal_general", ("一般公共预算", "一般公共预算资金", "一般公共预算拨款")),
        ColumnSpec("fiscal_fund", ("政府性基金", "政府性基金预算", "政府性基金预算资金")),
        ColumnSpec("fiscal_capital", ("国有资本经营预算", "国有资本经营预算资金")),
        ColumnSpec("operations", ("事业收入",)),
        ColumnSpec("business", ("事业单位经营收入", "经营收入")),
        ColumnSpec("other", ("其他收入",)),
    ),
    (
        ("total", ("fiscal", "operations", "business", "other")),
        ("fiscal", ("fiscal_general", "fiscal_fund", "fiscal_capital")),
    ),
)
KINDS = (
    SUMMARY,
    FISCAL_SUMMARY,
    REVENUE,
    EXPENDITURE,
    GENERAL_PUBLIC,
    GENERAL_PUBLIC_BASIC,
    GOVERNMENT_FUND,
    STATE_CAPITAL,
    THREE_PUBLIC,
    PROJECTS,
    PERFORMANCE,
)
UNKNOWN = Kind("", "其他表", ())
# The tables read as classification trees, and the key each is kept under
# (our official slug, or a name of its own where none of our nine corresponds).
CODE_KINDS = {
    EXPENDITURE: "expenditure",
    GENERAL_PUBLIC: "general-public",
    GENERAL_PUBLIC_BASIC: "general-public-basic",
    GOVERNMENT_FUND: "government-fund",
    STATE_CAPITAL: "state-capital",
    REVENUE: "revenue",
}


PERFORMANCE_HEADERS = (
    "单位编码",
    "单位名称(项目名称)",
    "项目名称",
    "单位名称",
    "资金安排",
    "资金总额",
    "总计",
    "一般公共预算",
    "政府性基金",
    "专户资金",
    "其他资金",
    "总体绩效目标",
    "年度绩效目标",
    "绩效目标",
    "绩效指标",
    "一级指标",
    "二级指标",
    "三级指标",
    "计算符号",
    "指标值",
    "计量单位",
    "指标权重",
    "权重",
    "度量单位",
    "指标方向",
)
BALANCE_HEADERS = (
    "收入",
    "支出",
    "项目",
    "预算数",
    "金额",
    "栏次",
    "经济分类科目",
    "一般公共预算基本支出",
    "功能分类科目",
    "基本支出",
    "国有资本经营预算",
    "财政拨款收入",
    "财政拨款支出",
    "本年收入",
    "本年支出",
)
