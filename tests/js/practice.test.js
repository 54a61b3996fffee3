// Unit tests of the practice state logic (docs/assets/javascripts/practice.js).
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const practice = require(path.join(__dirname, "../../docs/assets/javascripts/practice.js"));
const { FORMAT, load, save, setKnown, setPref, countKnown, countPage, exportText, parseImport, importInto, nextIndex } = practice;

const ROPE = "architecture/positional-encoding#rope-idea";
const ALIBI = "architecture/positional-encoding#alibi";
const LORA = "training/lora#lora-idea";

function memoryStorage(initial = {}) {
  const items = { ...initial };
  return { items, getItem: (key) => (key in items ? items[key] : null), setItem: (key, value) => (items[key] = String(value)) };
}

test("an empty or unreadable storage gives an empty state", () => {
  assert.deepEqual(load(memoryStorage(), "/site/.practice"), { known: {}, prefs: {} });
  assert.deepEqual(load(memoryStorage({ "/site/.practice": "{not json" }), "/site/.practice"), { known: {}, prefs: {} });
  assert.deepEqual(load(memoryStorage({ "/site/.practice": "[1]" }), "/site/.practice"), { known: {}, prefs: {} });
  const blocked = { getItem: () => { throw new Error("SecurityError"); } };
  assert.deepEqual(load(blocked, "k"), { known: {}, prefs: {} });
});

test("a saved state loads back, dropping ids that are not question ids", () => {
  const storage = memoryStorage();
  const state = setPref(setKnown(setKnown({ known: {}, prefs: {} }, ROPE, true), LORA, true), "core-only", true);
  assert.equal(save(storage, "k", state), true);
  assert.deepEqual(load(storage, "k"), state);
  storage.items.k = JSON.stringify({ known: { [ROPE]: 1, "<script>": 1, "no-hash": 1 }, prefs: {} });
  assert.deepEqual(load(storage, "k").known, { [ROPE]: 1 });
});

test("a full storage does not break saving", () => {
  const full = { setItem: () => { throw new Error("QuotaExceededError"); } };
  assert.equal(save(full, "k", { known: {}, prefs: {} }), false);
});

test("toggling marks and unmarks without touching the old state", () => {
  const empty = { known: {}, prefs: {} };
  const marked = setKnown(empty, ROPE, true);
  assert.deepEqual(empty.known, {});
  assert.deepEqual(marked.known, { [ROPE]: 1 });
  assert.deepEqual(setKnown(marked, ROPE, false).known, {});
  assert.deepEqual(setKnown(marked, ALIBI, false).known, { [ROPE]: 1 });
});

test("counts per question list and per page", () => {
  const state = importInto({ known: {}, prefs: {} }, [ROPE, ALIBI, LORA]);
  assert.equal(countKnown(state, [ROPE, "architecture/positional-encoding#what-is-pe"]), 1);
  assert.equal(countPage(state, "architecture/positional-encoding"), 2);
  assert.equal(countPage(state, "architecture/positional"), 0, "a page is matched whole, not by prefix");
  assert.equal(countPage(state, "training/lora"), 1);
});

test("export then import round-trips the marks", () => {
  const state = importInto({ known: {}, prefs: { "self-test": true } }, [LORA, ROPE]);
  const text = exportText(state, new Date("2026-12-02T10:00:00Z"));
  const data = JSON.parse(text);
  assert.equal(data.format, FORMAT);
  assert.equal(data.version, 1);
  assert.equal(data.exported, "2026-12-02T10:00:00.000Z");
  assert.deepEqual(data.known, [ROPE, LORA], "sorted, so two exports of the same marks are the same file");
  const restored = importInto({ known: {}, prefs: {} }, parseImport(text));
  assert.deepEqual(restored.known, state.known);
});

test("import adds to the marks already there", () => {
  const here = setKnown({ known: {}, prefs: {} }, ALIBI, true);
  const merged = importInto(here, parseImport(exportText(setKnown(here, ROPE, true), new Date())));
  assert.deepEqual(Object.keys(merged.known).sort(), [ALIBI, ROPE]);
});

test("import refuses files that are not progress files, saying why", () => {
  const file = (fields) => JSON.stringify({ format: FORMAT, version: 1, known: [ROPE], ...fields });
  assert.throws(() => parseImport("hello"), /not JSON/);
  assert.throws(() => parseImport("null"), /not a progress file/);
  assert.throws(() => parseImport(file({ format: "something else" })), /not a progress file/);
  assert.throws(() => parseImport(file({ version: 2 })), /unsupported version 2/);
  assert.throws(() => parseImport(file({ known: "rope-idea" })), /no list of known questions/);
  assert.throws(() => parseImport(file({ known: [ROPE, 42] })), /invalid question id 42/);
  assert.throws(() => parseImport(file({ known: ["../../etc#x"] })), /invalid question id/);
  assert.deepEqual(parseImport(file({})), [ROPE]);
  assert.deepEqual(parseImport(file({ known: [] })), []);
});

test("the next question wraps around and skips what it is told to", () => {
  const done = new Set([1, 2]);
  assert.equal(nextIndex(5, 0, 1, (i) => done.has(i)), 3);
  assert.equal(nextIndex(5, 4, 1, (i) => done.has(i)), 0);
  assert.equal(nextIndex(5, 0, -1, (i) => done.has(i)), 4);
  assert.equal(nextIndex(5, 3, -1, (i) => done.has(i)), 0);
  assert.equal(nextIndex(3, 0, 1, () => true), -1);
  assert.equal(nextIndex(0, 0, 1, () => false), -1);
  assert.equal(nextIndex(1, 0, 1, () => false), 0, "a single question leads back to itself");
});
