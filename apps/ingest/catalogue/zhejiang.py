"""浙江's municipal template (绍兴市 …年部门预算): nine tables from 收支预算总表 to
项目绩效目标表, 基本支出 split into 人员/公用 by function code; the site's first."""

from .province import Province

ZHEJIANG = Province(
    table_set="zhejiang",
    table_names=("项目支出表", "项目绩效目标表", "一般公共预算三公经费表", "一般公共预算支出表"),
    sections=("部门概况", "部门预算安排情况说明"),
)
