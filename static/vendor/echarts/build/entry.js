// The ECharts the site draws with: only the charts and components static/js/charts.js uses
// (bar, line and pie; grid and tooltip; the SVG renderer; the Chinese locale). See README.md to rebuild.
import * as echarts from "echarts/core";
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import langZH from "echarts/lib/i18n/langZH.js";

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, SVGRenderer]);
echarts.registerLocale("ZH", langZH);
window.echarts = echarts;
