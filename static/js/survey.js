/* Survey form: hide a conditional question until the answer it depends on is given. Without this
   script every question is shown with a note "answer only if …"; the server discards the answers of
   questions whose condition is not met, so the script only makes the form shorter. */
(function () {
  "use strict";
  function chosen(form, name) {
    return Array.prototype.filter.call(form.querySelectorAll("[name='" + name + "']"), function (el) {
      return (el.type !== "radio" && el.type !== "checkbox") || el.checked;
    }).map(function (el) { return el.value; });
  }
  function update(form) {
    form.querySelectorAll("[data-show-if]").forEach(function (box) {
      var source = form.querySelector("#question-" + box.dataset.showIf.slice(1));
      var values = chosen(form, box.dataset.showIf);
      var sourceShown = !source || !source.hidden;
      var ok = box.dataset.op === "includes" ? values.indexOf(box.dataset.value) >= 0
        : values.length === 1 && values[0] === box.dataset.value;
      box.hidden = !(sourceShown && ok);
      box.querySelectorAll("input, textarea, select").forEach(function (el) { el.disabled = box.hidden; });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.survey");
    if (!form) { return; }
    form.classList.add("survey-js");
    form.addEventListener("change", function () { update(form); });
    update(form);
  });
})();
