// A video's player loads only when the visitor asks for it: until then the page
// makes no request to the provider. Without JavaScript the link to the video
// at the provider remains. The frame's origin is one the CSP's frame-src allows
// (cms/embeds.py).
(function () {
  "use strict";

  function play(frame) {
    var iframe = document.createElement("iframe");
    iframe.src = frame.getAttribute("data-embed-src");
    iframe.title = frame.getAttribute("data-embed-title");
    iframe.allow = "autoplay; fullscreen; picture-in-picture";
    iframe.setAttribute("allowfullscreen", "");
    frame.classList.add("embed__frame--playing");
    frame.replaceChildren(iframe);
    iframe.focus();
  }

  document.querySelectorAll("[data-embed-src]").forEach(function (frame) {
    var button = frame.querySelector("[data-embed-play]");
    if (!button) { return; }
    button.hidden = false;
    button.addEventListener("click", function () { play(frame); });
  });
})();
