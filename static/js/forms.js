// Progressive enhancements for forms; every form works without them.
// 1. After a failed submit, move focus to the error summary so that keyboard and
//    screen-reader users hear what to fix.
// 2. A live character counter for contribution fields. It counts characters as a
//    person does (an emoji is one), like the server, which still checks.
(function () {
  "use strict";
  var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter("nl", { granularity: "grapheme" }) : null;

  function visibleLength(text) {
    if (!segmenter) { return Array.from(text).length; }
    var count = 0;
    for (var _ of segmenter.segment(text)) { count += 1; }
    return count;
  }

  function attach(field) {
    var max = parseInt(field.getAttribute("data-max-characters"), 10);
    if (!max) { return; }
    var counter = document.createElement("p");
    counter.className = "counter";
    counter.id = field.id + "-teller";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    var lastAnnounced = null;

    function update() {
      var left = max - visibleLength(field.value.trim());
      var text = left >= 0 ? "Nog " + left + " van " + max + " tekens" : Math.abs(left) + " tekens te veel";
      counter.classList.toggle("counter--over", left < 0);
      // Announce only near the limit, so screen readers are not flooded.
      var nearLimit = left < 50;
      counter.setAttribute("aria-live", nearLimit ? "polite" : "off");
      if (text !== lastAnnounced) { counter.textContent = text; lastAnnounced = text; }
    }
    field.addEventListener("input", update);
    update();
  }

  document.querySelectorAll("textarea[data-max-characters]").forEach(attach);

  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
})();
