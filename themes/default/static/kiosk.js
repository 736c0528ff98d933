// The lobby screen: one slide at a time, every data-seconds seconds. The page carries each table
// whole; here it is cut into as many slides as the screen needs, measured at the screen's real
// size (and again after a resize), so that no row is ever hidden behind the footer. Each page
// repeats the caption with its number (data-page-label), the header row, the total rows and the
// figures under the table; data-max-rows, when set, caps the rows of a page. Once
// data-refresh-minutes have passed the page reloads for new notices, at the end of a cycle, so
// every slide is shown. Without script the page shows every slide, one under the other.
(function () {
  "use strict";
  var body = document.body;
  var area = document.querySelector(".kiosk-slides");
  if (!area) return;
  var seconds = Number(body.getAttribute("data-seconds")) || 15;
  var refresh = Number(body.getAttribute("data-refresh-minutes")) || 10;
  var maxRows = Number(body.getAttribute("data-max-rows")) || Infinity;
  var label = body.getAttribute("data-page-label") || " ({page}/{pages})";
  var loaded = Date.now();
  // The slides as the page carries them (kept to be cut again after a resize), the slides shown
  // and, for each of those, the index of its original.
  var originals = toArray(area.querySelectorAll(".slide"));
  var slides = [];
  var sources = [];
  var current = 0;
  var resizing = null;

  originals.forEach(function (s) { area.removeChild(s); });
  body.classList.add("js");
  var timer = null;
  layout(0);
  // Measured again once the web fonts are in: text set in a fallback font has other heights.
  if (document.fonts && document.fonts.ready) {
    document.fonts.ready.then(function () { layout(sources[current]); });
  }
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () { layout(sources[current]); }, 200);
  });

  /** A live node list as an array. */
  function toArray(list) {
    return Array.prototype.slice.call(list);
  }

  /** Cuts every original into slides for the screen's present size; shows the first of `from`'s. */
  function layout(from) {
    slides.forEach(function (s) { area.removeChild(s); });
    slides = [];
    sources = [];
    originals.forEach(function (original, i) {
      paginate(original).forEach(function (s) {
        slides.push(s);
        sources.push(i);
      });
    });
    slides.forEach(function (s) { area.appendChild(s); });
    current = Math.max(0, sources.indexOf(from));
    if (slides.length) slides[current].classList.add("active");
    // The slide now in view gets its full time.
    clearInterval(timer);
    timer = setInterval(next, seconds * 1000);
  }

  /** The next slide; after the last, the first again, or a reload once it is due. */
  function next() {
    if (!slides.length) return;
    var last = current === slides.length - 1;
    slides[current].classList.remove("active");
    current = last ? 0 : current + 1;
    slides[current].classList.add("active");
    if (last && Date.now() - loaded >= refresh * 60 * 1000) location.reload();
  }

  /** The lowest point a slide may reach: the bottom of the slide area's content box. */
  function limit() {
    return area.getBoundingClientRect().bottom - parseFloat(getComputedStyle(area).paddingBottom);
  }

  /** Whether `slide`, alone in the slide area, ends above the limit. */
  function fits(slide) {
    return slide.getBoundingClientRect().bottom <= limit() + 0.5;
  }

  /** Shows `slide` alone in the slide area, to measure it (nothing is painted in between). */
  function mount(slide) {
    slide.classList.add("active");
    area.appendChild(slide);
  }

  /** Takes a measured slide out again. */
  function unmount(slide) {
    area.removeChild(slide);
    slide.classList.remove("active");
  }

  /** An original as slides: a copy when it has no table rows, else its table in pages that fit. */
  function paginate(original) {
    var table = original.querySelector("table");
    if (!table || !table.tBodies.length || !table.tBodies[0].rows.length) return [fitted(original.cloneNode(true))];
    // The whole table on the screen gives each column its width, kept on every page (so a row
    // is as tall on its page as here), and each row its height.
    var skeleton = original.cloneNode(true);
    mount(skeleton);
    var whole = skeleton.querySelector("table");
    fixColumns(whole);
    var rows = toArray(whole.tBodies[0].rows);
    var heights = rows.map(function (r) { return r.getBoundingClientRect().height; });
    unmount(skeleton);
    whole.replaceChild(whole.tBodies[0].cloneNode(false), whole.tBodies[0]);
    // The room for rows: what a page without rows leaves (numbered as widely as it can be).
    var blank = page(skeleton, rows, [], rows.length, rows.length);
    mount(blank);
    var room = limit() - blank.getBoundingClientRect().bottom;
    unmount(blank);
    return settle(skeleton, rows, balance(heights, room));
  }

  /** A slide without a table (a notice: title, facts, summary, QR code) made to fit: the QR code
   *  beside the text instead of under it, then the summary smaller (to four fifths), then the
   *  summary cut to the lines that fit (the QR code leads to the whole notice). */
  function fitted(slide) {
    mount(slide);
    var summary = slide.querySelector(".kiosk-summary");
    if (!fits(slide) && slide.querySelector(".kiosk-qr")) slide.classList.add("kiosk-side");
    if (summary && !fits(slide)) {
      var size = parseFloat(getComputedStyle(summary).fontSize);
      for (var scale = 0.95; scale > 0.79 && !fits(slide); scale -= 0.05) {
        summary.style.fontSize = (size * scale) + "px";
      }
      var line = parseFloat(getComputedStyle(summary).lineHeight);
      var lines = Math.floor(summary.getBoundingClientRect().height / line);
      summary.classList.add("kiosk-cut");
      while (lines > 1 && !fits(slide)) {
        lines--;
        summary.style.maxHeight = (lines * line) + "px";
        summary.style.webkitLineClamp = String(lines);
      }
      if (fits(slide) && !summary.style.maxHeight) summary.classList.remove("kiosk-cut");
    }
    unmount(slide);
    return slide;
  }

  /** Gives each column of `table` the share of its width it has now, for a fixed layout. */
  function fixColumns(table) {
    var width = table.getBoundingClientRect().width;
    var cols = document.createElement("colgroup");
    toArray(table.tHead.rows[0].cells).forEach(function (cell) {
      var col = document.createElement("col");
      col.style.width = (100 * cell.getBoundingClientRect().width / width) + "%";
      cols.appendChild(col);
    });
    table.insertBefore(cols, table.tHead);
    table.style.tableLayout = "fixed";
  }

  /** Row indices in groups whose heights fill at most `room` each (one row at least). */
  function pack(heights, room) {
    var groups = [[]];
    var used = 0;
    heights.forEach(function (h, i) {
      var group = groups[groups.length - 1];
      if (group.length && (used + h > room + 0.5 || group.length >= maxRows)) {
        group = [];
        groups.push(group);
        used = 0;
      }
      group.push(i);
      used += h;
    });
    return groups;
  }

  /** As few pages as `room` allows, their rows spread evenly (4 and 4 rows, not 7 and 1): the
   *  smallest room that packs into that many pages, found by halving. */
  function balance(heights, room) {
    var pages = pack(heights, room).length;
    var low = heights.reduce(function (a, h) { return Math.max(a, h); }, 0);
    var high = Math.max(room, low);
    for (var i = 0; i < 20 && high - low > 0.5; i++) {
      var mid = (low + high) / 2;
      if (pack(heights, mid).length <= pages) high = mid;
      else low = mid;
    }
    return pack(heights, high);
  }

  /** The pages of `groups`, each tried on the screen: one that overflows passes its last rows on
   *  to the next page until it fits (a row taller than the area stays alone). A pass that adds a
   *  page renumbers every caption, so the pages are tried again. */
  function settle(skeleton, rows, groups) {
    var count;
    do {
      count = groups.length;
      for (var k = 0; k < groups.length; k++) {
        var slide = page(skeleton, rows, groups[k], k + 1, groups.length);
        mount(slide);
        var tbody = slide.querySelector("tbody");
        while (groups[k].length > 1 && !fits(slide)) {
          tbody.removeChild(tbody.lastElementChild);
          if (k + 1 === groups.length) groups.push([]);
          groups[k + 1].unshift(groups[k].pop());
        }
        unmount(slide);
      }
    } while (groups.length !== count);
    return groups.map(function (group, k) { return page(skeleton, rows, group, k + 1, groups.length); });
  }

  /** Page `k` of `n` of a table: the skeleton (caption, header, totals, figures) with its rows. */
  function page(skeleton, rows, group, k, n) {
    var slide = skeleton.cloneNode(true);
    var table = slide.querySelector("table");
    if (n > 1 && table.caption) {
      var number = document.createElement("span");
      number.className = "kiosk-page";
      number.textContent = label.replace("{page}", k).replace("{pages}", n);
      table.caption.appendChild(number);
    }
    var tbody = table.tBodies[0];
    group.forEach(function (i) { tbody.appendChild(rows[i].cloneNode(true)); });
    return slide;
  }
})();
