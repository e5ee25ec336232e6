// Niceties on top of pages that work without JavaScript: the live outline preview of a plan's
// body, the progress bar of a generation, and showing the unit list only when it is needed.
"use strict";

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

function outlineList(nodes) {
  const list = document.createElement("ul");
  list.className = "outline";
  for (const node of nodes) {
    const item = document.createElement("li");
    item.className = "node kind-" + node.kind;
    const line = document.createElement("span");
    line.className = "line";
    if (node.marker) {
      const marker = document.createElement("span");
      marker.className = "marker";
      marker.textContent = node.marker;
      line.append(marker, " ");
    }
    line.append(node.text);
    item.append(line);
    if (node.children.length) {
      const children = outlineList(node.children);
      children.className = "";
      item.append(children);
    }
    list.append(item);
  }
  return list;
}

function liveOutline(section) {
  const source = document.getElementById(section.dataset.source);
  const heading = section.querySelector("h2");
  let timer = null;
  async function refresh() {
    const response = await fetch(section.dataset.url, {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken()},
      body: JSON.stringify({text: source.value}),
    });
    if (!response.ok) return;
    const data = await response.json();
    section.replaceChildren(heading, outlineList(data.nodes));
  }
  source.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  refresh();
}

function followGeneration(card) {
  // Without JavaScript the page refreshes itself (<noscript> meta refresh); here, poll and reload once at the end.
  const bar = card.querySelector("[data-progress]");
  const done = card.querySelector("[data-done]");
  async function poll() {
    const response = await fetch(card.dataset.statusUrl, {headers: {"Accept": "application/json"}});
    if (response.ok) {
      const status = await response.json();
      bar.value = status.percent;
      done.textContent = status.done;
      if (status.finished) {
        window.location.reload();
        return;
      }
    }
    setTimeout(poll, 500);
  }
  poll();
}

function unitScope(form) {
  const picker = form.querySelector(".unit-picker");
  const update = () => {
    const some = form.querySelector('input[name="scope"][value="some"]');
    picker.hidden = !(some && some.checked);
    if (!picker.hidden) picker.open = true;
  };
  form.querySelectorAll('input[name="scope"]').forEach((radio) => radio.addEventListener("change", update));
  update();
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-outline-preview]").forEach(liveOutline);
  document.querySelectorAll('[data-generation][data-finished="false"]').forEach(followGeneration);
  document.querySelectorAll("[data-unit-scope]").forEach(unitScope);
});
