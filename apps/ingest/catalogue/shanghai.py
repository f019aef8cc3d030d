"""上海's district template (上海市普陀区 …年区级部门预算 / 单位预算): nine tables from
财务收支预算总表 to “三公”经费和机关运行经费预算表; 基本支出 by function code unsplit;
its narrative from 主要职能 to 项目经费情况说明, one part per project."""

from .province import Province

SHANGHAI = Province(
    table_set="shanghai",
    table_names=("财务收支预算总表", "支出功能分类预算表", "部门预算经济分类预算表", "三公经费和机关运行经费预算表"),
    sections=(
        "主要职能",
        "机构设置",
        "名词解释",
        "编制说明",
        "其他相关情况说明",
        "项目经费情况说明",
    ),
    numbered_parts=("其他相关情况说明",),
    project_sections=("项目经费情况说明",),
    project_parts=("项目概况", "项目概述", "立项依据", "实施主体", "实施方案", "实施周期", "年度预算安排", "绩效目标"),
)
