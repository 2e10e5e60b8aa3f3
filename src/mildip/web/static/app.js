// mildip workbench: the few lines of script the pages use (no framework, no build step).
"use strict";

(() => {
  // Document page: a selected passage fills the "add a missed event" form with its
  // offsets in the stored text (the text is rendered verbatim, so character counts match).
  const text = document.getElementById("doc-text");
  const form = document.getElementById("add-form");
  if (text && form) {
    const take = () => {
      const sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
      const range = sel.getRangeAt(0);
      if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return;
      const before = document.createRange();
      before.selectNodeContents(text);
      before.setEnd(range.startContainer, range.startOffset);
      const start = before.toString().length;
      const quote = range.toString();
      form.elements.start.value = String(start);
      form.elements.end.value = String(start + quote.length);
      form.elements.quote.value = quote;
    };
    text.addEventListener("mouseup", take);
    text.addEventListener("keyup", take);
  }

  // Event page: show each document's first highlighted passage inside its scrolling box.
  for (const box of document.querySelectorAll(".doc-text")) {
    const mark = box.querySelector("mark.current");
    if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 48);
  }

  // Ingest job page: poll the job until it ends, then reload to show the results.
  const job = document.getElementById("job");
  if (job && ["queued", "running"].includes(job.dataset.status)) {
    const poll = async () => {
      const response = await fetch(`/api/ingest/jobs/${encodeURIComponent(job.dataset.job)}`, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const state = await response.json();
      document.getElementById("job-progress").value = state.done;
      document.getElementById("job-count").textContent = `${state.done} / ${state.total}`;
      document.getElementById("job-status").textContent = state.status;
      if (state.status === "done" || state.status === "failed") {
        window.location.reload();
      } else {
        window.setTimeout(poll, 800);
      }
    };
    window.setTimeout(poll, 500);
  }

  // "Go back" links on error pages.
  for (const link of document.querySelectorAll("a[data-back]")) {
    link.addEventListener("click", (event) => {
      if (window.history.length > 1) {
        event.preventDefault();
        window.history.back();
      }
    });
  }
})();
