// Every data table (table.sc-data) sorts by any column, and a long one (more than 15 rows) gets a
// filter box. A column header becomes a button; the sorted column carries aria-sort. Cells sort by
// their data-sort value where the page gives one (numbers written plain: the cells show 1.804 and
// 103,7%), else by their text; a column whose values are all numbers sorts as numbers, any other
// by Vietnamese collation (đ after d, a tone mark after the bare letter); empty cells ("–") always
// last. The filter matches every word typed, with Vietnamese diacritics folded, as search does.
// Works offline and from disk; no inline script or style (rows are hidden with the hidden attribute).
(function () {
  "use strict";
  var LONG = 15;  // more rows than this: a filter box

  // "Đảng viên" -> "dang vien": the folding of the site's search (assets/search.js uses this one).
  function fold(text) {
    return String(text).toLowerCase().replace(/đ/g, "d").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  }
  window.scorecardFold = fold;

  var collator = (typeof Intl !== "undefined" && Intl.Collator)
    ? new Intl.Collator("vi", {numeric: true}) : {compare: function (a, b) { return a.localeCompare(b); }};

  function key(cell) {
    if (!cell) { return ""; }
    var given = cell.getAttribute("data-sort");
    var text = given !== null ? given : cell.textContent.replace(/\s+/g, " ").trim();
    return text === "–" ? "" : text;
  }

  // Numbers as numbers: a data-sort value that reads as a number, or a cell's text of plain digits
  // (a rank); text like "1.804" without data-sort is not taken for a number.
  function number(cell, text) {
    if (text === "") { return null; }
    var plain = cell && cell.hasAttribute("data-sort") ? text : (/^-?\d+$/.test(text) ? text : "x");
    var value = Number(plain);
    return isFinite(value) ? value : null;
  }

  var built = new Map();  // each row's place as the page was built: equal values keep that order

  function sortBy(table, column, descending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var items = rows.map(function (row) {
      var cell = row.cells[column];
      var text = key(cell);
      return {row: row, text: text, number: number(cell, text), position: built.get(row)};
    });
    var numeric = items.every(function (item) { return item.text === "" || item.number !== null; });
    items.sort(function (a, b) {
      if ((a.text === "") !== (b.text === "")) { return a.text === "" ? 1 : -1; }  // empty last, either way
      var order = numeric ? a.number - b.number : collator.compare(a.text, b.text);
      if (descending) { order = -order; }
      return order || a.position - b.position;
    });
    items.forEach(function (item) { body.appendChild(item.row); });
  }

  function headerCells(table) {
    var head = table.tHead;
    return head && head.rows.length === 1 ? Array.prototype.slice.call(head.rows[0].cells) : [];
  }

  function makeSortable(table) {
    var headers = headerCells(table);
    if (!headers.length || !table.tBodies.length || table.tBodies[0].rows.length < 2) { return; }
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row, i) { built.set(row, i); });
    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sc-sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      var mark = document.createElement("span");
      mark.className = "sc-sort-mark";
      mark.setAttribute("aria-hidden", "true");
      button.appendChild(mark);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") === "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        sortBy(table, column, descending);
      });
    });
    if (table.caption) {
      var hint = document.createElement("span");
      hint.className = "sc-visually-hidden";
      hint.textContent = " (bấm tên cột để sắp xếp)";
      table.caption.appendChild(hint);
    }
  }

  var filters = 0;
  function addFilter(table) {
    var body = table.tBodies[0];
    if (!body || body.rows.length <= LONG) { return; }
    var box = table.closest(".sc-table") || table;
    filters += 1;
    var id = "sc-filter-" + filters;
    var wrap = document.createElement("div");
    wrap.className = "sc-filter";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "Lọc bảng";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    input.placeholder = "Gõ một phần nội dung, có dấu hoặc không dấu";
    var status = document.createElement("span");
    status.className = "sc-filter-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrap.appendChild(label);
    wrap.appendChild(input);
    wrap.appendChild(status);
    box.parentNode.insertBefore(wrap, box);
    var folded = null;
    input.addEventListener("input", function () {
      var rows = Array.prototype.slice.call(body.rows);
      if (!folded) {
        folded = new Map();
        rows.forEach(function (row) {  // cell by cell: "Bí thư" in one cell and "Huyện ủy" in the next stay words
          var cells = Array.prototype.map.call(row.cells, function (cell) { return cell.textContent; });
          folded.set(row, " " + fold(cells.join(" ")) + " ");
        });
      }
      var words = fold(input.value).split(" ").filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = folded.get(row);
        var match = words.every(function (word) { return text.indexOf(" " + word) >= 0; });
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      status.textContent = words.length ? "Hiển thị " + shown + "/" + rows.length + " dòng." : "";
    });
  }

  var tables = document.querySelectorAll("table.sc-data");
  for (var i = 0; i < tables.length; i++) {
    makeSortable(tables[i]);
    addFilter(tables[i]);
  }
})();
