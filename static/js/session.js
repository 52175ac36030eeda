// Two minutes before the idle limit the page warns and offers to stay logged in
// (drafts/includes/_session_warning.html). Any request the page makes restarts the clock.
(function () {
  "use strict";
  var box = document.getElementById("session-warning");
  if (!box) return;
  var idle = parseInt(box.getAttribute("data-idle-seconds"), 10);
  var warn = parseInt(box.getAttribute("data-warn-seconds"), 10);
  var button = box.querySelector("[data-session-stay]");
  var timer = null;

  function schedule() {
    clearTimeout(timer);
    box.hidden = true;
    timer = setTimeout(function () {
      box.hidden = false;
      button.focus();
    }, Math.max(0, idle - warn) * 1000);
  }

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("data-hx-headers"))["X-CSRFToken"];
    } catch (e) {
      return "";
    }
  }

  button.addEventListener("click", function () {
    fetch(box.getAttribute("data-keepalive-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
      redirect: "manual",
    }).then(function (response) {
      if (response.status === 204) schedule();
      else window.location.reload();  // the session had already ended: the login page says so
    });
  });
  document.body.addEventListener("htmx:afterRequest", schedule);
  schedule();
})();
