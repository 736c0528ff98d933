// The lobby screen: shows one slide at a time, every data-seconds seconds, and reloads the page
// every data-refresh-minutes minutes so new notices appear and closed ones leave by themselves.
(function () {
  "use strict";
  var body = document.body;
  var slides = document.querySelectorAll(".slide");
  var seconds = Number(body.getAttribute("data-seconds")) || 15;
  var refresh = Number(body.getAttribute("data-refresh-minutes")) || 10;
  var current = 0;
  body.classList.add("js");
  if (slides.length > 1) {
    setInterval(function () {
      slides[current].classList.remove("active");
      current = (current + 1) % slides.length;
      slides[current].classList.add("active");
    }, seconds * 1000);
  }
  setTimeout(function () { location.reload(); }, refresh * 60 * 1000);
})();
