// Search over the year's units, groups and indicators (assets/search-index.js),
// folding Vietnamese diacritics so "yen lac", "YEN LAC" and "Yên Lạc" all match (the folding of
// assets/tables.js, loaded on every page).
// Works offline and from disk; results are built as text nodes, never as HTML.
(function () {
  "use strict";
  var index = window.SCORECARD_SEARCH || [];
  var input = document.getElementById("sc-search-input");
  var list = document.getElementById("sc-search-results");
  var status = document.getElementById("sc-search-status");
  if (!input || !list) { return; }

  var fold;  // assets/tables.js's folding, shared with the tables' filter boxes

  function score(entry, tokens, phrase) {
    var words = entry.f.split(" ");
    var title = entry.n;
    var total = 0;
    for (var i = 0; i < tokens.length; i++) {
      var found = false;
      for (var j = 0; j < words.length; j++) {
        if (words[j].lastIndexOf(tokens[i], 0) === 0) { found = true; break; }
      }
      if (!found) { return 0; }
      if ((" " + title + " ").indexOf(" " + tokens[i]) >= 0) { total += 10; }
    }
    if (title === phrase || entry.i === phrase.replace(/ /g, "-")) { total += 100; }
    if ((" " + title + " ").indexOf(" " + phrase + " ") >= 0) { total += 50; }
    return total + entry.w;
  }

  function show(query) {
    var phrase = fold(query);
    var tokens = phrase ? phrase.split(" ") : [];
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!tokens.length) { status.textContent = "Gõ tên đơn vị, chỉ tiêu hoặc mã, có dấu hoặc không dấu."; return; }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var s = score(index[i], tokens, phrase);
      if (s > 0) { hits.push([s, index[i]]); }
    }
    hits.sort(function (a, b) { return b[0] - a[0] || a[1].t.length - b[1].t.length || (a[1].t < b[1].t ? -1 : 1); });
    status.textContent = hits.length ? "Tìm thấy " + hits.length + " kết quả." : "Không tìm thấy kết quả nào.";
    for (var k = 0; k < hits.length && k < 50; k++) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = hits[k][1].u;
      link.textContent = hits[k][1].t;
      var detail = document.createElement("span");
      detail.className = "sc-note";
      detail.textContent = " — " + hits[k][1].s;
      item.appendChild(link);
      item.appendChild(detail);
      list.appendChild(item);
    }
  }

  // tables.js (which folds) comes after the page body, with the site's other scripts: start once it ran.
  document.addEventListener("DOMContentLoaded", function () {
    fold = window.scorecardFold;
    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    show(query);
    input.addEventListener("input", function () { show(input.value); });
  });
})();
