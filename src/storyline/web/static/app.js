// Storyline web app: the only script the pages load (the Content-Security-Policy forbids
// inline and foreign scripts). Article text is only ever set with textContent.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form.submit());
  }
  for (const form of document.querySelectorAll("form.add-form")) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      addArticles(form);
    });
  }
});

async function addArticles(form) {
  const story = form.dataset.story;
  const data = new FormData();
  for (const file of form.querySelector("input[type=file]").files) data.append("files", file, file.name);
  const pasted = form.querySelector("textarea[name=jsonl]").value;
  if (pasted.trim()) data.append("files", new Blob([pasted], { type: "application/x-ndjson" }), "pasted.jsonl");
  const headers = {};
  const token = form.querySelector("input[name=token]");
  if (token && token.value) headers["X-Storyline-Token"] = token.value;
  const box = form.querySelector(".progress");
  const bar = box.querySelector("progress");
  const status = box.querySelector(".status");
  const button = form.querySelector("button");
  if (!data.has("files")) { show(box, status, "Choose files or paste JSON lines first."); return; }
  button.disabled = true;
  show(box, status, "Uploading…");
  try {
    const response = await fetch(`/api/stories/${encodeURIComponent(story)}/articles?wait=false`,
                                 { method: "POST", body: data, headers });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error || response.statusText);
    await follow(answer.job, bar, status);
    window.location.assign(`/stories/${encodeURIComponent(story)}?job=${encodeURIComponent(answer.job)}#job`);
  } catch (error) {
    status.textContent = `Not added: ${error.message}`;
    box.classList.add("failed");
    button.disabled = false;
  }
}

async function follow(jobId, bar, status) {
  for (;;) {
    const response = await fetch(`/api/jobs/${encodeURIComponent(jobId)}`);
    const job = await response.json();
    if (!response.ok) throw new Error(job.error || response.statusText);
    if (job.state === "failed") throw new Error(job.error);
    if (job.state === "done") { bar.value = 1; status.textContent = "Done"; return job; }
    bar.value = job.total ? job.done / job.total : 0;
    status.textContent = job.total ? `${job.stage}: ${job.done} of ${job.total}` : job.stage;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

function show(box, status, text) {
  box.hidden = false;
  status.textContent = text;
}
