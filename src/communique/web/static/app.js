// Communique's pages work without this script; it adds the review keyboard and the live
// extraction preview. It never builds HTML from data: the server renders (and escapes)
// every fragment it inserts.
"use strict";

function authHeaders() {
  const headers = { "Content-Type": "application/json" };
  const token = document.getElementById("review-token");
  if (token && token.value) headers["Authorization"] = "Bearer " + token.value;
  return headers;
}

function setupReview() {
  const queue = document.getElementById("queue");
  if (!queue) return;
  const status = document.getElementById("review-status");
  const reviewer = document.getElementById("reviewer-name");
  reviewer.value = localStorage.getItem("communique-reviewer") || "";
  reviewer.addEventListener("change", () => localStorage.setItem("communique-reviewer", reviewer.value));
  const items = () => Array.from(queue.querySelectorAll(".queue-item"));
  let index = 0;

  function select(i) {
    const all = items();
    if (!all.length) return;
    index = Math.max(0, Math.min(all.length - 1, i));
    all.forEach((el, n) => el.classList.toggle("current", n === index));
    all[index].scrollIntoView({ block: "nearest" });
  }

  function nextUndone() {
    const all = items();
    for (let n = index + 1; n < all.length; n++) if (!all[n].classList.contains("done")) return select(n);
    select(index);
  }

  function changedFields(form) {
    const out = {};
    form.querySelectorAll(".correct-fields input, .correct-fields select").forEach((el) => {
      if (el.name === "note") return;
      let original = el.defaultValue;
      if (el.tagName === "SELECT") {
        const opt = Array.from(el.options).find((o) => o.defaultSelected);
        original = opt ? opt.value : el.options[0].value;
      }
      if (el.value === original || (el.name === "aux" && el.value === "-")) return;
      out[el.name] = (el.name === "source" || el.name === "target") ? el.value.split(/\s+/).filter(Boolean) : el.value;
    });
    return out;
  }

  async function send(item, action, fields) {
    const body = Object.assign({ action: action, reviewer: reviewer.value || null }, fields || {});
    const note = item.querySelector("input[name=note]");
    if (note && note.value) body.note = note.value;
    status.textContent = "saving…";
    const response = await fetch("/api/events/" + item.dataset.event + "/review", {
      method: "POST", headers: authHeaders(), body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      status.textContent = "not saved: " + (data.error || response.status);
      return false;
    }
    item.classList.remove("correcting");
    item.classList.add("done", "done-" + action);
    item.querySelector(".q-state").textContent = data.event.review.status;
    const category = item.querySelector(".cat");
    if (category) category.textContent = data.event.category;  // the reviewed value
    status.textContent = "event " + item.dataset.event + " " + data.event.review.status;
    return true;
  }

  document.addEventListener("keydown", async (ev) => {
    const item = items()[index];
    if (!item) return;
    const typing = ev.target.closest("input, select, textarea");
    if (typing) {
      if (ev.key === "Escape") { item.classList.remove("correcting"); ev.target.blur(); }
      if (ev.key === "Enter" && item.classList.contains("correcting") && item.contains(ev.target)) {
        ev.preventDefault();
        const fields = changedFields(item.querySelector("form"));
        if (!Object.keys(fields).length) { status.textContent = "change a field first (Esc cancels)"; return; }
        if (await send(item, "correct", fields)) { ev.target.blur(); nextUndone(); }
      }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "j") select(index + 1);
    else if (ev.key === "k") select(index - 1);
    else if (ev.key === "a" || ev.key === "r") {
      if (await send(item, ev.key === "a" ? "accept" : "reject")) nextUndone();
    } else if (ev.key === "c") {
      ev.preventDefault();
      item.classList.add("correcting");
      const first = item.querySelector(".correct-fields select, .correct-fields input");
      if (first) first.focus();
    } else return;
    ev.preventDefault();
  });
  queue.addEventListener("click", (ev) => {
    const item = ev.target.closest(".queue-item");
    if (item) select(items().indexOf(item));
  });
}

function setupExtract() {
  const form = document.getElementById("extract-form");
  if (!form) return;
  const text = document.getElementById("extract-text");
  const live = document.getElementById("live");
  const result = document.getElementById("extract-result");
  const status = document.getElementById("extract-status");
  let timer = null;
  let running = 0;

  async function run() {
    if (!text.value.trim()) return;
    const mine = ++running;
    status.textContent = "extracting…";
    const response = await fetch("/extract", { method: "POST", body: new FormData(form), headers: { "X-Fragment": "1" } });
    if (mine !== running) return;
    const html = await response.text();
    if (response.ok) {
      result.innerHTML = html;  // server-rendered and escaped
      status.textContent = "";
    } else {
      status.textContent = "could not extract (" + response.status + ")";
    }
  }

  text.addEventListener("input", () => {
    if (!live.checked) return;
    clearTimeout(timer);
    timer = setTimeout(run, 700);
  });
  form.addEventListener("submit", (ev) => { ev.preventDefault(); run(); });
}

document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", () => { setupReview(); setupExtract(); });
