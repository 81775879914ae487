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

// Language switcher and side-by-side links keep the reader's place: the paragraph in the URL
// (#p10), else the first paragraph at the top of the window.
function currentParagraph() {
  if (/^#p\d+$/.test(location.hash)) { return location.hash; }
  var paras = document.querySelectorAll(".para[id], .prow[id]");
  for (var i = 0; i < paras.length; i++) {
    if (paras[i].getBoundingClientRect().bottom > 0) {
      return i === 0 && window.scrollY === 0 ? "" : "#" + paras[i].id;
    }
  }
  return "";
}

document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-keep-hash]");
  if (!link) { return; }
  var hash = currentParagraph();
  if (hash) { link.href = link.href.split("#")[0] + hash; }
});
