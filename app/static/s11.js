// s11 review pages: drag-and-drop uploads with their status, keys to work through open gaps.
(function () {
  "use strict";
  const csrf = (document.querySelector("meta[name=csrf]") || {}).content || "";

  // Uploads: drop files on the zone (or choose them); each shows queued → done / failed.
  const zone = document.getElementById("upload");
  if (zone) {
    const list = document.getElementById("upload-status");
    const input = zone.querySelector("input[type=file]");
    const send = async (files) => {
      const body = new FormData();
      for (const f of files) body.append("files", f, f.name);
      const answer = await fetch("/api/returns", {method: "POST", body, headers: {"X-CSRF-Token": csrf}});
      const data = await answer.json();
      if (!answer.ok) { list.insertAdjacentHTML("beforeend", "<li class='error'></li>"); list.lastChild.textContent = data.detail; return; }
      for (const r of data.returns) {
        const li = document.createElement("li");
        li.dataset.id = r.id;
        li.textContent = r.file + ": " + r.status + (r.reason ? " — " + r.reason : "");
        list.appendChild(li);
      }
      poll();
    };
    const poll = async () => {
      const rows = await (await fetch("/api/returns")).json();
      let waiting = false;
      for (const li of list.querySelectorAll("li[data-id]")) {
        const r = rows.find((x) => x.id === li.dataset.id);
        if (!r) continue;
        li.textContent = r.file + ": " + r.status + (r.reason ? " — " + r.reason : "");
        if (r.status === "queued" || r.status === "processing") waiting = true;
      }
      if (waiting) setTimeout(poll, 1000); else if (list.querySelector("li[data-id]")) setTimeout(() => location.reload(), 800);
    };
    zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (e) => { e.preventDefault(); zone.classList.remove("over"); send(e.dataTransfer.files); });
    input.addEventListener("change", () => send(input.files));
  }

  // Review: j/k move between open gaps, e edits the comment, a/c/r accept, challenge, resolve.
  const gaps = Array.from(document.querySelectorAll(".gap"));
  if (!gaps.length) return;
  let current = null;
  const select = (gap) => {
    if (current) current.classList.remove("current");
    current = gap;
    if (!gap) return;
    gap.classList.add("current");
    gap.focus({preventScroll: true});
    gap.scrollIntoView({block: "center"});
  };
  const move = (step) => {
    const open = gaps.filter((g) => g.dataset.status === "open" || g === current);
    if (!open.length) return;
    let at = open.indexOf(current);
    at = at < 0 ? (step > 0 ? 0 : open.length - 1) : at + step;
    if (at >= 0 && at < open.length) select(open[at]);
  };
  const decide = async (gap, status) => {
    const form = gap.querySelector("form");
    const comment = form.querySelector("textarea").value;
    const answer = await fetch("/api/gaps/" + encodeURIComponent(gap.dataset.id), {
      method: "PATCH",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify({status, comment}),
    });
    const data = await answer.json();
    const saved = form.querySelector(".saved");
    if (!answer.ok) { saved.textContent = data.detail; saved.classList.add("error"); return; }
    gap.dataset.status = data.status;
    form.querySelector("select").value = data.status;
    saved.classList.remove("error");
    saved.textContent = data.status + " by " + data.reviewer;
  };
  const keys = {a: "accepted", c: "challenged", r: "resolved"};
  document.addEventListener("keydown", (e) => {
    const typing = e.target.closest && e.target.closest("textarea, input, select");
    if (typing) {
      if (e.key === "Escape") { e.target.blur(); if (current) current.focus({preventScroll: true}); }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "j") move(1);
    else if (e.key === "k") move(-1);
    else if (e.key === "e" && current) { e.preventDefault(); current.querySelector("textarea").focus(); }
    else if (keys[e.key] && current) decide(current, keys[e.key]);
  });
  for (const gap of gaps) gap.addEventListener("click", () => select(gap));
})();
