// Draws every chart of the page: its rows (JSON beside it) put into its design
// (assets/chart-designs.js, written by the build from Altair), with the Vega
// libraries served by the site itself (no network needed).
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
  function draw() {
    var areas = document.querySelectorAll("[data-chart]");
    for (var i = 0; i < areas.length; i++) {
      (function (area) {
        var source = document.getElementById(area.getAttribute("data-chart"));
        var designs = window.SCORECARD_CHART_DESIGNS || {};
        if (!source || typeof vegaEmbed === "undefined" || !designs[source.getAttribute("data-design")]) { return; }
        var spec = Object.assign({}, designs[source.getAttribute("data-design")]);
        spec.data = {values: JSON.parse(source.textContent)};
        var label = area.getAttribute("aria-label");
        vegaEmbed(area, spec, {
          actions: false, renderer: "svg", formatLocale: locale, timeFormatLocale: timeLocale
        }).then(function () {
          // Vega makes its container role=graphics-document labelled "Vega visualization" (English):
          // put back the page's role=img and Vietnamese description (the figcaption says the same).
          area.setAttribute("role", "img");
          area.removeAttribute("aria-roledescription");
          if (label) { area.setAttribute("aria-label", label); }
          area.setAttribute("data-rendered", "true");
        }).catch(function (error) {
          area.textContent = "Không vẽ được biểu đồ; số liệu có trong bảng trên trang.";
          throw error;
        });
      })(areas[i]);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
