// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Forms marked data-confirm ask before they are sent (removals, resets).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);
  // Print buttons are hidden until this script can work them (without it, the browser's own Print remains).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
