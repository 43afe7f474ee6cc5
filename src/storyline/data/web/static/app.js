// storyline: the little the pages need beyond HTML and CSS.
// Article page: a highlight shows its record card as a tooltip on hover or keyboard focus.
// The card is cloned as DOM nodes (never parsed from strings), so article text stays text.
(function () {
  "use strict";

  var KIND = { "hl-entity": "Entity", "hl-time": "Time", "hl-quote": "Quote",
               "hl-figure": "Figure", "hl-event": "Event" };
  var tip = null;
  var current = null;

  function kindOf(mark) {
    for (var name in KIND) {
      if (mark.classList.contains(name)) { return KIND[name]; }
    }
    return "Record";
  }

  function hide() {
    if (current) { current.classList.remove("active"); }
    current = null;
    if (tip) { tip.hidden = true; }
  }

  function show(mark) {
    var card = document.getElementById(mark.getAttribute("data-ref"));
    if (!card) { return; }
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "tip";
      tip.setAttribute("role", "tooltip");
      tip.id = "record-tip";
      document.body.appendChild(tip);
    }
    hide();
    current = mark;
    mark.classList.add("active");
    tip.textContent = "";
    var label = document.createElement("p");
    label.className = "kind-label";
    label.textContent = kindOf(mark);
    tip.appendChild(label);
    Array.prototype.forEach.call(card.children, function (child) {
      if (!child.classList.contains("card-links")) { tip.appendChild(child.cloneNode(true)); }
    });
    tip.hidden = false;
    var box = mark.getBoundingClientRect();
    var width = Math.min(384, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(box.left + window.scrollX,
                                    window.scrollX + document.documentElement.clientWidth - width - 8));
    tip.style.left = left + "px";
    tip.style.maxWidth = width + "px";
    var below = box.bottom + window.scrollY + 8;
    tip.style.top = below + "px";
    var tipBox = tip.getBoundingClientRect();
    if (tipBox.bottom > window.innerHeight && box.top > tipBox.height + 16) {
      tip.style.top = (box.top + window.scrollY - tipBox.height - 8) + "px";
    }
  }

  function markFrom(event) {
    var target = event.target;
    return target && target.closest ? target.closest("mark.hl") : null;
  }

  function setUp() {
    var text = document.getElementById("text");
    if (!text) { return; }
    // the custom tooltip replaces the browser's title bubble (kept for no-script readers)
    Array.prototype.forEach.call(text.querySelectorAll("mark.hl[title]"), function (mark) {
      mark.setAttribute("data-title", mark.getAttribute("title"));
      mark.removeAttribute("title");
    });
    text.addEventListener("mouseover", function (event) {
      var mark = markFrom(event);
      if (mark && mark !== current) { show(mark); }
    });
    text.addEventListener("mouseleave", hide);
    text.addEventListener("focusin", function (event) {
      var mark = markFrom(event);
      if (mark) { show(mark); }
    });
    text.addEventListener("focusout", hide);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { hide(); }
      if (event.key === "Enter" && current && document.activeElement === current) {
        var card = document.getElementById(current.getAttribute("data-ref"));
        if (card) {
          var details = card.closest("details");
          if (details) { details.open = true; }
          card.scrollIntoView({ block: "center" });
          var link = card.querySelector("a");
          if (link) { link.focus({ preventScroll: true }); }
        }
      }
    });
    window.addEventListener("resize", hide);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
