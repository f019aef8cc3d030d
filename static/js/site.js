/* Drill-down for the code tables (function and economic): the 款 and 项 rows
 * fold under their 类, and a button in the 类 row opens them in place.
 * Without JavaScript every row stays visible and each code links to its code
 * page, so nothing depends on this file. */
(function () {
  "use strict";

  function descendants(rows, index) {
    var code = rows[index].dataset.code;
    var found = [];
    for (var i = index + 1; i < rows.length; i++) {
      var next = rows[i].dataset.code || "";
      if (next.length <= code.length || next.indexOf(code) !== 0) break;
      found.push(rows[i]);
    }
    return found;
  }

  function setOpen(button, children, open) {
    button.setAttribute("aria-expanded", String(open));
    button.querySelector(".drill-icon").textContent = open ? "▾" : "▸";
    button.querySelector(".drill-word").textContent = open ? "收起" : "展开";
    children.forEach(function (row) { row.hidden = !open; });
  }

  function addToggle(row, children, idPrefix) {
    children.forEach(function (child, n) { child.id = idPrefix + "-" + n; });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "drill";
    button.setAttribute("aria-controls", children.map(function (c) { return c.id; }).join(" "));
    button.innerHTML = '<span class="drill-icon" aria-hidden="true"></span>' +
      '<span class="visually-hidden"><span class="drill-word"></span>' + row.dataset.code + "的下级科目</span>";
    button.addEventListener("click", function () {
      setOpen(button, children, button.getAttribute("aria-expanded") !== "true");
    });
    setOpen(button, children, false);
    var cell = row.cells[1] || row.cells[0];
    cell.insertBefore(button, cell.firstChild);
  }

  function enhance(table, tableIndex) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    rows.forEach(function (row, index) {
      if (row.dataset.level !== "1" || !row.dataset.code) return;
      var children = descendants(rows, index);
      if (children.length) addToggle(row, children, "drill-" + tableIndex + "-" + row.dataset.code);
    });
    table.classList.add("drill-ready");
  }

  document.querySelectorAll("table[data-drilldown]").forEach(enhance);

  /* A wide table's frame says so: a shade on the edge with more columns, and a
   * line of text, while there is more to the right. */
  function watchScroll(frame) {
    var box = frame.querySelector(".table-scroll");
    if (!box) return;
    function update() {
      var more = box.scrollWidth - box.clientWidth > 1;
      frame.classList.toggle("can-scroll", more);
      frame.classList.toggle("at-end", more && box.scrollLeft + box.clientWidth >= box.scrollWidth - 1);
    }
    box.addEventListener("scroll", update, { passive: true });
    if (window.ResizeObserver) new ResizeObserver(update).observe(box);
    box.querySelectorAll("button.drill").forEach(function (button) { button.addEventListener("click", update); });
    update();
  }

  document.querySelectorAll(".scroll-frame").forEach(watchScroll);
})();
