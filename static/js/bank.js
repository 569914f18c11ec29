/* Keyboard shortcuts of the bank page (no libraries; the forms work without it).
   j / k: next / previous line;  c: confirm the suggestion;  m: type a member number;
   b: type an account to book to;  i: ignore the line;  u: upload a statement;  ?: help. */
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-line]"));
  var current = -1;
  function focusRow(index) {
    if (!rows.length) { return; }
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) { row.classList.toggle("current", i === current); });
    rows[current].focus();
  }
  function row() { return current >= 0 ? rows[current] : null; }
  function submit(selector) {
    var r = row();
    var form = r && r.querySelector(selector);
    if (form) { form.submit(); }
  }
  function focusInput(selector) {
    var r = row();
    var input = r && r.querySelector(selector);
    if (input) { input.focus(); }
  }
  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea") {
      if (event.key === "Escape") { event.target.blur(); focusRow(current); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    switch (event.key) {
      case "j": focusRow(current + 1); break;
      case "k": focusRow(current - 1); break;
      case "c": submit("form.confirm"); break;
      case "i": submit("form.ignore"); break;
      case "m": focusInput("form.correct input[name=member]"); break;
      case "b": focusInput("form.book input[name=account]"); break;
      case "u": var file = document.getElementById("id_file"); if (file) { file.focus(); } break;
      case "?": var help = document.getElementById("shortcuts"); if (help) { help.open = !help.open; } break;
      default: return;
    }
    event.preventDefault();
  });
  rows.forEach(function (r, i) { r.addEventListener("focus", function () { current = i; }); });
  if (rows.length) { focusRow(0); }
})();
