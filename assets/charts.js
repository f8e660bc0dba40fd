// Draws every chart of the page: its rows (JSON beside it) put into its design,
// compiled to Vega at build time (assets/chart-designs.js, from Altair), drawn by
// the Vega library served by the site itself (no network needed).
// Pages without charts never load Vega: its scripts are added only when the
// page has a chart, found beside this script so it works under any path and from disk.
// Vega's expressions are evaluated by its CSP-safe interpreter (vendor/vega-interpreter.js,
// on the ASTs that vega.parse keeps with ast: true), never compiled with Function: the
// pages' Content-Security-Policy allows no 'unsafe-eval'.
(function () {
  "use strict";
  var locale = {decimal: ",", thousands: ".", grouping: [3], currency: ["", " đ"], percent: "%"};
  var timeLocale = {
    dateTime: "%A, %e %B %Y, %X", date: "%d/%m/%Y", time: "%H:%M:%S",
    periods: ["SA", "CH"],
    days: ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
    shortDays: ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
    months: ["tháng 1", "tháng 2", "tháng 3", "tháng 4", "tháng 5", "tháng 6", "tháng 7",
             "tháng 8", "tháng 9", "tháng 10", "tháng 11", "tháng 12"],
    shortMonths: ["Th1", "Th2", "Th3", "Th4", "Th5", "Th6", "Th7", "Th8", "Th9", "Th10", "Th11", "Th12"]
  };
  var ROWS = "rows";  // the dataset of a compiled design that the page's rows go into (scorecard/charts.py)
  var assets = document.currentScript ? document.currentScript.src.replace(/[^\/]*$/, "") : "";

  function fail(area, error) {
    area.textContent = "Không vẽ được biểu đồ; số liệu có trong bảng trên trang.";
    throw error;
  }

  function drawOne(area) {
    var source = document.getElementById(area.getAttribute("data-chart"));
    var designs = window.SCORECARD_CHART_DESIGNS || {};
    var design = source && designs[source.getAttribute("data-design")];
    if (!design || typeof vega === "undefined" || !vega.expressionInterpreter) { return; }
    var spec = JSON.parse(JSON.stringify(design));
    spec.data.forEach(function (set) { if (set.name === ROWS) { set.values = JSON.parse(source.textContent); } });
    var label = area.getAttribute("aria-label");
    var view;
    try {
      view = new vega.View(vega.parse(spec, null, {ast: true}),
                           {renderer: "svg", container: area, hover: true, expr: vega.expressionInterpreter});
    } catch (error) { fail(area, error); }
    view.runAsync().then(function () {
      // Vega labels its SVG as an English "graphics-document": the page's role=img and
      // Vietnamese description (the figcaption says the same) stay on the container.
      area.setAttribute("role", "img");
      area.removeAttribute("aria-roledescription");
      if (label) { area.setAttribute("aria-label", label); }
      area.setAttribute("data-rendered", "true");
    }).catch(function (error) { fail(area, error); });
  }

  function draw() {
    vega.formatLocale(locale);
    vega.timeFormatLocale(timeLocale);
    var areas = document.querySelectorAll("[data-chart]");
    for (var i = 0; i < areas.length; i++) { drawOne(areas[i]); }
  }

  function load(file, then) {
    var script = document.createElement("script");
    script.src = assets + file;
    script.async = false;  // run in the order added: Vega, its interpreter, then the designs
    if (then) { script.onload = then; }
    script.onerror = function () {
      var areas = document.querySelectorAll("[data-chart]");
      for (var i = 0; i < areas.length; i++) { areas[i].textContent = "Không tải được thư viện biểu đồ (" + file + ")."; }
    };
    document.head.appendChild(script);
  }

  function start() {
    if (!document.querySelector("[data-chart]")) { return; }
    load("vendor/vega.min.js");
    load("vendor/vega-interpreter.js");
    load("chart-designs.js", draw);
  }

  // This script comes after the page body (mkdocs.yml extra_javascript): the charts are already there.
  start();
})();
