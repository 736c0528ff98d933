// The catalogue (公开目录) in the reader's browser: filters the rows of the page by a keyword
// (anywhere in the row: title, document and index number, summary, kind, department, date),
// kind, department and "open only", and sorts them by index number, title or date from the column
// headers or the sort menu. Without it the whole table shows.
(function () {
  "use strict";
  var form = document.querySelector(".catalogue-filter");
  var table = document.querySelector(".catalogue-table");
  if (!form || !table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  // Each row's text in lower case, read once.
  var texts = new Map(rows.map(function (tr) { return [tr, tr.textContent.toLowerCase()]; }));
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
      var ok = (!q || texts.get(tr).indexOf(q) >= 0) &&
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

  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var select = form.elements.sort;

  // Sorts the rows by `by` (date, index, title), ascending or descending; the column header
  // and the sort menu (for phones, where the header is hidden) both say so.
  function sortBy(by, direction) {
    headers.forEach(function (c) {
      if (c.getAttribute("data-sort") === by) c.setAttribute("aria-sort", direction);
      else c.removeAttribute("aria-sort");
    });
    if (select) {
      var option = by + "-" + direction;
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === option; });
      select.value = known ? option : "";
    }
    rows.sort(function (a, b) {
      var c = collator.compare(key(a, by), key(b, by));
      return direction === "descending" ? -c : c;
    });
    rows.forEach(function (tr) { body.appendChild(tr); });
  }

  headers.forEach(function (th) {
    var by = th.getAttribute("data-sort");
    if (!by) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      sortBy(by, th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending");
    });
  });
  if (select) {
    select.addEventListener("change", function (e) {
      e.stopPropagation();
      var parts = select.value.split("-");
      if (parts.length === 2) sortBy(parts[0], parts[1]);
    });
  }
  form.addEventListener("input", function (e) { if (e.target !== select) filter(); });
  form.addEventListener("change", function (e) { if (e.target !== select) filter(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  filter();
})();
