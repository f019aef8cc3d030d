"""The sentences of the 说明 that state figures, reasons and comparisons with
the prior year, read from the narrative's normalised text. Each pattern is a
sentence of the standard template; what a disclosure words differently is
simply not found (and then not compared), never guessed."""

import re
from decimal import Decimal

from apps.ingest.readers.narrative import WAN, Change, Figure, Narrative

N = r"(\d+(?:\.\d+)?)"
PART = re.compile(rf"^(.+?){WAN}(?:，占{N}%)?$")


def figure(narrative: Narrative, topic: str, key: tuple, value: str, at: int, share: str | None = None) -> None:
    narrative.figures.append(
        Figure(topic, key, Decimal(value), narrative.line_at(at), Decimal(share) if share else None)
    )


def parts(narrative: Narrative, text: str, at: int, separator: str, key: str, topic: str) -> None:
    """“A 1.00万元，占10.0%；B …” → one figure per part."""
    for part in re.split(separator, text):
        found = PART.match(part.strip("；、，"))
        if found:
            name = found.group(1).removesuffix("（类）")
            figure(narrative, f"{topic}·{name}", (key, name), found.group(2), at, found.group(3))


def change(narrative: Narrative, field: str, key: tuple, text: str, at: int) -> None:
    """比上年（预算数）增加 X 万元 / 减少 Y% / 与上年持平."""
    if "持平" in text:
        narrative.changes.append(Change(field, key, "持平", None, None, narrative.line_at(at)))
        return
    found = re.search(rf"(增加|减少){WAN}", text) or re.search(rf"(增加|减少|增长|下降){N}%", text)
    if found:
        direction = {"增长": "增加", "下降": "减少"}.get(found.group(1), found.group(1))
        in_wan = "万元" in found.group(0)
        value = Decimal(found.group(2))
        narrative.changes.append(
            Change(field, key, direction, value if in_wan else None, None if in_wan else value, narrative.line_at(at))
        )


def search(narrative: Narrative, pattern: str) -> re.Match | None:
    return re.search(pattern, narrative.flat)


def read_totals(narrative: Narrative) -> None:
    flat = narrative.flat
    if found := search(narrative, rf"(?<!财政拨款)收支总预算{WAN}"):
        figure(narrative, "收支总预算", ("revenue_total",), found.group(1), found.start())
    if found := search(narrative, rf"(?<!财政拨款)收入预算{WAN}，其中：(.+?)。"):
        figure(narrative, "收入预算", ("revenue_total",), found.group(1), found.start())
        parts(narrative, found.group(2), found.start(), "；", "revenue", "收入")
    if found := search(narrative, rf"(?<!财政拨款)支出预算{WAN}。"):
        figure(narrative, "支出预算", ("expenditure_total",), found.group(1), found.start())
    if found := search(narrative, r"按支出功能分类，包括(.+?)。"):
        parts(narrative, found.group(1), found.start(), "、", "class", "支出功能分类")
    if found := search(narrative, r"按支出用途分类，包括(.+?)。"):
        parts(narrative, found.group(1), found.start(), "；", "use", "支出用途")
    if found := search(narrative, rf"结转下年{WAN}"):
        figure(narrative, "结转下年", ("carry_forward",), found.group(1), found.start())
    if found := search(narrative, rf"财政拨款收支总预算{WAN}"):
        figure(narrative, "财政拨款收支总预算", ("fiscal_total",), found.group(1), found.start())
        if spent := re.compile(r"支出包括：(.+?)。").search(flat, found.end()):
            parts(narrative, spent.group(1), spent.start(), "、", "fiscal_class", "财政拨款支出")


def read_general(narrative: Narrative) -> None:
    flat = narrative.flat
    found = search(
        narrative, rf"一般公共预算当年拨款{WAN}，(比\d{{4}}年执行数(?:增加|减少){WAN}|与\d{{4}}年执行数持平)"
    )
    if found:
        figure(narrative, "一般公共预算当年拨款", ("general_total",), found.group(1), found.start())
        change(narrative, "prior_general_actual", ("general_total",), found.group(2), found.start())
        if reason := re.compile(r"主要原因是(.+?)。").match(flat, found.end() + 1) or re.compile(
            r"，?主要原因是(.+?)。"
        ).match(flat, found.end()):
            narrative.texts["general_change_reason"] = reason.group(1)
    if found := search(narrative, r"一般公共预算当年拨款结构情况。(.+?)。"):
        parts(narrative, found.group(1), found.start(), "；", "general_class", "一般公共预算")
    for found in re.finditer(rf"（\d+）(.{{2,120}}?（[类款项]）)安排{WAN}(?:，主要用于(.+?))?。", flat):
        names = [name for name in re.split(r"（[类款项]）", found.group(1)) if name]
        narrative.purposes.append(
            (names, found.group(3) or "", Decimal(found.group(2)), narrative.line_at(found.start()))
        )
    if found := search(narrative, rf"一般公共预算基本支出{WAN}，其中：人员经费{WAN}.*?公用经费{WAN}"):
        for key, topic, group in (
            ("general_basic", "一般公共预算基本支出", 1),
            ("general_personnel", "人员经费", 2),
            ("general_public", "公用经费", 3),
        ):
            figure(narrative, topic, (key,), found.group(group), found.start(group))


