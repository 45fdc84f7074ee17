/* Most: click-to-load video embeds.
 *
 * The page shows a local poster and a link to the video on YouTube or Vimeo;
 * nothing is requested from the video site until the reader presses play.
 * Then the link is replaced by the privacy-enhanced player (youtube-nocookie.com,
 * Vimeo with dnt=1).
 */
(function () {
  "use strict";

  Array.prototype.forEach.call(document.querySelectorAll("[data-video-embed]"), function (container) {
    var link = container.querySelector(".video-embed__link");
    if (!link) {
      return;
    }
    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
        return;
      }
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.className = "video-embed__frame";
      frame.src = container.dataset.embedSrc;
      frame.title = container.dataset.embedTitle;
      frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      link.replaceWith(frame);
      frame.focus();
    });
  });
})();
