/* Charts drawn with the site's ECharts build (static/vendor/echarts/build) from
 * data the page passes with json_script. Amounts arrive as exact decimal strings
 * in the reader's unit; they become numbers only to be drawn, while tooltips and
 * labels print the strings (and the shares computed on the server) as they are.
 * Names are data: every tooltip goes through escapeHtml, the one place that
 * turns text into HTML. No figure is ever cut: where a bar's name is too long for the width,
 * the name is shortened, never its amount. */
(function () {
  "use strict";
  if (!window.echarts) return;

  var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var INK = "#16212e", MUTED = "#56606e", BAR = "#5b9bd5", ACCENT = "#0a5a8c", LINE = "#dbe2ea";

  // ECharts inserts a tooltip formatter's string as HTML: every name from the data is text.
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

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

  function describe(data, unit) {
    var line = escapeHtml(data.name) + "：" + escapeHtml(grouped(data.text) + unit);
    return data.share ? line + "（占" + escapeHtml(data.share) + "%）" : line;
  }

  function tooltip(unit) {
    return { trigger: "item", confine: true, formatter: function (p) { return describe(p.data, unit); } };
  }

  // A bar's label: its amount, and its share where there is one (short enough for a phone).
  function barLabel(p) {
    var amount = grouped(p.data.text);
    return p.data.share ? amount + "（" + p.data.share + "%）" : amount;
  }

  // A bar's name and its label: a name too long for the width is shortened with … so that the
  // amount always shows whole (the full name is in the tooltip and the 图表数据 table).
  function barText(p, width) {
    var amount = barLabel(p);
    var room = width - window.echarts.format.getTextRect("  " + amount, "12px " + FONT).width - 8;
    var name = window.echarts.format.truncateText(p.name, room, "13px " + FONT, "…");
    return "{name|" + name + "}  {amount|" + amount + "}";
  }

  var builders = {
    // Horizontal bars, largest on top: each bar's name and amount on their own line above it.
    bar: function (payload, unit, width) {
      var points = payload.points.map(item);
      var labelWidth = Math.max(120, width - 24);
      return {
        grid: { left: 4, right: 8, top: 24, bottom: 4, containLabel: false },
        tooltip: tooltip(unit),
        xAxis: { type: "value", show: false, max: function (v) { return v.max * 1.02; } },
        yAxis: { type: "category", inverse: true, show: false, data: points.map(function (p) { return p.name; }) },
        series: [{
          type: "bar", data: points, barWidth: 10, itemStyle: { color: BAR, borderRadius: 3 },
          showBackground: true, backgroundStyle: { color: "#f4f6f9", borderRadius: 3 },
          label: {
            show: true, position: [0, -18], color: INK, fontSize: 13, width: labelWidth, overflow: "truncate",
            formatter: function (p) { return barText(p, labelWidth); },
            rich: { name: { color: INK, fontSize: 13 }, amount: { color: MUTED, fontSize: 12 } }
          }
        }]
      };
    },
    pie: function (payload, unit, width) {
      var narrow = width < 480;
      return {
        tooltip: tooltip(unit),
        color: [ACCENT, BAR, "#a7c7e7", "#d6a35c"],
        series: [{
          type: "pie", radius: narrow ? ["30%", "52%"] : ["38%", "64%"], data: payload.points.map(item),
          label: {
            color: INK, fontSize: 13,
            // On a phone the amount would be cut at the edge: name and share there, the amount in the tooltip and table.
            formatter: function (p) {
              var share = p.data.share ? p.data.share + "%" : "";
              return narrow ? p.name + "\n" + share : p.name + "\n" + grouped(p.data.text) + (share ? "（" + share + "）" : "");
            }
          }
        }]
      };
    },
    line: function (payload, unit) {
      var points = payload.points.map(item);
      return {
        grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
        tooltip: tooltip(unit),
        xAxis: { type: "category", data: points.map(function (p) { return p.name; }), axisLine: { lineStyle: { color: LINE } }, axisLabel: { color: MUTED } },
        yAxis: { type: "value", axisLabel: { hideOverlap: true, color: MUTED }, splitLine: { lineStyle: { color: LINE } } },
        series: [{
          type: "line", data: points, symbolSize: 8, itemStyle: { color: ACCENT }, lineStyle: { color: ACCENT, width: 2 },
          label: { show: true, color: INK, formatter: function (p) { return grouped(p.data.text); } }
        }]
      };
    }
  };

  function draw(element) {
    var payload = JSON.parse(document.getElementById(element.dataset.chart).textContent);
    // Each bar takes a row: its name and amount on one line, the bar below.
    if (payload.kind === "bar") element.style.height = Math.max(120, 32 + 44 * payload.points.length) + "px";
    var chart = window.echarts.init(element, null, { renderer: "svg", locale: "ZH" });
    var option = builders[payload.kind](payload, payload.unit, element.clientWidth);
    option.textStyle = { fontFamily: FONT };
    option.animation = false;
    chart.setOption(option);
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        chart.setOption(builders[payload.kind](payload, payload.unit, element.clientWidth));
        chart.resize();
      }).observe(element);
    }
  }

  document.querySelectorAll("[data-chart]").forEach(draw);
})();
