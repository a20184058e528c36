// Behaviour that templates ask for with data attributes, so that no page needs an inline script,
// event handler or style (the Content-Security-Policy allows none):
//   <form data-confirm="…"> / <button data-confirm="…">  asks before submitting
//   <select data-autosubmit>                              submits its form when changed
//   <button data-print>                                   prints the page
//   <div data-width="42">                                 style.width = 42%  (progress bars)
//   <span data-bg="#c00">                                 style.backgroundColor (level colours)
// and every <table class="table"> that is not in a .table-responsive is put in one, so that on a
// phone a wide table scrolls sideways in its own box instead of widening the whole page.
// Styles set through element.style are not inline styles for CSP, so they are allowed.
// Listeners are delegated from the document, and content swapped in by HTMX is styled on
// htmx:load, so both work on parts of a page that arrive later.
(function () {
  function applyStyles(root) {
    root.querySelectorAll("[data-width]").forEach(function (el) {
      var percent = Number(el.dataset.width);
      if (!isNaN(percent)) el.style.width = Math.max(0, Math.min(100, percent)) + "%";
    });
    root.querySelectorAll("[data-bg]").forEach(function (el) {
      el.style.backgroundColor = el.dataset.bg;
    });
  }

  function wrapTables(root) {
    var tables = Array.prototype.slice.call(root.querySelectorAll("table.table"));
    if (root.matches && root.matches("table.table")) tables.push(root);
    tables.forEach(function (table) {
      if (table.closest(".table-responsive") || !table.parentNode) return;
      var box = document.createElement("div");
      box.className = "table-responsive";
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]:not(form)");
    if (button && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    if (event.target.closest("[data-print]")) window.print();
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches("form[data-confirm]") && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-autosubmit]");
    if (select && select.form) select.form.submit();
  });

  document.addEventListener("htmx:load", function (event) {
    wrapTables(event.detail.elt);
    applyStyles(event.detail.elt.parentNode || event.detail.elt);
  });
  wrapTables(document);
  applyStyles(document);
})();
