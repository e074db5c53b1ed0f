/* Glossary terms in resource text: turn each term's link (which works without JavaScript) into a
   button that shows its definition beside the word. The definition opens on Enter, Space, click or
   hover, stays while the pointer is over it, and closes on Escape, on a second press or on a
   click elsewhere (WCAG 1.4.13: dismissable, hoverable, persistent). */
(function () {
  "use strict";
  var open = null; // {button, box, pinned}

  function close(returnFocus) {
    if (!open) return;
    var current = open;
    open = null;
    current.box.hidden = true;
    current.button.setAttribute("aria-expanded", "false");
    if (returnFocus && current.box.contains(document.activeElement)) current.button.focus();
  }

  function show(button, box, pinned) {
    if (open && open.button !== button) close(false);
    box.hidden = false;
    button.setAttribute("aria-expanded", "true");
    open = { button: button, box: box, pinned: pinned || (open && open.pinned) };
    keepInView(box);
  }

  // A term near the right edge would push its definition off a narrow screen: shift it back.
  function keepInView(box) {
    box.style.left = "";
    var overflow = box.getBoundingClientRect().right - (document.documentElement.clientWidth - 8);
    if (overflow > 0) box.style.left = -overflow + "px";
  }

  function enhance(wrapper) {
    var link = wrapper.querySelector("a.glossary-link");
    var definition = wrapper.querySelector(".glossary-definition");
    if (!link || !definition) return;
    // The popover holds the definition (which the button is described by) and a link onward.
    var box = document.createElement("span");
    box.className = "glossary-popover";
    box.id = definition.id.replace("glossary-def-", "glossary-pop-");
    box.hidden = true;
    var more = document.createElement("a");
    more.href = link.getAttribute("href");
    more.textContent = "More in the glossary";
    definition.hidden = false;
    box.appendChild(definition);
    box.appendChild(document.createTextNode(" "));
    box.appendChild(more);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "glossary-button";
    button.textContent = link.textContent;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", box.id);
    button.setAttribute("aria-describedby", definition.id);
    link.replaceWith(button);
    wrapper.appendChild(box);

    button.addEventListener("click", function () {
      if (open && open.button === button && open.pinned) close(false);
      else show(button, box, true);
    });
    wrapper.addEventListener("mouseenter", function () {
      if (!open || open.button !== button) show(button, box, false);
    });
    wrapper.addEventListener("mouseleave", function () {
      if (open && open.button === button && !open.pinned) close(false);
    });
    wrapper.addEventListener("focusout", function (event) {
      if (open && open.button === button && !wrapper.contains(event.relatedTarget)) close(false);
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) {
      close(true);
    }
  });
  document.addEventListener("click", function (event) {
    if (open && !open.button.parentNode.contains(event.target)) close(false);
  });

  function start() {
    var terms = document.querySelectorAll(".body .glossary-term");
    for (var i = 0; i < terms.length; i++) enhance(terms[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
