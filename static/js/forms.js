// Progressive enhancements for forms; every form works without them.
// 1. After a failed submit, move focus to the error summary so that keyboard and
//    screen-reader users hear what to fix.
// 2. A live character counter for contribution fields. It counts characters as a
//    person does (an emoji is one), like the server, which still checks.
// 3. The captcha's "Nieuwe afbeelding": a fresh image and sound in place, so
//    nothing typed elsewhere in the form is lost. Without JavaScript a failed
//    attempt brings new letters too.
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

  function refreshable(captcha) {
    var button = captcha.querySelector(".captcha__refresh");
    var status = captcha.querySelector(".captcha__status");
    var image = captcha.querySelector(".captcha__image");
    var player = captcha.querySelector(".captcha__player");
    var key = captcha.querySelector("input[type=hidden]");
    var answer = captcha.querySelector("input[type=text]");

    function show(challenge) {
      image.src = challenge.image_url;
      key.value = challenge.key;
      if (player && challenge.audio_url) {
        player.src = challenge.audio_url;
        player.querySelector("a").href = challenge.audio_url;
      }
      answer.value = "";
      status.textContent = "Nieuwe tekens staan klaar.";
    }

    button.addEventListener("click", function () {
      status.textContent = "";
      fetch(captcha.getAttribute("data-refresh-url"), {
        headers: { "X-Requested-With": "XMLHttpRequest" },
        credentials: "same-origin"
      })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        })
        .then(show)
        .catch(function () {
          status.textContent = "Dat lukte niet. Laad de pagina opnieuw voor nieuwe tekens.";
        });
    });
    button.hidden = false;
  }

  document.querySelectorAll(".captcha[data-refresh-url]").forEach(refreshable);

  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
})();
