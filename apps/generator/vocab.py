"""Words the generated budgets are written in: the kinds of project with their
performance indicators (after the seed disclosure's own), the generic
projects every unit may have, and the stock phrases of the 说明."""

import random
from dataclasses import dataclass

# An indicator: (一级指标, 二级指标, 三级指标, 计算符号, value, 计量单位). The value is
# "lo-hi" for a random whole number, or text where {year} is the budget year.
IndicatorSpec = tuple[str, str, str, str, str, str]

OUT, EFFECT, SATISFACTION = "产出指标", "效益指标", "满意度指标"
QUANTITY, QUALITY, TIMELINESS, COST = "数量指标", "质量指标", "时效指标", "成本指标"
SOCIAL, SUSTAINED, CLIENTS = "社会效益指标", "可持续影响指标", "服务对象满意度指标"
PERCENT = "(%)"


@dataclass(frozen=True)
class Archetype:
    kind: str  # 项目类型 as the 项目支出表 shows it
    goal: str  # 总体绩效目标, with {name} for the project
    indicators: tuple[IndicatorSpec, ...]
    procurement: str = ""  # goods, works or services: what 政府采购 buys with it
    weight: int = 1  # typical size against other projects


ARCHETYPES = {
    "publicity": Archetype(
        "重大宣传、活动类项目",
        "通过{name}开展集中宣传和主题活动，扩大社会知晓度，营造良好舆论氛围。",
        (
            (OUT, QUANTITY, "宣传形式种类", "≥", "3-6", "种"),
            (OUT, QUANTITY, "播发稿件数量", "≥", "5-60", "篇"),
            (OUT, TIMELINESS, "活动完成时间", "定性", "{year}年12月底前", ""),
            (EFFECT, SOCIAL, "社会知晓率", "≥", "75-90", PERCENT),
            (SATISFACTION, CLIENTS, "公众满意度", "≥", "85-95", PERCENT),
        ),
        "services",
    ),
    "special": Archetype(
        "其他专项公用类项目",
        "保障{name}所需的各项工作顺利开展，按期完成年度工作任务。",
        (
            (OUT, QUANTITY, "督导调研次数", "≥", "4-60", "次"),
            (OUT, QUALITY, "工作任务完成率", "≥", "90-100", PERCENT),
            (OUT, COST, "资金节约率", "≥", "1-5", PERCENT),
            (EFFECT, SOCIAL, "工作效能", "定性", "有所提升", ""),
            (SATISFACTION, CLIENTS, "服务对象满意度", "≥", "80-95", PERCENT),
        ),
    ),
    "it_ops": Archetype(
        "信息化运行维护类项目",
        "对{name}涉及的信息系统进行日常维护和故障处理，保障系统安全稳定运行。",
        (
            (OUT, QUANTITY, "基本系统维护次数", "=", "12-12", "次"),
            (OUT, QUALITY, "系统故障率", "≤", "1-3", PERCENT),
            (OUT, QUALITY, "故障排除速度", "≤", "2-4", "小时"),
            (EFFECT, SUSTAINED, "信息资源共享", "=", "100-100", PERCENT),
            (SATISFACTION, CLIENTS, "使用人群满意度", "≥", "85-95", PERCENT),
        ),
        "services",
    ),
    "it_build": Archetype(
        "信息化建设类项目",
        "完成{name}的建设和上线运行，提升业务工作数字化水平。",
        (
            (OUT, QUANTITY, "功能模块数", "≥", "3-12", "个"),
            (OUT, QUALITY, "验收合格率", "=", "100-100", PERCENT),
            (OUT, TIMELINESS, "系统上线时间", "定性", "{year}年11月底前", ""),
            (EFFECT, SUSTAINED, "数据共享率", "≥", "80-95", PERCENT),
            (SATISFACTION, CLIENTS, "用户满意度", "≥", "85-95", PERCENT),
        ),
        "services",
        3,
    ),
    "training": Archetype(
        "大型会议培训类",
        "通过{name}组织业务培训，提高干部职工业务素质和工作水平。",
        (
            (OUT, QUANTITY, "会议(培训)天数", "=", "1-5", "天"),
            (OUT, QUANTITY, "会议(培训)参加人数", "=", "50-500", "人"),
            (OUT, TIMELINESS, "会议及时性", "定性", "{year}年10月底前", ""),
            (EFFECT, SOCIAL, "培训覆盖率", "≥", "50-90", PERCENT),
            (SATISFACTION, CLIENTS, "培训学员满意度", "≥", "85-95", PERCENT),
        ),
    ),
    "reception": Archetype(
        "专项公务接待费",
        "按照厉行节约的要求做好公务接待工作，保障公务活动正常开展。",
        (
            (OUT, QUANTITY, "接待批次", "≥", "10-80", "批"),
            (OUT, COST, "单位成本", "≤", "80-120", "元"),
            (EFFECT, SOCIAL, "公务接待制度执行", "定性", "严格执行", ""),
            (SATISFACTION, CLIENTS, "接待来客满意度", "≥", "80-95", PERCENT),
        ),
    ),
    "research": Archetype(
        "重大课题调研、规划类项目",
        "围绕{name}开展专题调研，形成研究报告和政策建议。",
        (
            (OUT, QUANTITY, "完成调研/规划报告数量", "≥", "1-5", "篇"),
            (OUT, TIMELINESS, "计划完成课题(规划)时间", "=", "12-12", "月/年"),
            (EFFECT, SOCIAL, "成果刊发、媒体报道次数", "≥", "1-5", "次"),
            (SATISFACTION, CLIENTS, "服务对象满意度", "≥", "80-90", PERCENT),
        ),
        "services",
    ),
    "equipment": Archetype(
        "设备购置类项目",
        "按计划完成{name}涉及的设备购置和安装，保障业务工作需要。",
        (
            (OUT, QUANTITY, "设备购置完成率", "≥", "100-100", PERCENT),
            (OUT, QUALITY, "质量合格率", "≥", "95-99", PERCENT),
            (EFFECT, SOCIAL, "设备使用率", "≥", "85-100", PERCENT),
            (SATISFACTION, CLIENTS, "使用人员满意度", "≥", "85-95", PERCENT),
        ),
        "goods",
    ),
    "repair": Archetype(
        "房屋维修类项目",
        "完成{name}涉及的维修改造，消除安全隐患，改善工作条件。",
        (
            (OUT, QUANTITY, "维修面积", "≥", "200-5000", "平方米"),
            (OUT, QUALITY, "工程验收合格率", "=", "100-100", PERCENT),
            (OUT, TIMELINESS, "工程完工时间", "定性", "{year}年12月底前", ""),
            (EFFECT, SUSTAINED, "安全事故发生次数", "=", "0-0", "次"),
            (SATISFACTION, CLIENTS, "使用人员满意度", "≥", "85-95", PERCENT),
        ),
        "works",
        2,
    ),
    "service": Archetype(
        "政府购买服务类项目",
        "通过政府购买服务方式实施{name}，提高公共服务质量和效率。",
        (
            (OUT, QUANTITY, "服务人次", "≥", "500-50000", "人次"),
            (OUT, QUALITY, "服务质量达标率", "≥", "90-98", PERCENT),
            (OUT, COST, "服务合同履约率", "=", "100-100", PERCENT),
            (EFFECT, SOCIAL, "公共服务水平", "定性", "明显提升", ""),
            (SATISFACTION, CLIENTS, "服务对象满意度", "≥", "85-95", PERCENT),
        ),
        "services",
        2,
    ),
    "subsidy": Archetype(
        "对个人和家庭补助类项目",
        "按政策足额及时发放{name}，保障补助对象合法权益。",
        (
            (OUT, QUANTITY, "补助对象人数", "≥", "100-20000", "人"),
            (OUT, QUALITY, "补助资金发放准确率", "=", "100-100", PERCENT),
            (OUT, TIMELINESS, "补助资金按时发放率", "≥", "95-100", PERCENT),
            (EFFECT, SOCIAL, "困难群体基本生活", "定性", "有效保障", ""),
            (SATISFACTION, CLIENTS, "受益群众满意度", "≥", "85-95", PERCENT),
        ),
        weight=5,
    ),
    "business": Archetype(
        "专项业务类项目",
        "完成{name}涉及的年度业务工作，提升行业管理和服务水平。",
        (
            (OUT, QUANTITY, "检查(检测)批次", "≥", "10-500", "批"),
            (OUT, QUALITY, "业务任务完成率", "≥", "90-100", PERCENT),
            (OUT, QUALITY, "问题整改率", "≥", "85-100", PERCENT),
            (EFFECT, SOCIAL, "行业监管水平", "定性", "有所提升", ""),
            (SATISFACTION, CLIENTS, "服务对象满意度", "≥", "80-95", PERCENT),
        ),
        "services",
        3,
    ),
    "construction": Archetype(
        "基本建设类项目",
        "按计划推进{name}建设，确保工程质量和安全，按期完成年度投资。",
        (
            (OUT, QUANTITY, "年度投资完成率", "≥", "85-100", PERCENT),
            (OUT, QUALITY, "工程验收合格率", "=", "100-100", PERCENT),
            (OUT, TIMELINESS, "工程完成进度", "≥", "80-100", PERCENT),
            (EFFECT, SUSTAINED, "安全生产事故", "=", "0-0", "起"),
            (SATISFACTION, CLIENTS, "周边群众满意度", "≥", "80-90", PERCENT),
        ),
        "works",
        8,
    ),
}

