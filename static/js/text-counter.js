// A visible counter under every long text field (textarea[data-counter][maxlength]): "1.234 / 20.000".
(function () {
  "use strict";

  function attach(area) {
    if (area.dataset.counterAttached) return;
    area.dataset.counterAttached = "1";
    var max = parseInt(area.getAttribute("maxlength"), 10);
    var lang = document.documentElement.lang || "da";
    var counter = document.createElement("div");
    counter.className = "form-text text-end text-counter";
    counter.id = (area.id || area.name) + "-counter";
    area.insertAdjacentElement("afterend", counter);
    var described = area.getAttribute("aria-describedby");
    area.setAttribute("aria-describedby", described ? described + " " + counter.id : counter.id);
    function update() {
      counter.textContent = area.value.length.toLocaleString(lang) + " / " + max.toLocaleString(lang);
      counter.classList.toggle("text-danger", area.value.length >= max);
    }
    area.addEventListener("input", update);
    update();
  }

  function attachAll(root) {
    root.querySelectorAll("textarea[data-counter][maxlength]").forEach(attach);
  }

  document.addEventListener("DOMContentLoaded", function () { attachAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { attachAll(event.target); });
})();
