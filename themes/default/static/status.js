// Keeps the notice-period status true between builds: each status carries its period and its
// working days as data; this updates the text from the reader's clock in the site's time zone.
// Without JavaScript the build-time status stays, marked "as of" the build date.
(function () {
  "use strict";
  var body = document.body;
  var tz = body.getAttribute("data-tz") || "Asia/Shanghai";
  var today, clock;
  try {
    var now = new Date();
    today = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
    // HH:MM on a 24-hour clock, to compare with a period's end time (17:00).
    var parts = new Intl.DateTimeFormat("en-GB", { timeZone: tz, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(now);
    var hh = "00", mm = "00";
    for (var p = 0; p < parts.length; p++) {
      if (parts[p].type === "hour") hh = parts[p].value;
      if (parts[p].type === "minute") mm = parts[p].value;
    }
    clock = hh + ":" + mm;
  } catch (e) {
    return;
  }
  var items = document.querySelectorAll("[data-period-end]");
  for (var i = 0; i < items.length; i++) {
    var el = items[i];
    var start = el.getAttribute("data-period-start");
    var end = el.getAttribute("data-period-end");
    var endTime = el.getAttribute("data-period-end-time");
    var days = (el.getAttribute("data-working-dates") || "").split(" ");
    var over = today > end || (today === end && endTime && clock >= endTime);
    var code = today < start ? "pending" : over ? "closed" : "open";
    var text = body.getAttribute("data-l-" + code) || code;
    if (code === "open" && today === end && endTime) {
      text += " · " + (body.getAttribute("data-l-until") || "{t}").replace("{t}", endTime);
    } else if (code === "open") {
      var left = 0;
      for (var j = 0; j < days.length; j++) {
        if (days[j] && days[j] >= today) left++;
      }
      text += " · " + (body.getAttribute("data-l-days-left") || "{n}").replace("{n}", String(Math.max(left, 1)));
    }
    el.textContent = text;
    el.className = "status status-" + code;
  }
  var notes = document.querySelectorAll(".as-of");
  for (var k = 0; k < notes.length; k++) notes[k].hidden = true;
})();
