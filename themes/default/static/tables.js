// Data tables on phones: gives each cell of a notice's data tables the text of its column
// header (data-label), and marks each row's title cell, so the stylesheet can show every row
// as a card of label: value lines below 40rem instead of a table that scrolls sideways. The
// markup is the templates'; without this script, narrow screens scroll the table as before.
(function () {
  "use strict";
  function headers(table) {
    var row = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    var out = [];
    if (!row) return out;
    for (var i = 0; i < row.cells.length; i++) {
      var c = row.cells[i];
      for (var k = 0; k < (c.colSpan || 1); k++) out.push(c.textContent.trim());
    }
    return out;
  }
  function label(table) {
    var names = headers(table);
    if (!names.length) return;
    table.classList.add("stackable");
    var groups = [];
    for (var g = 0; g < table.tBodies.length; g++) groups.push(table.tBodies[g]);
    if (table.tFoot) groups.push(table.tFoot);
    groups.forEach(function (group) {
      for (var r = 0; r < group.rows.length; r++) {
        var row = group.rows[r];
        var col = 0;
        var titled = false;
        for (var i = 0; i < row.cells.length; i++) {
          var cell = row.cells[i];
          var span = cell.colSpan || 1;
          if (cell.tagName === "TH") {
            // A row header is the card's title.
            cell.classList.add("cell-title");
            titled = true;
          } else if (span === 1 && !cell.hasAttribute("data-label") && names[col] &&
              !cell.classList.contains("capitals")) {
            // (An amount in capitals, 大写, follows its figure under the row's own title.)
            cell.setAttribute("data-label", names[col]);
          }
          col += span;
        }
        // Without a row header: a leading running number (序号) gives way to the next cell.
        if (!titled && row.cells.length > 1 && /^\d+$/.test(row.cells[0].textContent.trim())) {
          row.cells[0].classList.add("cell-no");
          row.cells[1].classList.add("cell-title");
          row.cells[1].removeAttribute("data-label");
        }
      }
    });
  }
  var tables = document.querySelectorAll(".data .data-table");
  for (var i = 0; i < tables.length; i++) label(tables[i]);
})();
