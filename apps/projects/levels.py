"""The official 一级/二级 performance-indicator lists (财政部 项目支出绩效目标 framework).

Older disclosures name the 二级 with a 指标 suffix (社会效益指标) and put 成本指标 under 产出指标;
those stay valid, and a stored value outside the lists is kept as it is."""

LEVEL1 = ["产出指标", "效益指标", "满意度指标", "成本指标"]
LEVEL2 = {
    "产出指标": ["数量指标", "质量指标", "时效指标", "成本指标"],
    "效益指标": ["经济效益", "社会效益", "生态效益", "可持续影响指标"],
    "满意度指标": ["服务对象满意度指标"],
    "成本指标": ["经济成本", "社会成本", "生态环境成本"],
}
# The 指标-suffixed names found in published tables (社会效益指标) alongside the official ones.
LEVEL2_VARIANTS = {f"{name}指标": name for names in LEVEL2.values() for name in names if not name.endswith("指标")}
ALL_LEVEL2 = [name for names in LEVEL2.values() for name in names]


def level1_choices(current: str = "") -> list[tuple[str, str]]:
    return with_current([(name, name) for name in LEVEL1], current)


def level2_choices(current: str = "") -> list[tuple[str, list[tuple[str, str]]] | tuple[str, str]]:
    grouped = [(level1, [(name, name) for name in names]) for level1, names in LEVEL2.items()]
    variants = [(name, name) for name in LEVEL2_VARIANTS]
    choices = [*grouped, ("常见写法", variants)]
    known = set(ALL_LEVEL2) | set(LEVEL2_VARIANTS)
    return [("", "---------"), *choices, *([(current, current)] if current and current not in known else [])]


def with_current(choices: list[tuple[str, str]], current: str) -> list[tuple[str, str]]:
    """The official choices, and the stored value when it is not one of them (kept valid as typed)."""
    values = {value for value, _ in choices}
    extra = [(current, current)] if current and current not in values else []
    return [("", "---------"), *choices, *extra]


def is_level2(name: str) -> bool:
    return name in ALL_LEVEL2 or name in LEVEL2_VARIANTS
