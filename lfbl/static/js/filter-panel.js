// The filter panel is folded away (a <details>) so that on a phone the results come first. On a
// wide screen, where it sits beside the results, it opens; the reader can still fold it. Without
// this script the panel works the same, closed until opened.
(function () {
  var wide = window.matchMedia("(min-width: 48.01rem)");
  var panels = document.querySelectorAll("details[data-open-when-wide]");
  function follow() {
    panels.forEach(function (panel) {
      if (panel.dataset.foldedByReader !== "yes") panel.open = wide.matches;
    });
  }
  panels.forEach(function (panel) {
    panel.querySelector("summary").addEventListener("click", function () {
      panel.dataset.foldedByReader = "yes";
    });
  });
  follow();
  wide.addEventListener("change", follow);
})();
