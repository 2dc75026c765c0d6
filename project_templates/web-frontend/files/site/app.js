// Glue between the page and lib/: load the data, render the list, react to the search box.
import { countLabel, filterItems } from "./lib/items.js";

function render(items) {
  const list = document.getElementById("items");
  list.replaceChildren(
    ...items.map((item) => {
      const li = document.createElement("li");
      li.textContent = `${item.date}: ${item.title} (${item.topic})`; // textContent: never HTML
      return li;
    }),
  );
  document.getElementById("count").textContent = countLabel(items.length);
}

async function main() {
  const response = await fetch("items.json");
  const items = await response.json();
  const search = document.getElementById("search");
  search.addEventListener("input", () => render(filterItems(items, search.value)));
  render(filterItems(items, ""));
}

main();