# Projects any administration (on its 一般行政管理事务 code) or any public
# institution (on its own code) may run, in the order they are handed out.
ADMIN_PROJECTS = [
    ("业务工作经费", "special"),
    ("信息系统运维经费", "it_ops"),
    ("办公设备更新经费", "equipment"),
    ("业务培训经费", "training"),
    ("宣传经费", "publicity"),
    ("公务接待费", "reception"),
    ("课题研究经费", "research"),
    ("办公用房维修经费", "repair"),
    ("政府购买服务经费", "service"),
    ("信息化建设经费", "it_build"),
]
INSTITUTION_PROJECTS = [
    ("专项业务经费", "business"),
    ("设备购置经费", "equipment"),
    ("信息化运维经费", "it_ops"),
    ("业务培训经费", "training"),
    ("房屋维修经费", "repair"),
    ("政府购买服务经费", "service"),
    ("宣传推广经费", "publicity"),
    ("课题研究经费", "research"),
]
ROUNDS = "一二三四五六七八九十"


def project_name(base: str, round_: int) -> str:
    """The n-th project of the same kind in a unit: 宣传经费, 宣传经费（二期）…"""
    return base if round_ == 0 else f"{base}（{ROUNDS[round_ % len(ROUNDS)]}期）"


def indicator_value(spec: str, year: int, rng: random.Random) -> str:
    if "-" in spec and spec.replace("-", "").isdigit():
        low, high = spec.split("-")
        return str(rng.randint(int(low), int(high)))
    return spec.format(year=year)


