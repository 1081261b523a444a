// s11 review pages: drag-and-drop uploads with their status, keys to work through open gaps.
// Without this script every page still works: the Save button posts the form.
(function () {
  "use strict";
  const csrf = (document.querySelector("meta[name=csrf]") || {}).content || "";

  // Uploads: drop files on the zone (or choose them); each shows queued → done / failed.
  const zone = document.getElementById("upload");
  if (zone) {
    const list = document.getElementById("upload-status");
    const words = JSON.parse(list.dataset.words || "{}");
    const said = (r) => r.file + ": " + (words[r.status] || r.status) + (r.reason ? " (" + r.reason + ")" : "");
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
        li.textContent = said(r);
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
        li.textContent = said(r);
        if (r.status === "queued" || r.status === "processing") waiting = true;
      }
      if (waiting) setTimeout(poll, 1000); else if (list.querySelector("li[data-id]")) setTimeout(() => location.reload(), 800);
    };
    zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (e) => { e.preventDefault(); zone.classList.remove("over"); send(e.dataTransfer.files); });
    input.addEventListener("change", () => send(input.files));
  }

  // Review. Single-key shortcuts (WCAG 2.1.4) act only while a gap has the focus, never in a
  // box you type in, and on that gap; the switch turns them off (kept in this browser).
  const gaps = Array.from(document.querySelectorAll(".gap"));
  if (!gaps.length) return;
  const announce = document.getElementById("announce");
  const toggle = document.getElementById("shortcuts");
  if (toggle) {
    toggle.closest(".shortcuts").hidden = false;
    toggle.checked = localStorage.getItem("s11-shortcuts") !== "off";
    toggle.addEventListener("change", () => localStorage.setItem("s11-shortcuts", toggle.checked ? "on" : "off"));
  }
  const enabled = () => !toggle || toggle.checked;
  let current = null;
  const mark = (gap) => {  // one tab stop for the gaps: the one last worked on
    if (current) { current.classList.remove("current"); current.tabIndex = -1; }
    current = gap;
    gap.classList.add("current");
    gap.tabIndex = 0;
  };
  const select = (gap) => {
    mark(gap);
    gap.focus({preventScroll: true});
    gap.scrollIntoView({block: "center"});
  };
  const firstLink = document.querySelector(".to-review a");
  mark((firstLink && document.getElementById(firstLink.hash.slice(1))) || gaps[0]);
  for (const gap of gaps) gap.addEventListener("focusin", () => { if (current !== gap) mark(gap); });
  for (const link of document.querySelectorAll('a[href^="#gap-"]')) {
    link.addEventListener("click", (e) => {
      const gap = document.getElementById(link.hash.slice(1));
      if (!gap) return;
      e.preventDefault();
      history.replaceState(null, "", link.hash);
      select(gap);
    });
  }
  const move = (from, step) => {
    const open = gaps.filter((g) => g.dataset.status === "open" || g === from);
    const next = open[open.indexOf(from) + step];
    if (next) select(next);
  };
  const say = (text) => {  // the live region: cleared first, so the same words are said again
    if (!announce) return;
    announce.textContent = "";
    setTimeout(() => { announce.textContent = text; }, 50);
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
    const name = gap.getAttribute("aria-label");
    if (!answer.ok) {
      saved.textContent = data.detail;
      saved.classList.add("error");
      say(name + ": not saved, " + data.detail);
      return;
    }
    gap.dataset.status = data.status;
    const menu = form.querySelector("select");
    menu.value = data.status;
    const word = menu.options[menu.selectedIndex].textContent;
    saved.classList.remove("error");
    saved.textContent = word + " by " + data.reviewer;
    say(name + ": " + word.toLowerCase() + " by " + data.reviewer);
  };
  const keys = {a: "accepted", c: "challenged", r: "resolved"};
  document.addEventListener("keydown", (e) => {
    const gap = e.target.closest && e.target.closest(".gap");
    if (!gap) return;
    if (e.target.closest("textarea, input, select")) {
      if (e.key === "Escape") { e.preventDefault(); gap.focus(); }
      return;
    }
    if (!enabled() || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    const act = {
      j: () => move(gap, 1),
      k: () => move(gap, -1),
      e: () => gap.querySelector("textarea").focus(),
    }[e.key] || (keys[e.key] && (() => decide(gap, keys[e.key])));
    if (act) { e.preventDefault(); act(); }
  });
})();
