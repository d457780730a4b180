// Progress for exports and imports that take more than a second (a PDF takes 2–5 s).
//
// A link with data-progress="message" (a download) is fetched in the background: the link is
// disabled and the message shown beside it until the file arrives, then the file is saved and the
// link comes back. A form with data-progress="message" (an upload) shows the message and disables
// its submit buttons while the next page loads.
(function () {
  "use strict";

  function status(after, text) {
    var note = document.createElement("span");
    note.className = "progress";
    note.setAttribute("role", "status");
    note.textContent = text;
    after.insertAdjacentElement("afterend", note);
    return note;
  }

  function fileName(response, href) {
    var header = response.headers.get("Content-Disposition") || "";
    var match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
    return match ? decodeURIComponent(match[1]) : href.split("/").filter(Boolean).pop();
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function download(link, event) {
    if (link.getAttribute("aria-disabled") === "true") {
      event.preventDefault();
      return;
    }
    if (!window.fetch || event.ctrlKey || event.metaKey || event.shiftKey) {
      return; // an old browser, or the user wants a new tab: let the link work as a link
    }
    event.preventDefault();
    var href = link.href;
    link.setAttribute("aria-disabled", "true");
    link.setAttribute("aria-busy", "true");
    var note = status(link, link.dataset.progress);
    function reset() {
      link.removeAttribute("aria-disabled");
      link.removeAttribute("aria-busy");
      note.remove();
    }
    // No redirect is followed: when the export fails the server redirects to the report page
    // with a message, and that message must be shown by the page the browser opens, not eaten
    // by this request.
    fetch(href, { credentials: "same-origin", redirect: "manual" })
      .then(function (response) {
        var attached = /attachment/i.test(response.headers.get("Content-Disposition") || "");
        if (!response.ok || !attached) {
          reset();
          window.location.href = href;
          return null;
        }
        return response.blob().then(function (blob) {
          save(blob, fileName(response, href));
          reset();
        });
      })
      .catch(function () {
        note.classList.add("failed");
        note.textContent = "Không tải được tệp, hãy thử lại.";
        link.removeAttribute("aria-disabled");
        link.removeAttribute("aria-busy");
      });
  }

  function upload(form, event) {
    if (form.dataset.busy) {
      event.preventDefault(); // a second click while the file is read
      return;
    }
    form.dataset.busy = "1";
    var buttons = form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]");
    var last = buttons[buttons.length - 1];
    // Disabled after the browser has collected the form data, which leaves out disabled buttons.
    setTimeout(function () {
      buttons.forEach(function (b) { b.disabled = true; });
    }, 0);
    form.progressNote = status(last || form.lastElementChild, form.dataset.progress);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-progress]");
    if (link) {
      download(link, event);
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches && form.matches("form[data-progress]") && !event.defaultPrevented) {
      upload(form, event);
    }
  });
  // Coming back with the Back button shows the page as it was left: undo the busy state.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) {
      return;
    }
    document.querySelectorAll("form[data-progress]").forEach(function (form) {
      delete form.dataset.busy;
      form.querySelectorAll("button, input[type=submit]").forEach(function (b) { b.disabled = false; });
      if (form.progressNote) {
        form.progressNote.remove();
      }
    });
  });
})();
