// The desk tablet (templates/satisfaction/tablet): one question at a time, tap to go on; the thank-you
// screen returns to the waiting screen by itself; a rating left half-filled for a minute is dropped
// (back to the waiting screen, so the next person never finishes someone else's rating).
// Without this file every question is on one page and the thank-you screen has a "Next" link.
(function () {
  "use strict";
  var body = document.body;
  var resetUrl = body.getAttribute("data-reset-url");
  var resetSeconds = Number(body.getAttribute("data-reset-seconds"));
  if (resetUrl && resetSeconds > 0) {
    window.setTimeout(function () { window.location.replace(resetUrl); }, resetSeconds * 1000);
  }

  var form = document.getElementById("rating-form");
  if (!form) { return; }
  var steps = Array.prototype.slice.call(form.querySelectorAll("[data-step]"));

  function show(index) {
    steps.forEach(function (step, i) { step.hidden = i !== index; });
    var heading = steps[index].querySelector("legend, summary, button");
    if (heading && heading.focus) {
      if (!heading.hasAttribute("tabindex") && heading.tagName === "LEGEND") { heading.setAttribute("tabindex", "-1"); }
      heading.focus({ preventScroll: true });
    }
    window.scrollTo(0, 0);
  }

  Array.prototype.forEach.call(form.querySelectorAll("[data-back]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var i = steps.indexOf(button.closest("[data-step]"));
      if (i > 0) { show(i - 1); }
    });
  });

  form.addEventListener("change", function (event) {
    if (event.target.type !== "radio") { return; }
    var i = steps.indexOf(event.target.closest("[data-step]"));
    if (i >= 0 && i < steps.length - 1) { show(i + 1); }
  });

  // After a refused send, open the first step holding an error; otherwise the first step.
  var first = steps.findIndex(function (step) { return step.querySelector(".has-error, .error"); });
  show(first >= 0 ? first : 0);

  var idleUrl = body.getAttribute("data-idle-url");
  var idleSeconds = Number(body.getAttribute("data-idle-seconds"));
  if (idleUrl && idleSeconds > 0) {
    var timer = null;
    var arm = function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { form.reset(); window.location.replace(idleUrl); }, idleSeconds * 1000);
    };
    ["pointerdown", "keydown", "input", "change"].forEach(function (name) {
      document.addEventListener(name, arm, true);
    });
    arm();
  }
})();
