// Filters start open on wide screens, where the sidebar has room; phones keep them folded.
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(min-width: 60em)").matches) return;
  document.querySelectorAll("details[data-open-wide]").forEach(function (el) {
    el.open = true;
  });
})();
