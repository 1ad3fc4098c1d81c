// The moderation queue without reloads. Everything here also works without
// JavaScript: "Alles selecteren" is a link that ticks every box on the server,
// and the filters are a <details> that opens with a click.

// Tick or untick every box in place; the link's text says what a click does.
document.querySelectorAll("[data-select-all]").forEach((link) => {
  const boxes = () =>
    document.querySelectorAll(`input[type="checkbox"][name="${link.dataset.selectAll}"]`);
  const label = () => {
    const all = [...boxes()].every((box) => box.checked);
    link.textContent = all ? link.dataset.labelNone : link.dataset.labelAll;
  };
  // A button now, so Space works as on any button.
  link.setAttribute("role", "button");
  link.addEventListener("keydown", (event) => {
    if (event.key === " ") {
      event.preventDefault();
      link.click();
    }
  });
  link.addEventListener("click", (event) => {
    event.preventDefault();
    const all = [...boxes()].every((box) => box.checked);
    boxes().forEach((box) => {
      box.checked = !all;
    });
    label();
  });
  boxes().forEach((box) => box.addEventListener("change", label));
});

// Wide screens have room for the filters: open them; a phone keeps them folded.
const wide = window.matchMedia("(min-width: 50em)");
const openOnWideScreens = () => {
  document.querySelectorAll("details[data-open-when-wide]").forEach((details) => {
    details.open = wide.matches;
  });
};
openOnWideScreens();
wide.addEventListener("change", openOnWideScreens);
