// The logbook's pages: quick counting on a phone, and no entry logged twice by a double tap.
(function () {
  "use strict";

  // +/- buttons next to a count: data-step="1" or "-1", data-target="<input id>".
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-step]");
    if (!button) return;
    var input = document.getElementById(button.dataset.target);
    if (!input) return;
    var current = parseInt(input.value, 10);
    var next = (isNaN(current) ? 0 : current) + parseInt(button.dataset.step, 10);
    input.value = Math.max(0, next);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });

  // A form is sent once: the second tap on a slow connection would log the activity twice.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[method=post]")) return;
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
    form.querySelectorAll("button[type=submit]").forEach(function (b) {
      // Keep the pressed button's name/value in the request (e.g. "save and log another").
      window.setTimeout(function () { b.disabled = true; }, 0);
    });
  });

  // Selects marked data-autosubmit send their form when changed (e.g. the month picker).
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-autosubmit]")) event.target.form.submit();
  });

  // On a phone the section pills scroll sideways: keep the current one in view.
  var current = document.querySelector(".logbook-nav .nav-link.active");
  if (current && current.parentElement.parentElement.scrollWidth > current.parentElement.parentElement.clientWidth) {
    current.parentElement.parentElement.scrollLeft = current.offsetLeft - 12;
  }

  // Children are counted among the residents: say so at once, before the server does.
  var residents = document.getElementById("id_participants_residents");
  var children = document.getElementById("id_participants_children");
  var hint = document.getElementById("children-hint");
  function checkChildren() {
    if (!residents || !children || !hint) return;
    var r = parseInt(residents.value, 10), c = parseInt(children.value, 10);
    hint.hidden = !(r >= 0 && c > r);
  }
  if (residents && children) {
    residents.addEventListener("input", checkChildren);
    children.addEventListener("input", checkChildren);
  }
})();
