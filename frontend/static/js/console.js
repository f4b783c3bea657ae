// The organiser console: copy the invite link, follow a snapshot run's progress.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var field = document.querySelector(button.getAttribute("data-copy"));
      var status = document.getElementById("copy-status");
      var done = function () { if (status) status.textContent = "Copied."; };
      field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          document.execCommand("copy"); done();
        });
      } else {
        document.execCommand("copy"); done();
      }
    });
  });

  var run = document.getElementById("snapshot-run");
  if (!run) return;
  var bar = document.getElementById("run-progress");
  var step = document.getElementById("run-step");
  var label = document.getElementById("run-status");
  function poll() {
    fetch(run.getAttribute("data-run-url"), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        bar.value = data.progress;
        step.textContent = data.step || data.status;
        label.textContent = data.status + (data.error ? " — " + data.error : "");
        run.setAttribute("data-status", data.status);
        if (data.status === "queued" || data.status === "running") {
          window.setTimeout(poll, 1000);
        } else if (data.status === "done") {
          label.innerHTML = "";
          var link = document.createElement("a");
          link.href = data.graphUrl; link.textContent = "done — see the graph";
          label.appendChild(link);
        }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  var state = run.getAttribute("data-status");
  if (state === "queued" || state === "running") poll();
})();
