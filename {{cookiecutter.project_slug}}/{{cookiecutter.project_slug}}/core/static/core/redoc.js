// ReDoc's sidebar footer ("API docs by Redocly") loads its logo from the vendor's CDN: a third-party
// request that the Content-Security-Policy refuses (an error in the console) and that fails offline.
// Loaded before ReDoc, this swaps that one image address for the project's own icon, whether ReDoc's
// React sets it as an attribute or as the element's src property.
(function () {
  "use strict";

  var cdnLogo = "https://cdn.redoc.ly/redoc/logo-mini.svg";
  var ownLogo = document.currentScript.dataset.logo;

  function local(value) {
    return value === cdnLogo ? ownLogo : value;
  }

  var setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (this instanceof HTMLImageElement && name === "src") {
      value = local(value);
    }
    return setAttribute.call(this, name, value);
  };

  var src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", {
    configurable: true,
    enumerable: src.enumerable,
    get: src.get,
    set: function (value) {
      src.set.call(this, local(value));
    },
  });
})();
