// ilo-check's HTML reports: filters by status and area, and every passage open when printed.
// Without script the filters stay hidden and the page shows what it was written with.
(function () {
  "use strict";
  var form = document.querySelector("form[data-filters]");

  function apply() {
    var statuses = Array.prototype.map.call(
      form.querySelectorAll("input[name=status]:checked"), function (box) { return box.value; });
    var area = form.elements.area ? form.elements.area.value : "";
    var rows = document.querySelectorAll("[data-filtered] tr[data-status]");
    Array.prototype.forEach.call(rows, function (row) {
      var ok = row.getAttribute("data-status").split(" ").some(function (status) {
        return statuses.indexOf(status) >= 0;
      }) && (!area || row.getAttribute("data-area") === area);
      row.hidden = !ok;
    });
    // An area's heading goes with its last shown row.
    Array.prototype.forEach.call(document.querySelectorAll("[data-filtered] tbody[data-area]"), function (group) {
      group.hidden = !group.querySelector("tr[data-status]:not([hidden])");
    });
    // The count is the first table's: the matrix a reader filters, not the reports' own below it.
    var first = document.querySelector("[data-filtered]");
    var own = first.querySelectorAll("tr[data-status]");
    var visible = first.querySelectorAll("tr[data-status]:not([hidden])");
    var count = form.querySelector("[data-count]");
    if (count) { count.textContent = visible.length + " of " + own.length + " items shown"; }
  }

  function openAll(open) {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (item) { item.open = open; });
  }

  if (form) {
    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var toggle = form.querySelector("[data-expand]");
    if (toggle) {
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-pressed") !== "true";
        openAll(open);
        toggle.setAttribute("aria-pressed", open ? "true" : "false");
      });
    }
    apply();
  }

  // Printed, every passage is shown; the reader's own choice comes back afterwards.
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (item) { return !item.open; });
    openAll(true);
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (item) { item.open = false; });
    closed = [];
  });
})();
