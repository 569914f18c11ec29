/* Estama pages: small enhancements on top of pages that work without JavaScript.
   Loaded from static files only (Content-Security-Policy script-src 'self').
   - [data-print]: a button that opens the browser's print dialog;
   - [data-typeahead]: member suggestions from the JSON endpoint named by the attribute;
   - form[data-allocation]: which open items the typed amount settles, oldest first,
     and what becomes credit (the same rule as the server's payment preview);
   - [data-once]: a submit button that cannot be pressed twice;
   - [data-poll]: reloads the page every few seconds while a background job runs;
   - [data-check-all]: a checkbox that (un)checks every checkbox named by it. */
(function () {
  "use strict";

  function rupiah(value) {
    var sign = value < 0 ? "-" : "";
    var digits = String(Math.abs(Math.round(value)));
    return "Rp " + sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function parseAmount(text) {
    var cleaned = String(text || "").replace(/^\s*rp/i, "").replace(/[\s.]/g, "").replace(/,0+$/, "");
    return /^\d+$/.test(cleaned) ? parseInt(cleaned, 10) : null;
  }

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  document.querySelectorAll("[data-once]").forEach(function (button) {
    var form = button.form;
    if (!form) { return; }
    form.addEventListener("submit", function (event) {
      if (event.submitter !== button) { return; }
      if (button.dataset.sent) { event.preventDefault(); return; }
      button.dataset.sent = "1";
      button.setAttribute("aria-disabled", "true");
    });
  });

  document.querySelectorAll("[data-check-all]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.querySelectorAll('input[type="checkbox"][name="' + box.dataset.checkAll + '"]')
        .forEach(function (other) { other.checked = box.checked; });
    });
  });

  document.querySelectorAll("[data-poll]").forEach(function (element) {
    var seconds = parseInt(element.dataset.poll, 10) || 2;
    window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
  });

  document.querySelectorAll("input[data-typeahead]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var timer = null;
    var active = -1;
    function close() {
      list.hidden = true; list.innerHTML = ""; active = -1;
      input.setAttribute("aria-expanded", "false");
    }
    function mark(items) {
      items.forEach(function (li, index) {
        li.setAttribute("aria-selected", index === active ? "true" : "false");
      });
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var query = input.value.trim();
      if (query.length < 2) { close(); return; }
      timer = window.setTimeout(function () {
        fetch(input.dataset.typeahead + "?q=" + encodeURIComponent(query), {
          headers: { Accept: "application/json" }, credentials: "same-origin"
        }).then(function (response) { return response.json(); }).then(function (data) {
          list.innerHTML = "";
          data.results.forEach(function (row, index) {
            var li = document.createElement("li");
            li.setAttribute("role", "option");
            li.id = list.id + "-" + index;
            var link = document.createElement("a");
            link.href = row.url;
            link.textContent = row.number + " — " + row.name;
            var small = document.createElement("small");
            small.textContent = " " + row.region + " · " + row.status;
            link.appendChild(small);
            li.appendChild(link);
            list.appendChild(li);
          });
          list.hidden = data.results.length === 0;
          input.setAttribute("aria-expanded", data.results.length ? "true" : "false");
        }).catch(close);
      }, 200);
    });
    input.addEventListener("keydown", function (event) {
      var items = Array.prototype.slice.call(list.querySelectorAll("li"));
      if (!items.length) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        active = (active + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        mark(items);
        input.setAttribute("aria-activedescendant", items[active].id);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = items[active].querySelector("a").href;
      } else if (event.key === "Escape") {
        close();
      }
    });
  });

  document.querySelectorAll("form[data-allocation]").forEach(function (form) {
    var amountInput = form.querySelector('input[name="amount"]');
    var table = form.querySelector("table.allocation");
    var summary = form.querySelector("#allocation-summary");
    if (!amountInput || !summary) { return; }
    var credit = table ? parseInt(table.dataset.credit, 10) || 0 : 0;
    function update() {
      var amount = parseAmount(amountInput.value);
      if (amount === null) { return; }
      var available = amount > 0 ? amount + credit : 0;
      var settled = 0, remaining = 0, count = 0;
      if (table) {
        table.querySelectorAll("tbody tr").forEach(function (row) {
          var outstanding = parseInt(row.dataset.outstanding, 10) || 0;
          var part = Math.min(outstanding, Math.max(available, 0));
          available -= part;
          settled += part;
          remaining += outstanding - part;
          if (part > 0 && part === outstanding) { count += 1; }
          row.querySelector(".settled").textContent = rupiah(part);
          var cell = row.querySelector(".remaining");
          cell.textContent = "";
          if (outstanding - part > 0) {
            cell.textContent = rupiah(outstanding - part);
          } else {
            var badge = document.createElement("span");
            badge.className = "badge ok";
            badge.textContent = summary.dataset.paidBadge || "Lunas";
            cell.appendChild(badge);
          }
          row.classList.toggle("is-settled", part > 0);
        });
        table.querySelector('[data-total="settled"]').textContent = rupiah(settled);
        table.querySelector('[data-total="remaining"]').textContent = rupiah(remaining);
      }
      var creditUsed = amount > 0 ? Math.min(credit, settled) : 0;
      var over = amount > 0 ? amount + creditUsed - settled : 0;
      var text = (summary.dataset.settlesLabel || "") + " " + rupiah(settled);
      if (over > 0) { text += "; " + rupiah(over) + " " + summary.dataset.overLabel; }
      summary.textContent = text + ".";
    }
    amountInput.addEventListener("input", update);
    amountInput.addEventListener("change", update);
  });
}());
