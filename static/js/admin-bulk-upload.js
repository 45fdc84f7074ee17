/* Most admin: bulk photo upload with progress.
 *
 * Without JavaScript the form posts every file at once and the page lists
 * each file's outcome. With it, files go one request each (the ZIP as one),
 * a progress bar follows the bytes sent, and each file's outcome appears as
 * soon as the server has made its renditions.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-upload-form]");
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  var texts = form.dataset;
  var progress = form.querySelector(".upload-progress");
  var bar = form.querySelector("progress");
  var status = form.querySelector(".upload-progress__status");
  var list = form.querySelector(".upload-progress__files");
  var filesInput = form.querySelector("input[name=files]");
  var archiveInput = form.querySelector("input[name=archive]");

  function line(text) {
    var item = document.createElement("li");
    item.textContent = text;
    list.append(item);
    return item;
  }

  function send(payload, onProgress) {
    return new Promise(function (resolve) {
      var request = new XMLHttpRequest();
      request.open("POST", form.action || window.location.href);
      request.setRequestHeader("Accept", "application/json");
      request.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          onProgress(event.loaded);
        }
      });
      request.addEventListener("load", function () {
        var answer;
        try {
          answer = JSON.parse(request.responseText);
        } catch (error) {
          answer = { outcomes: [], errors: { __all__: [{ message: request.status + " " + request.statusText }] } };
        }
        resolve(answer);
      });
      request.addEventListener("error", function () {
        resolve({ outcomes: [], errors: { __all__: [{ message: "network error" }] } });
      });
      request.send(payload);
    });
  }

  form.addEventListener("submit", function (event) {
    var files = Array.prototype.slice.call(filesInput.files || []);
    var archive = archiveInput.files && archiveInput.files[0];
    var batches = files.map(function (file) { return { name: file.name, field: "files", file: file }; });
    if (archive) {
      batches.push({ name: archive.name, field: "archive", file: archive });
    }
    if (!batches.length || !form.checkValidity()) {
      return; // let the server say what is missing
    }
    event.preventDefault();
    var total = batches.reduce(function (sum, batch) { return sum + batch.file.size; }, 0) || 1;
    var done = 0;
    var added = 0;
    var refused = 0;
    progress.hidden = false;
    list.textContent = "";
    form.querySelector("[type=submit]").disabled = true;
    status.textContent = texts.textUploading;

    batches.reduce(function (previous, batch) {
      return previous.then(function () {
        var payload = new FormData(form);
        payload.delete("files");
        payload.delete("archive");
        payload.append(batch.field, batch.file, batch.name);
        var item = line(batch.name + ": " + texts.textUploading);
        return send(payload, function (loaded) {
          bar.value = Math.round(((done + loaded) / total) * 100);
        }).then(function (answer) {
          done += batch.file.size;
          bar.value = Math.round((done / total) * 100);
          item.remove();
          (answer.outcomes || []).forEach(function (outcome) {
            if (outcome.ok) {
              added += 1;
              line("✔ " + outcome.name + ": " + texts.textAdded);
            } else {
              refused += 1;
              line("✘ " + outcome.name + ": " + texts.textRefused + ". " + outcome.errors.join(" "));
            }
          });
          Object.keys(answer.errors || {}).forEach(function (name) {
            refused += 1;
            line("✘ " + batch.name + ": " + answer.errors[name].map(function (e) { return e.message; }).join(" "));
          });
        });
      });
    }, Promise.resolve()).then(function () {
      status.textContent = texts.textDone.replace("%(added)s", added).replace("%(refused)s", refused);
      form.querySelector("[type=submit]").disabled = false;
      filesInput.value = "";
      archiveInput.value = "";
    });
  });
})();
