/* Most: an accessible lightbox for album pages, as a progressive enhancement.
 *
 * Without JavaScript every thumbnail is a link to its photo page. With it, a
 * click opens a modal <dialog>: previous/next buttons and arrow keys move
 * between photos, Tab stays inside the dialog, Escape (or the close button)
 * closes it and gives focus back to the thumbnail, and a swipe on a touch
 * screen turns the page. Labels come translated from the page's data-* attributes.
 */
(function () {
  "use strict";

  if (typeof HTMLDialogElement !== "function") {
    return; // the links keep working as plain links
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function setUp(gallery, number) {
    var links = Array.prototype.slice.call(gallery.querySelectorAll("a[data-lightbox-src]"));
    if (!links.length) {
      return;
    }
    var labels = gallery.dataset;
    var captionId = "lightbox-caption-" + number;
    var dialog = element("dialog", { "class": "lightbox", "aria-label": labels.lightboxLabel, "aria-describedby": captionId });
    var figure = element("figure", { "class": "lightbox__figure" });
    var image = element("img", { "class": "lightbox__image", alt: "", sizes: "100vw" });
    var caption = element("figcaption", { "class": "lightbox__caption", id: captionId });
    var counter = element("span", { "class": "lightbox__counter", "aria-live": "polite" });
    var text = element("span", { "class": "lightbox__text" });
    // An address from the start (the first photo's page), so the link is a link before it is shown.
    var details = element("a", { "class": "lightbox__details", href: links[0].href }, labels.lightboxDetails);
    var previous = element("button", { type: "button", "class": "lightbox__button lightbox__previous", "aria-label": labels.lightboxPrevious }, "‹");
    var next = element("button", { type: "button", "class": "lightbox__button lightbox__next", "aria-label": labels.lightboxNext }, "›");
    var close = element("button", { type: "button", "class": "lightbox__button lightbox__close", "aria-label": labels.lightboxClose }, "×");
    caption.append(counter, " ", text, " ", details);
    figure.append(image, caption);
    dialog.append(close, figure, previous, next);
    document.body.append(dialog);

    var index = 0;
    var opener = null;

    function show(position) {
      index = (position + links.length) % links.length;
      var link = links[index];
      var thumbnail = link.querySelector("img");
      image.removeAttribute("src");
      image.srcset = link.dataset.lightboxSrcset || "";
      image.src = link.dataset.lightboxSrc;
      image.width = Number(link.dataset.lightboxWidth) || 0;
      image.height = Number(link.dataset.lightboxHeight) || 0;
      image.alt = thumbnail ? thumbnail.alt : "";
      counter.textContent = labels.lightboxCounter
        .replace("%(position)s", String(index + 1))
        .replace("%(total)s", String(links.length));
      text.textContent = link.dataset.lightboxCaption || "";
      details.href = link.href;
      previous.hidden = next.hidden = links.length < 2;
    }

    function open(position, link) {
      opener = link;
      show(position);
      dialog.showModal();
      close.focus();
    }

    links.forEach(function (link, position) {
      link.addEventListener("click", function (event) {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
          return; // let "open in a new tab" and friends do what they say
        }
        event.preventDefault();
        open(position, link);
      });
    });

    previous.addEventListener("click", function () { show(index - 1); });
    next.addEventListener("click", function () { show(index + 1); });
    close.addEventListener("click", function () { dialog.close(); });

    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowRight") {
        event.preventDefault();
        show(index + 1);
      } else if (event.key === "ArrowLeft") {
        event.preventDefault();
        show(index - 1);
      } else if (event.key === "Tab") {
        // Keep focus inside the dialog: wrap around at either end.
        var focusable = [close, details, previous, next].filter(function (node) { return !node.hidden; });
        var first = focusable[0];
        var last = focusable[focusable.length - 1];
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        } else if (focusable.indexOf(document.activeElement) === -1) {
          event.preventDefault();
          first.focus();
        }
      }
    });

    // Escape fires "cancel" and then "close"; so does dialog.close().
    dialog.addEventListener("close", function () {
      image.removeAttribute("src");
      image.removeAttribute("srcset");
      if (opener) {
        opener.focus();
      }
    });

    // A click on the backdrop (outside the figure and the buttons) closes.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) {
        dialog.close();
      }
    });

    // Swipe: a mostly horizontal move of 50 px or more turns the page.
    var start = null;
    dialog.addEventListener("pointerdown", function (event) {
      start = { x: event.clientX, y: event.clientY };
    });
    dialog.addEventListener("pointerup", function (event) {
      if (!start) {
        return;
      }
      var dx = event.clientX - start.x;
      var dy = event.clientY - start.y;
      start = null;
      if (Math.abs(dx) >= 50 && Math.abs(dx) > Math.abs(dy)) {
        show(dx < 0 ? index + 1 : index - 1);
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-lightbox]"), setUp);
})();
