// Pure logic of the page: no DOM, no network, so it runs under `node --test`.

/**
 * Items whose title or topic contains every word of the query (case-insensitive),
 * sorted by date then title.
 * @param {{title: string, topic: string, date: string}[]} items
 * @param {string} query
 */
export function filterItems(items, query) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return items
    .filter((item) => {
      const text = `${item.title} ${item.topic}`.toLowerCase();
      return words.every((word) => text.includes(word));
    })
    .sort(
      (a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title),
    );
}

/**
 * "3 items", "1 item", "No items"
 * @param {number} n
 */
export function countLabel(n) {
  if (n === 0) return "No items";
  return n === 1 ? "1 item" : `${n} items`;
}
