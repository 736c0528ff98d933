// The catalogue (公开目录) in the reader's browser: filters the rows of the page by a keyword
// (title, index number, document number, summary), kind, department and "open only", and sorts
// them by index number, title or date from the column headers. Without it the whole table shows.
(function () {
  "use strict";
  var form = document.querySelector(".catalogue-filter");
  var table = document.querySelector(".catalogue-table");
  if (!form || !table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var count = form.querySelector(".catalogue-count");
  var words = count.getAttribute("data-words") || "{shown} / {total}";
  var collator = new Intl.Collator(document.documentElement.lang || "zh-CN", { numeric: true });

  function value(name) {
    var el = form.elements[name];
    return el ? (el.type === "checkbox" ? el.checked : el.value.trim().toLowerCase()) : "";
  }

  function filter() {
    var q = value("q"), kind = value("kind"), dept = value("department"), open = value("open");
    var shown = 0;
    rows.forEach(function (tr) {
      var ok = (!q || tr.textContent.toLowerCase().indexOf(q) >= 0) &&
        (!kind || tr.getAttribute("data-kind").toLowerCase() === kind) &&
        (!dept || tr.getAttribute("data-department").toLowerCase() === dept) &&
        // The status script may have closed a period since the page was built.
        (!open || tr.querySelector(".status-open") !== null);
      tr.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = words.replace("{shown}", shown).replace("{total}", rows.length);
  }

  function key(tr, by) {
    if (by === "date") return tr.getAttribute("data-date");
    if (by === "index") return tr.cells[0].textContent.trim();
    return tr.cells[1].querySelector("a").textContent.trim();
  }

  function sortBy(th, by) {
    var descending = th.getAttribute("aria-sort") === "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    rows.sort(function (a, b) {
      var c = collator.compare(key(a, by), key(b, by));
      return descending ? -c : c;
    });
    rows.forEach(function (tr) { body.appendChild(tr); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    var by = th.getAttribute("data-sort");
    if (!by) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () { sortBy(th, by); });
  });
  form.addEventListener("input", filter);
  form.addEventListener("change", filter);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  filter();
})();
