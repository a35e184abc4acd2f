/* The article page with JavaScript: the contents open on a wide screen (served closed, for
   phones), and each citation box gets a copy button (Clipboard API). Without JavaScript the box
   itself is there to select and copy. A file, not an inline script: the Content-Security-Policy
   allows scripts from this site only. */
(function () {
  "use strict";
  var toc = document.getElementById("toc-details");
  if (toc && window.matchMedia("(min-width: 701px)").matches) toc.open = true;
})();
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;  // the text box stays the way to copy
  document.querySelectorAll(".cite").forEach(function (box) {
    var text = box.querySelector(".cite__text");
    var button = box.querySelector("[data-copy]");
    if (!text || !button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text.value).then(function () {
        button.textContent = "已复制";
      }, function () {
        text.select();
        button.textContent = "已选中文字，请手动复制";
      });
    });
  });
})();
