"use strict";
// The workspace: code suggestions from the budget's year, and the keyboard flow
// (Enter saves; after the page comes back the cursor waits in the same section's new row).
(function () {
  const KEY = "budget-workspace-section";

  function suggest(input) {
    const url = input.dataset.codesUrl, year = input.dataset.year;
    if (!url || !year) return;
    const listId = `codes-${input.dataset.scheme}-${year}`;
    let list = document.getElementById(listId);
    if (!list) {
      list = document.createElement("datalist");
      list.id = listId;
      document.body.appendChild(list);
    }
    input.setAttribute("list", listId);
    let timer = null;
    const name = input.parentElement.querySelector(".code-name");
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        const query = new URLSearchParams({ scheme: input.dataset.scheme, year: year, q: input.value.trim() });
        fetch(`${url}?${query}`, { credentials: "same-origin" })
          .then((response) => response.json())
          .then(function (data) {
            list.replaceChildren(...data.results.map(function (code) {
              const option = document.createElement("option");
              option.value = code.code;
              option.label = `${code.name}（${code.level}）`;
              return option;
            }));
            if (!name) return;
            const exact = data.results.find((code) => code.code === input.value.trim());
            name.textContent = exact ? `${exact.name}（${exact.level}）`
              : (input.value.trim().length >= 3 && !data.results.length ? `${year}年没有这个科目` : "");
          });
      }, 150);
    });
  }

  document.querySelectorAll("input.code-input").forEach(suggest);

  const form = document.getElementById("budget_form");
  if (!form) return;
  form.addEventListener("submit", function () {
    const section = document.activeElement && document.activeElement.closest(".ws-section");
    if (section) sessionStorage.setItem(KEY, section.id);
  });
  const error = form.querySelector(".errorlist");
  const remembered = sessionStorage.getItem(KEY);
  sessionStorage.removeItem(KEY);
  if (error) {
    const field = error.parentElement.querySelector("input, select");
    if (field) { field.focus(); field.scrollIntoView({ block: "center" }); }
  } else if (remembered) {
    const first = document.querySelector(`#${remembered} tbody.ws-new input:not([type=hidden]), #${remembered} tbody.ws-new select`);
    if (first) { first.focus(); first.scrollIntoView({ block: "center" }); }
  }
})();
