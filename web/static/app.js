// Rapporteur: progressive enhancement only; every page works without this file.
"use strict";

// "Copy citation": reveal the link (hidden without JavaScript, where the citation text
// beside it can be selected instead) and copy the citation on click.
function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text);
  }
  return new Promise(function (resolve, reject) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    if (ok) { resolve(); } else { reject(new Error("copy failed")); }
  });
}

function flash(link, label) {
  var original = link.dataset.label || link.textContent;
  link.dataset.label = original;
  link.textContent = label;
  link.classList.add("done");
  window.setTimeout(function () {
    link.textContent = original;
    link.classList.remove("done");
  }, 1600);
}

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("a.cite[data-citation]").forEach(function (link) {
    link.hidden = false;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      copyText(link.dataset.citation).then(
        function () { flash(link, link.dataset.copied); },
        function () { flash(link, link.dataset.failed); }
      );
    });
  });
});
