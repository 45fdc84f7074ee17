/* Most admin: the import upload shows how much of the file has been sent.
 *
 * Without JavaScript the form posts as usual. With it, the file goes by
 * XMLHttpRequest so that a progress bar can follow the bytes sent; the server
 * answers with the address of the check page, or with the form's errors.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-import-form]");
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  var progress = form.querySelector(".upload-progress");
  var bar = form.querySelector("progress");
  var status = form.querySelector(".upload-progress__status");
  var errors = form.querySelector(".import-errors");
  var submit = form.querySelector("[type=submit]");

  function showErrors(messages) {
    errors.textContent = "";
    messages.forEach(function (message) {
      var item = document.createElement("li");
      item.textContent = message;
      errors.append(item);
    });
    errors.hidden = !messages.length;
    progress.hidden = true;
    submit.disabled = false;
  }

  form.addEventListener("submit", function (event) {
    if (!form.checkValidity()) {
      return;
    }
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    request.setRequestHeader("Accept", "application/json");
    request.upload.addEventListener("progress", function (progressEvent) {
      if (progressEvent.lengthComputable) {
        bar.value = Math.round((progressEvent.loaded / progressEvent.total) * 100);
      }
    });
    request.upload.addEventListener("load", function () {
      bar.value = 100;
      status.textContent = form.dataset.textChecking;
    });
    request.addEventListener("load", function () {
      var answer;
      try {
        answer = JSON.parse(request.responseText);
      } catch (error) {
        showErrors([request.status + " " + request.statusText]);
        return;
      }
      if (answer.next) {
        status.textContent = form.dataset.textChecking;
        window.location.assign(answer.next);
      } else {
        showErrors(answer.errors || []);
      }
    });
    request.addEventListener("error", function () {
      showErrors(["network error"]);
    });
    errors.hidden = true;
    progress.hidden = false;
    bar.value = 0;
    status.textContent = form.dataset.textUploading;
    submit.disabled = true;
    request.send(new FormData(form));
  });
})();
