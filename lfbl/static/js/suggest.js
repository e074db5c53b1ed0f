// Progressive enhancement: offer completions as the user types. The search works without it.
(function () {
  var input = document.querySelector("input[data-suggest]");
  if (!input || !window.fetch) return;
  var list = document.getElementById(input.getAttribute("list"));
  var timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var words = input.value.split(/\s+/);
    var last = words[words.length - 1];
    if (last.length < 2) return;
    timer = setTimeout(function () {
      fetch(input.dataset.suggest + "?q=" + encodeURIComponent(last))
        .then(function (response) { return response.json(); })
        .then(function (data) {
          var stem = words.slice(0, -1).join(" ");
          list.replaceChildren.apply(list, data.suggestions.map(function (word) {
            var option = document.createElement("option");
            option.value = (stem ? stem + " " : "") + word;
            return option;
          }));
        })
        .catch(function () {});
    }, 150);
  });
})();
