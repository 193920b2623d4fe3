// ReDoc's sidebar footer ("API docs by Redocly") loads its logo from the vendor's CDN: a third-party
// request that the Content-Security-Policy refuses (an error in the console) and that fails offline.
// Loaded before ReDoc, this swaps that one image address for the project's own icon as it is set.
(function () {
  "use strict";

  var cdnLogo = "https://cdn.redoc.ly/redoc/logo-mini.svg";
  var ownLogo = document.currentScript.dataset.logo;
  var setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (this instanceof HTMLImageElement && name === "src" && value === cdnLogo) {
      value = ownLogo;
    }
    return setAttribute.call(this, name, value);
  };
})();
