// The criterion form: show only the parameters of the chosen metric.
// Without this script every metric's parameters are shown, each under its
// metric's name, and only the chosen metric's are used.
(function () {
  "use strict";
  var select = document.getElementById("id_version-metric") || document.getElementById("id_metric");
  if (!select) { return; }
  var groups = document.querySelectorAll("[data-metric-group]");
  function update() {
    groups.forEach(function (group) {
      group.classList.toggle("d-none", group.getAttribute("data-metric-group") !== select.value);
    });
  }
  select.addEventListener("change", update);
  update();
})();
