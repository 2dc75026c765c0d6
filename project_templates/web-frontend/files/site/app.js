// Glue between the page and lib/: load the data, render the list, react to the search box.
import { countLabel, filterItems } from "./lib/items.js";

/** @typedef {{title: string, topic: string, date: string}} Item */

/**
 * The element with this id; a missing one is a bug in index.html, so say which.
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} kind
 * @returns {T}
 */
function byId(id, kind) {
  const element = document.getElementById(id);
  if (!(element instanceof kind))
    throw new Error(`index.html needs an element #${id}`);
  return element;
}

/** @param {Item[]} items */
function render(items) {
  byId("items", HTMLUListElement).replaceChildren(
    ...items.map((item) => {
      const li = document.createElement("li");
      li.textContent = `${item.date}: ${item.title} (${item.topic})`; // textContent: never HTML
      return li;
    }),
  );
  byId("count", HTMLParagraphElement).textContent = countLabel(items.length);
}

async function main() {
  const response = await fetch("items.json");
  /** @type {Item[]} */
  const items = await response.json();
  const search = byId("search", HTMLInputElement);
  search.addEventListener("input", () =>
    render(filterItems(items, search.value)),
  );
  render(filterItems(items, ""));
}

main();
