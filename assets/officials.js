// An official's record across years ("Qua các năm"): every year in which the same official_id
// appears, with the posts held and the unit's score and rating, each year linking to its page.
// Reads officials/<bucket>.js at the site's root, which every build writes from every year's
// export/officials.csv: a closed year's page (never rebuilt) so learns of later years.
// Where the file is missing (a single year opened from its zip, another year's record absent) the
// page shows this year's posts only, as written in it.
(function () {
  "use strict";
  var box = document.getElementById("sc-official-history");
  if (!box) { return; }
  var official = box.getAttribute("data-official");
  var root = box.getAttribute("data-root");
  var here = (document.querySelector(".sc-years") || box).getAttribute("data-year");
  var record = (window.SCORECARD_OFFICIALS || {})[official];
  if (!record || Object.keys(record).length < 2) { return; }
  // 0.8765 -> "87,7%" as the pages write it
  function percent(value) {
    var text = (value * 100).toFixed(1).split(".");
    return text[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".") + "," + text[1] + "%";
  }
  // 2021-07-16 -> "16/07/2021"
  function date(iso) { var p = iso.split("-"); return p[2] + "/" + p[1] + "/" + p[0]; }
  var ratings = {"xuat-sac": "Hoàn thành xuất sắc nhiệm vụ", "tot": "Hoàn thành tốt nhiệm vụ",
                 "hoan-thanh": "Hoàn thành nhiệm vụ", "khong-hoan-thanh": "Không hoàn thành nhiệm vụ"};

  var table = document.createElement("table");
  table.className = "sc-data";
  table.createCaption().textContent =
    "Các chức vụ qua các năm; điểm, xếp loại của đơn vị ở kỳ cuối cùng giữ chức vụ trong năm";
  var head = table.createTHead().insertRow();
  [["Năm", ""], ["Chức vụ", ""], ["Đơn vị", ""], ["Thời gian", ""], ["Điểm của đơn vị", "sc-num"],
   ["Xếp loại của đơn vị", ""]].forEach(function (column) {
    var th = document.createElement("th");
    th.scope = "col";
    th.textContent = column[0];
    if (column[1]) { th.className = column[1]; }
    head.appendChild(th);
  });
  var body = table.createTBody();
  Object.keys(record).sort().forEach(function (year) {
    record[year].p.forEach(function (post) {
      var row = body.insertRow();
      var cell = row.insertCell();
      if (year === here) {
        cell.textContent = year + " (trang này)";
      } else {
        var link = document.createElement("a");
        link.href = root + year + "/can-bo/" + official + ".html";
        link.textContent = year;
        cell.appendChild(link);
      }
      row.insertCell().textContent = post[0];
      row.insertCell().textContent = post[2];
      row.insertCell().textContent = date(post[3]) + " – " + date(post[4]);
      var score = row.insertCell();
      score.className = "sc-num";
      score.textContent = post[5] === null ? "–" : percent(post[5]);
      if (post[5] !== null) { score.setAttribute("data-sort", String(post[5])); }
      row.insertCell().textContent = post[6] ? ratings[post[6]] : "–";
    });
  });
  var heading = document.createElement("h2");
  heading.id = "qua-cac-nam";
  heading.textContent = "Qua các năm";
  box.appendChild(heading);
  var note = document.createElement("p");
  note.textContent = "Những năm có cùng mã cán bộ " + official + "; bấm vào năm để mở trang của năm đó.";
  box.appendChild(note);
  var wrap = document.createElement("div");
  wrap.className = "sc-table";
  wrap.appendChild(table);
  box.appendChild(wrap);
})();
