// The intake desk at keyboard speed (issue 16 point 6); the page works without this file (autofocus and
// a round trip do the same, one page load slower).
(function () {
  "use strict";
  var search = document.getElementById("q");

  function results() {
    var list = document.querySelector("#procedure-results [data-results]");
    return list ? Array.prototype.slice.call(list.querySelectorAll("a")) : [];
  }

  // Arrow keys walk from the search box down the results and back up to it.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") {
      return;
    }
    var links = results();
    var at = links.indexOf(document.activeElement);
    var next;
    if (document.activeElement === search) {
      next = event.key === "ArrowDown" ? links[0] : null;
    } else if (at >= 0) {
      next = event.key === "ArrowDown" ? links[Math.min(at + 1, links.length - 1)] : (links[at - 1] || search);
    }
    if (next) {
      event.preventDefault();
      next.focus();
    }
  });

  // "Tick all" without the round trip: tick the list and go on to the applicant's name.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-tick-all]");
    if (!button) {
      return;
    }
    var box = button.closest("fieldset");
    var checks = box ? box.querySelectorAll("input[type=checkbox]") : [];
    if (!checks.length) {
      return;  // nothing here to tick: let the form go to the server
    }
    event.preventDefault();
    checks.forEach(function (check) { check.checked = true; });
    var name = document.getElementById("applicant_name");
    if (name) {
      name.focus();
    }
  });
})();
