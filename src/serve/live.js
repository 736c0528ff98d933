// gongkai live reload: injected into pages served by `gongkai serve`, never into `build` output.
(function () {
  "use strict";
  var overlay = null;
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function show(errors) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "gongkai-errors";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#fff;font:14px/1.6 ui-monospace,Menlo,Consolas,monospace;padding:24px";
    var h = document.createElement("h2");
    var zh = /^zh/i.test(document.documentElement.lang || "");
    h.textContent = zh
      ? "gongkai：网站未能重建（" + errors.length + " 个错误），仍显示上一次成功生成的版本"
      : "gongkai: the site could not be rebuilt (" + errors.length + " error" + (errors.length === 1 ? "" : "s") + ") — still showing the last good version";
    h.style.cssText = "font:600 18px/1.4 system-ui,sans-serif;color:#ffb4ab;margin:0 0 16px";
    overlay.appendChild(h);
    errors.forEach(function (e) {
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;background:#000;border-left:4px solid #ff6b5e;padding:12px;margin:0 0 12px";
      pre.textContent = e;
      overlay.appendChild(pre);
    });
    document.body.appendChild(overlay);
  }
  function restyle() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("gongkai", String(Date.now()));
      links[i].href = url.href;
    }
  }
  var source = new EventSource("/__gongkai/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("css", restyle);
  source.addEventListener("errors", function (e) { show(JSON.parse(e.data)); });
  source.addEventListener("ok", hide);
})();
