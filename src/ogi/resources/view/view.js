(function () {
  "use strict";
  var inspector = document.getElementById("inspector");
  function clear(cls) {
    Array.prototype.forEach.call(document.querySelectorAll("." + cls), function (el) { el.classList.remove(cls); });
  }
  function highlight(paths, scroll) {
    clear("highlight");
    var first = null;
    paths.forEach(function (p) {
      var el = document.getElementById("c-" + p);
      if (el) { el.classList.add("highlight"); if (!first) { first = el; } }
    });
    if (first && scroll) { first.scrollIntoView({block: "center", inline: "nearest"}); }
    return first;
  }
  function mark(ident, scroll) {
    var pieces = ident ? document.querySelectorAll('[data-m="' + ident + '"]') : [];
    Array.prototype.forEach.call(pieces, function (el) { el.classList.add("highlight"); });
    if (pieces.length && scroll) { pieces[0].scrollIntoView({block: "center"}); }
    return pieces.length > 0;
  }
  function inspect(cell) {
    if (!inspector) { return; }
    inspector.querySelector("pre").textContent = cell.getAttribute("title") || "";
    var jump = inspector.querySelector("button.jump");
    var src = cell.getAttribute("data-src");
    jump.hidden = !(src && document.getElementById(src));
    jump.setAttribute("data-jump", src || "");
    inspector.hidden = false;
  }
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    var link = t.closest("[data-target]");
    if (link) {
      ev.preventDefault();
      clear("active");
      link.classList.add("active");
      highlight(link.getAttribute("data-target").split("+"), true);
      mark(link.getAttribute("data-quote"), false);
      return;
    }
    var jump = t.closest("[data-jump]");
    if (jump) {
      ev.preventDefault();
      clear("highlight");
      mark(jump.getAttribute("data-jump"), true);
      return;
    }
    if (t.closest("button.close")) { inspector.hidden = true; return; }
    var cell = t.closest("td.cell");
    if (cell) { clear("highlight"); cell.classList.add("highlight"); inspect(cell); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && ev.target.matches && ev.target.matches("td.cell")) { ev.target.click(); }
    if (ev.key === "Escape" && inspector) { inspector.hidden = true; }
  });
  if (location.hash.indexOf("#c-") === 0) { highlight([decodeURIComponent(location.hash.slice(3))], true); }
})();
