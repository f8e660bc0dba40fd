// Across years: the year switcher in every page's banner, and a unit's results year by year.
// Reads the site's years.js, units/<bucket>.js and officials/<bucket>.js (written at each build, so pages of closed years
// also learn of later years); where they are missing (a single year opened from its zip)
// nothing is shown.
(function () {
  "use strict";
  var box = document.querySelector(".sc-years");
  var years = window.SCORECARD_YEARS || [];
  var units = window.SCORECARD_UNITS || {};
  if (!box) { return; }
  var here = box.getAttribute("data-year");
  var unit = box.getAttribute("data-unit");
  var official = box.getAttribute("data-official");  // an official's page: can-bo/<id>.html in other years
  var officials = window.SCORECARD_OFFICIALS || {};
  var root = box.getAttribute("data-root");
  // 0.8765 -> "87,7%" as the pages write it (Intl.NumberFormat cost tens of ms loading its locale data)
  function percent(value) {
    var text = (value * 100).toFixed(1).split(".");
    return text[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".") + "," + text[1] + "%";
  }
  var ratings = {"xuat-sac": "Hoàn thành xuất sắc nhiệm vụ", "tot": "Hoàn thành tốt nhiệm vụ",
                 "hoan-thanh": "Hoàn thành nhiệm vụ", "khong-hoan-thanh": "Không hoàn thành nhiệm vụ"};

  // The switcher goes before the page's link to the archive's front page ("Tất cả các năm").
  var others = years.filter(function (y) { return String(y.year) !== here; });
  var archive = box.querySelector(".sc-archive");
  if (others.length) {
    var label = document.createElement("span");
    label.textContent = "Năm khác: ";
    box.insertBefore(label, archive);
    others.forEach(function (y, i) {
      var link = document.createElement("a");
      var has = unit && units[unit] && units[unit][String(y.year)];
      var person = official && officials[official] && officials[official][String(y.year)];
      link.href = root + y.year + (has ? "/don-vi/" + unit + ".html"
                                   : person ? "/can-bo/" + official + ".html" : "/index.html");
      link.textContent = String(y.year);
      link.title = has ? "Đơn vị này năm " + y.year : person ? "Cán bộ này năm " + y.year : "Tổng hợp năm " + y.year;
      if (i) { box.insertBefore(document.createTextNode(" · "), archive); }
      box.insertBefore(link, archive);
    });
    box.insertBefore(document.createTextNode(" · "), archive);
  }

  var history = document.getElementById("sc-history");
  var record = unit && units[unit];
  if (!history || !record || Object.keys(record).length < 2) { return; }
  var table = document.createElement("table");
  table.className = "sc-data";
  var caption = table.createCaption();
  caption.textContent = "Kết quả của đơn vị qua các năm (điểm, xếp loại, thứ hạng trong nhóm)";
  var head = table.createTHead().insertRow();
  ["Năm", "Điểm", "Xếp loại", "Thứ hạng"].forEach(function (text) {
    var th = document.createElement("th");
    th.scope = "col";
    th.textContent = text;
    head.appendChild(th);
  });
  var body = table.createTBody();
  Object.keys(record).sort().forEach(function (year) {
    var facts = record[year];
    var row = body.insertRow();
    var link = document.createElement("a");
    link.href = root + year + "/don-vi/" + unit + ".html";
    link.textContent = year;
    row.insertCell().appendChild(link);
    var score = row.insertCell();
    score.textContent = facts[0] === null ? "–" : percent(facts[0]);
    if (facts[0] !== null) { score.setAttribute("data-sort", String(facts[0])); }  // tables.js sorts by it
    row.insertCell().textContent = facts[1] ? ratings[facts[1]] : "chưa xếp loại";
    row.insertCell().textContent = facts[2] === null ? "–" : facts[2] + "/" + facts[3];
  });
  var heading = document.createElement("h2");
  heading.id = "qua-cac-nam";
  heading.textContent = "Qua các năm";
  history.appendChild(heading);
  var wrap = document.createElement("div");
  wrap.className = "sc-table";
  wrap.appendChild(table);
  history.appendChild(wrap);
})();
