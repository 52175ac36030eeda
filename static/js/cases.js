// The case pages: reveal the fields that belong to the chosen kind or type, add and remove residents
// while opening a case, and narrow the contact persons to the chosen partner. Everything works
// without this file too (all fields are then shown); it only makes the forms quicker on a phone.
(function () {
  "use strict";

  function each(selector, root, fn) {
    Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn);
  }

  // Entry fields: show residents present, partner, category and concern only for the kinds they belong to.
  function setupEntryFields(box) {
    var kind = box.querySelector("select[name$='kind']");
    if (!kind) return;
    function reveal() {
      each("[data-show-for-kinds]", box, function (el) {
        el.hidden = el.getAttribute("data-show-for-kinds").split(" ").indexOf(kind.value) === -1;
      });
    }
    kind.addEventListener("change", reveal);
    reveal();

    each("[data-show-if-checked]", box, function (el) {
      var checkbox = document.getElementById(el.getAttribute("data-show-if-checked"));
      if (!checkbox) return;
      function toggle() { el.hidden = !checkbox.checked; }
      checkbox.addEventListener("change", toggle);
      toggle();
    });

    var partner = box.querySelector("select[name$='partner']");
    var contact = box.querySelector("select[name$='contact']");
    if (partner && contact) {
      var options = Array.prototype.map.call(contact.options, function (o) { return o.cloneNode(true); });
      var narrow = function () {
        var chosen = contact.value;
        contact.innerHTML = "";
        options.forEach(function (o) {
          if (!o.value || !partner.value || o.getAttribute("data-partner") === partner.value) {
            contact.appendChild(o.cloneNode(true));
          }
        });
        contact.value = chosen;
        if (contact.value !== chosen) contact.value = "";
      };
      partner.addEventListener("change", narrow);
      narrow();
    }
  }

  // Opening a case: the type decides which details and which party roles apply.
  function setupCaseOpen(form) {
    var rolesData = document.getElementById("roles-by-type");
    var rolesByType = rolesData ? JSON.parse(rolesData.textContent) : {};

    function currentType() {
      var checked = form.querySelector("[data-case-type-choice]:checked");
      return checked ? checked.value : "";
    }

    function applyType() {
      var type = currentType();
      each("[data-show-for-case-type]", form, function (el) {
        el.hidden = el.getAttribute("data-show-for-case-type") !== type;
      });
      var allowed = rolesByType[type];
      each("select[name$='-role']", form, function (select) {
        if (!allowed) return;
        Array.prototype.forEach.call(select.options, function (o) {
          o.disabled = allowed.indexOf(o.value) === -1;
          o.hidden = o.disabled;
        });
        if (select.selectedOptions.length && select.selectedOptions[0].disabled) {
          select.value = allowed[0];
        }
      });
    }

    function activeRows(prefix) {
      return Array.prototype.filter.call(
        form.querySelectorAll("[data-formset='" + prefix + "'] [data-formset-row]"),
        function (row) { return !row.hidden; }
      );
    }

    function addRow(prefix) {
      var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      var index = parseInt(total.value, 10);
      var html = document.getElementById(prefix + "-template").innerHTML.replace(/__prefix__/g, String(index));
      var list = form.querySelector("[data-formset='" + prefix + "']");
      list.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var row = list.lastElementChild;
      applyType();
      // In a neighbour conflict the second resident is usually the one complained about.
      var role = row.querySelector("select[name$='-role']");
      var allowed = rolesByType[currentType()];
      if (role && allowed && allowed.length > 1 && activeRows("party").length + activeRows("new").length > 1) {
        role.value = allowed[1];
      }
      return row;
    }

    form.addEventListener("change", function (event) {
      if (event.target.matches("[data-case-type-choice]")) applyType();
    });

    form.addEventListener("click", function (event) {
      var add = event.target.closest("[data-add-resident]");
      if (add) {
        var id = add.getAttribute("data-add-resident");
        var already = activeRows("party").some(function (row) {
          return row.querySelector("input[name$='-resident']").value === id;
        });
        if (!already) {
          var row = addRow("party");
          row.querySelector("input[name$='-resident']").value = id;
          row.querySelector("[data-resident-label]").textContent = add.getAttribute("data-name");
          row.querySelector("[data-resident-address]").textContent = add.getAttribute("data-address");
        }
        document.getElementById("resident-results").innerHTML = "";
        var search = document.getElementById("resident-search");
        search.value = "";
        search.focus();
        return;
      }
      if (event.target.closest("[data-add-new-resident]")) {
        var newRow = addRow("new");
        var name = newRow.querySelector("input[name$='-name']");
        var typed = document.getElementById("resident-search").value;
        if (name) {
          if (typed && !/\d/.test(typed)) name.value = typed;
          name.focus();
        }
        return;
      }
      var remove = event.target.closest("[data-remove-row]");
      if (remove) {
        var removed = remove.closest("[data-formset-row]");
        removed.querySelector("[data-delete]").checked = true;
        removed.hidden = true;
      }
    });

    // Enter in the search box searches; it must not submit the whole form.
    each("[data-no-submit]", form, function (input) {
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") event.preventDefault();
      });
    });

    applyType();
  }

  function init() {
    each("[data-entry-fields]", document, setupEntryFields);
    each("[data-case-open]", document, setupCaseOpen);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
