// Progressive enhancement only: every page works the same without this script.
"use strict";

// A submitted filter form leaves its empty fields out of the address, so a filtered timeline
// has a short URL worth sharing (?actor=hifter rather than ?actor=hifter&date_from=&...).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "get") {
    return;
  }
  for (const field of form.elements) {
    if ((field instanceof HTMLInputElement || field instanceof HTMLSelectElement) &&
        field.name && field.value === "" && !field.disabled) {
      field.disabled = true;
      // Re-enabled at once, so going back to the page shows the form as it was.
      setTimeout(() => { field.disabled = false; }, 0);
    }
  }
});

// "/" moves the keyboard to the first filter, as on many news and search sites.
document.addEventListener("keydown", (event) => {
  const target = event.target;
  const typing = target instanceof HTMLInputElement || target instanceof HTMLSelectElement ||
    target instanceof HTMLTextAreaElement;
  if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    const first = document.querySelector("form.filters input, form.filters select");
    if (first) {
      event.preventDefault();
      first.focus();
    }
  }
});