def read_three_public(narrative: Narrative) -> None:
    texts, flat = narrative.texts, narrative.flat
    if found := search(narrative, rf"因公出国（境）费用：(.*?)\d{{4}}年预算安排{WAN}，(.+?)。"):
        texts["overseas_note"] = found.group(1)
        figure(narrative, "因公出国（境）费用", ("three", "overseas"), found.group(2), found.start())
        change(narrative, "prior_overseas", ("three", "overseas"), found.group(3), found.start())
    if found := search(narrative, rf"公务接待费：\d{{4}}年安排公务接待费预算{WAN}，(.+?)。"):
        figure(narrative, "公务接待费", ("three", "reception"), found.group(1), found.start())
        change(narrative, "prior_reception", ("three", "reception"), found.group(2), found.start())
        if purpose := re.compile(r"主要用于(.+?)。").match(flat, found.end()):
            texts["reception_purpose"] = purpose.group(1)
        if reason := re.compile(r"(?:[^。]*?。)?(?:增加|减少)的?主要原因是(.+?)。").match(flat, found.end()):
            texts["reception_change_reason"] = reason.group(1)
    if found := search(
        narrative, rf"公务用车购置及运行维护费：\d{{4}}年安排公务用车购置及运行维护费预算{WAN}，(.+?)。"
    ):
        figure(narrative, "公务用车购置及运行维护费", ("three", "vehicle"), found.group(1), found.start())
        change(narrative, "prior_vehicle", ("three", "vehicle"), found.group(2), found.start())
        block = flat[found.end() : found.end() + 600]
        for key, topic, pattern in (
            ("vehicle_purchase", "公务用车购置支出", rf"公务用车购置支出{WAN}"),
            ("vehicle_running", "公务用车运行维护费支出", rf"公务用车运行维护费支出{WAN}"),
        ):
            if part := re.search(pattern, block):
                figure(narrative, topic, ("three", key), part.group(1), found.end() + part.start())
        for field, pattern in (
            ("vehicles_cars", r"轿车(\d+)辆"),
            ("vehicles_vans", r"商务（面包）车(\d+)辆"),
            ("vehicles_buses", r"客车(\d+)辆"),
        ):
            if count := re.search(pattern, block):
                texts[field] = int(count.group(1))
        if reason := re.search(r"(?:增加|减少|持平)的?主要原因是(.+?)。", block):
            texts["vehicle_change_reason"] = reason.group(1)


def read_others(narrative: Narrative) -> None:
    texts = narrative.texts
    found = search(
        narrative,
        rf"机关运行经费财政拨款预算{WAN}。?(比上年预算(?:增加|减少){WAN}|与上年预算持平)?(?:，(?:增长|下降){N}%)?(?:，主要是(.+?))?。",
    )
    if found:
        figure(narrative, "机关运行经费", ("running_cost",), found.group(1), found.start())
        if found.group(2):
            change(narrative, "prior_running_cost", ("running_cost",), found.group(2), found.start())
        if found.group(5):
            texts["running_cost_change_reason"] = found.group(5)
    if found := search(
        narrative, rf"政府采购预算总额{WAN}，其中：政府采购货物预算{WAN}、政府采购工程预算{WAN}、政府采购服务预算{WAN}"
    ):
        figure(narrative, "政府采购预算总额", ("procurement_total",), found.group(1), found.start())
        for field, group in (("procurement_goods", 2), ("procurement_works", 3), ("procurement_services", 4)):
            texts[field] = Decimal(found.group(group))  # in 万元: converted by the caller
    if found := search(narrative, rf"共涉及(\d+)个项目，当年资金安排{WAN}，其中一般公共预算当年拨款{WAN}"):
        figure(narrative, "绩效管理项目数", ("project_count",), found.group(1), found.start())
        figure(narrative, "项目当年资金安排", ("project_total",), found.group(2), found.start())
        figure(narrative, "项目一般公共预算当年拨款", ("project_general",), found.group(3), found.start())


def read_figures(narrative: Narrative) -> Narrative:
    for reader in (read_totals, read_general, read_three_public, read_others):
        reader(narrative)
    return narrative
