import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";

import { countLabel, filterItems } from "../site/lib/items.js";

const items = [
  { title: "Testing basics", topic: "testing", date: "2027-02-05" },
  { title: "Welcome", topic: "community", date: "2027-02-01" },
  { title: "Accessible forms", topic: "web", date: "2027-02-03" },
];

test("an empty query keeps every item, sorted by date", () => {
  const titles = filterItems(items, "").map((item) => item.title);
  assert.deepEqual(titles, ["Welcome", "Accessible forms", "Testing basics"]);
});

test("every word of the query must match the title or topic", () => {
  assert.deepEqual(
    filterItems(items, "WEB forms").map((i) => i.title),
    ["Accessible forms"],
  );
  assert.deepEqual(filterItems(items, "web testing"), []);
});

test("the count label reads naturally", () => {
  assert.equal(countLabel(0), "No items");
  assert.equal(countLabel(1), "1 item");
  assert.equal(countLabel(3), "3 items");
});

test("the sample data has the fields the page needs", async () => {
  const data = JSON.parse(
    await readFile(new URL("../site/items.json", import.meta.url), "utf8"),
  );
  assert.ok(data.length > 0);
  for (const item of data) {
    assert.equal(typeof item.title, "string");
    assert.match(item.date, /^\d{4}-\d{2}-\d{2}$/);
  }
});
