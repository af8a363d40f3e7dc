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
  // After htmx swaps in a form that failed, move to its error summary (issue 16.1): a phone shows the top of the
  // swapped form, not the button, and a screen reader reads the summary. Without htmx the page's autofocus does it.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    var summary = target && target.querySelector && target.querySelector("[data-error-summary]");
    if (summary) {
      summary.scrollIntoView({block: "start"});
      summary.focus({preventScroll: true});
    }
  });
  // Print buttons are hidden until this script can work them (without it, the browser's own Print remains).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
