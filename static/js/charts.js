/* Charts drawn with the vendored Apache ECharts from data the page passes with
 * json_script. Amounts arrive as exact decimal strings in the reader's unit;
 * they become numbers only to be drawn, while tooltips and labels print the
 * strings (and the shares computed on the server) as they are. */
(function () {
  "use strict";
  if (!window.echarts) return;

  var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

  function grouped(text) {
    var parts = String(text).split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return parts.join(".");
  }

  function item(point) {
    var data = { name: point.name, value: Number(point.value), text: point.value, share: point.share };
    if (point.children) data.children = point.children.map(item);
    return data;
  }

  // ECharts inserts a tooltip formatter's string as HTML: every name from the data is text.
  var ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  function escaped(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return ENTITIES[c]; });
  }

  function describe(data, unit) {
    var line = data.name + "：" + grouped(data.text) + unit;
    return escaped(data.share ? line + "（占" + data.share + "%）" : line);
  }

  function tooltip(unit) {
    return { trigger: "item", confine: true, formatter: function (p) { return describe(p.data, unit); } };
  }

  var builders = {
    bar: function (payload, unit) {
      var points = payload.points.slice().reverse().map(item);
      return {
        grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
        tooltip: tooltip(unit),
        xAxis: { type: "value", axisLabel: { hideOverlap: true } },
        yAxis: {
          type: "category", data: points.map(function (p) { return p.name; }),
          axisLabel: { width: 120, overflow: "truncate" }
        },
        series: [{
          type: "bar", data: points, barMaxWidth: 22,
          label: {
            show: true, position: "right",
            formatter: function (p) { return p.data.share ? p.data.share + "%" : grouped(p.data.text); }
          }
        }]
      };
    },
    pie: function (payload, unit) {
      return {
        tooltip: tooltip(unit),
        series: [{
          type: "pie", radius: ["35%", "62%"], data: payload.points.map(item),
          label: { formatter: function (p) { return p.name + "\n" + (p.data.share ? p.data.share + "%" : ""); } }
        }]
      };
    },
    treemap: function (payload, unit) {
      return {
        tooltip: tooltip(unit),
        series: [{
          type: "treemap", name: "全部", data: payload.points.map(item), leafDepth: 1, roam: false,
          nodeClick: "zoomToNode", width: "100%", height: "82%", top: 0,
          breadcrumb: { show: true, bottom: 4, itemStyle: { textStyle: { fontFamily: FONT } } },
          label: { formatter: function (p) { return p.name + (p.data.share ? "\n" + p.data.share + "%" : ""); } },
          levels: [{ itemStyle: { borderColor: "#fff", borderWidth: 2, gapWidth: 2 } }, { itemStyle: { gapWidth: 1 } }]
        }]
      };
    },
    line: function (payload, unit) {
      var points = payload.points.map(item);
      return {
        grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
        tooltip: tooltip(unit),
        xAxis: { type: "category", data: points.map(function (p) { return p.name; }) },
        yAxis: { type: "value", axisLabel: { hideOverlap: true } },
        series: [{
          type: "line", data: points, symbolSize: 8,
          label: { show: true, formatter: function (p) { return grouped(p.data.text); } }
        }]
      };
    }
  };

  function draw(element) {
    var payload = JSON.parse(document.getElementById(element.dataset.chart).textContent);
    if (payload.kind === "bar") element.style.height = Math.max(200, 40 + 30 * payload.points.length) + "px";
    var chart = window.echarts.init(element, null, { renderer: "svg", locale: "ZH" });
    var option = builders[payload.kind](payload, payload.unit);
    option.textStyle = { fontFamily: FONT };
    option.animation = false;
    chart.setOption(option);
    if (window.ResizeObserver) new ResizeObserver(function () { chart.resize(); }).observe(element);
  }

  document.querySelectorAll("[data-chart]").forEach(draw);
})();