# Stock reasons, by the direction of the change they explain.
GENERAL_REASONS = {
    "增加": ["人员增加及工资政策调整", "新增重点工作项目经费", "基本支出标准提高和项目支出增加"],
    "减少": ["压减一般性支出和非刚性项目", "部分一次性项目完成后不再安排", "严格执行过紧日子要求，压减项目支出"],
    "持平": ["支出结构保持稳定"],
}
RECEPTION_REASONS = {
    "增加": ["业务交流活动增加", "承接上级检查调研任务增加"],
    "减少": ["本着合理编制预算、勤俭节约的原则，适当压减公务接待费", "严格执行公务接待标准"],
    "持平": ["严格执行公务接待标准"],
}
VEHICLE_REASONS = {
    "增加": ["按规定更新到达报废年限的公务用车", "车辆使用年限增加，维修费用上升"],
    "减少": ["公务用车改革后车辆减少", "严格控制公务用车运行费用"],
    "持平": ["公务用车数量保持不变"],
}
RUNNING_REASONS = {
    "增加": ["人员增加，日常公用经费相应增加", "公用经费定额标准调整"],
    "减少": ["压减日常公用经费", "严格执行过紧日子要求"],
    "持平": ["公用经费标准未作调整"],
}
RECEPTION_PURPOSES = [
    "接待上级部门及兄弟城市来绍考察调研等公务活动支出",
    "接待国内来宾和业务交流相关的公务接待支出",
    "保障上级检查指导、工作交流等公务接待支出",
]
OVERSEAS_NOTES = {
    True: "根据年度因公出国（境）计划安排。",
    False: "根据因公出国（境）计划和实际工作需要，将临时追加安排。",
}
