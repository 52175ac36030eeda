// Server-side drafts (drafts/templatetags/drafts.py): htmx posts the form to the draft endpoint a few
// seconds after typing; this file adds what htmx cannot: saving on leaving the page, discarding on
// Cancel, and putting a restored draft back into the fields. Nothing is kept in the browser.
(function () {
  "use strict";

  function setValues(form, name, values) {
    var elements = form.querySelectorAll("[name='" + name.replace(/'/g, "\\'") + "']");
    Array.prototype.forEach.call(elements, function (el, i) {
      // Hidden fields (versions, formset counts) belong to the page as served, not to the draft.
      if (el.type === "hidden" || el.type === "submit" || el.type === "button") return;
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = values.indexOf(el.value) !== -1;
      } else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = values.indexOf(o.value) !== -1; });
      } else if (i < values.length) {
        el.value = values[i];
      } else {
        return;
      }
      // Not bubbling: the page's own scripts react (fields revealed by kind) without a new save.
      el.dispatchEvent(new Event("change"));
    });
  }

  function setup(input) {
    var form = input.form;
    if (!form) return;
    var restoreId = input.getAttribute("data-draft-restore");
    var data = restoreId && document.getElementById(restoreId);
    if (data) {
      var values = JSON.parse(data.textContent);
      Object.keys(values).forEach(function (name) { setValues(form, name, values[name]); });
    }

    var dirty = false;
    var leaving = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function (e) { if (e.isTrusted) dirty = true; });
    form.addEventListener("submit", function () { leaving = true; });
    input.addEventListener("htmx:afterRequest", function (e) { if (e.detail.successful) dirty = false; });

    function post(url, body) {
      if (navigator.sendBeacon) navigator.sendBeacon(url, body);
    }
    function saveOnLeaving() {
      if (dirty && !leaving) {
        post(input.getAttribute("data-draft-save-url"), new FormData(form));
        dirty = false;
      }
    }
    window.addEventListener("pagehide", saveOnLeaving);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") saveOnLeaving();
    });

    // Cancel (any link inside the form not marked data-draft-keep) discards the draft.
    Array.prototype.forEach.call(form.querySelectorAll("a[href]:not([data-draft-keep])"), function (a) {
      a.addEventListener("click", function () {
        leaving = true;
        var body = new FormData();
        body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
        body.append(input.name, input.value);
        post(input.getAttribute("data-draft-discard-url"), body);
      });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-draft-save-url]"), setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
