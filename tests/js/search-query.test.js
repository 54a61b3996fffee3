// Unit tests of the search worker's query handling (docs/assets/javascripts/workers/search-query.js).
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const {
  normalizeQuery,
  segmentHan,
  queryTerms,
  lunrQuery,
  titleCoverage,
  titlePrecision,
  titleLengths,
  termsFound,
  showQuestions,
  questionOrder,
  rankByTitle,
} = require(
  path.join(__dirname, "../../docs/assets/javascripts/workers/search-query.js"),
);

const vocabulary = new Set(["长度外推", "长度", "外推", "显存", "估算", "注意力", "机制", "注意力机制", "lora", "原理"]);
const isIndexed = (word) => vocabulary.has(word);
const identity = (word) => word;
const stopWords = new Set(["的", "the", "of"]);
const dropStopWords = (word) => (stopWords.has(word) ? "" : word);

test("Chinese runs are cut at the longest indexed word", () => {
  assert.deepEqual(segmentHan("长度外推", isIndexed), ["长度外推"]);
  assert.deepEqual(segmentHan("注意力机制", isIndexed), ["注意力机制"]);
  assert.deepEqual(segmentHan("显存估算", isIndexed), ["显存", "估算"]);
});

test("unknown characters stand alone", () => {
  assert.deepEqual(segmentHan("复读机", isIndexed), ["复", "读", "机"]);
  assert.deepEqual(segmentHan("的显存", isIndexed), ["的", "显存"]);
});

const terms = (query, normalize = identity) => queryTerms(query, isIndexed, normalize).map(({ term }) => term);

test("full-width forms and traditional characters are folded before anything else", () => {
  assert.equal(normalizeQuery("ＬｏＲＡ"), "LoRA");
  assert.equal(normalizeQuery("ｋｖ　ｃａｃｈｅ"), "kv cache");
  assert.equal(normalizeQuery("８－ｂｉｔ"), "8-bit");
  assert.equal(normalizeQuery("訓練 模型", { 訓: "训", 練: "练" }), "训练 模型");
  assert.equal(normalizeQuery("训练"), "训练");
});

test("mixed queries split scripts, punctuation and hyphens", () => {
  assert.deepEqual(terms("LoRA 原理"), ["lora", "原理"]);
  assert.deepEqual(terms("KV cache显存"), ["kv", "cache", "显存"]);
  assert.deepEqual(terms("low-rank, adapters?"), ["low", "rank", "adapters"]);
  assert.deepEqual(terms("8-bit bi-encoder"), ["8", "bit", "bi", "encoder"]);
});

test("query words go through the index's normalisation; dropped words vanish", () => {
  const stem = (word) => dropStopWords(word.replace(/s$/, ""));
  assert.deepEqual(queryTerms("the positions of", isIndexed, stem), [{ term: "position", word: "positions" }]);
  assert.deepEqual(terms("显存的估算", dropStopWords), ["显存", "估算"]);
});

test("repeated words are searched once", () => {
  assert.deepEqual(terms("显存 显存 LoRA lora"), ["显存", "lora"]);
});

test("the Lunr query makes terms prefixes, except lone letters and digits", () => {
  assert.equal(lunrQuery(["长度外推", "显存"]), "长度外推* 显存*");
  assert.equal(lunrQuery(["p", "tune", "v2"]), "p tune* v2*");
  assert.equal(lunrQuery([]), "");
});

const result = (ref, score, metadata) => ({ ref, score, matchData: { metadata } });

test("title coverage counts query terms found in the heading, prefixes included", () => {
  const hit = result("a", 1, { lora: { title: {} }, "显存占用": { text: {} } });
  assert.equal(titleCoverage(hit, ["lora", "显存"]), 0.5);
  assert.equal(titleCoverage(result("b", 1, { "显存占用": { title: {} } }), ["显存"]), 1);
  assert.equal(titleCoverage(hit, []), 0);
});

test("a heading naming every term outranks a longer answer repeating them", () => {
  const answer = result("long-answer", 10, { lora: { title: {}, text: {} }, "显存": { text: {} } });
  const question = result("question", 5, { lora: { title: {} }, "显存": { title: {} } });
  assert.deepEqual(rankByTitle([answer, question], ["lora", "显存"]).map((r) => r.ref), ["question", "long-answer"]);
});

test("title precision is the share of a heading's letters the query names", () => {
  const hit = result("a", 1, { "流水线并行": { title: {} } });
  const lengths = titleLengths([{ location: "a", title: "什么是\u200b流水线并行？" }, { location: "b", title: "DP vs TP" }]);
  assert.deepEqual([...lengths], [["a", 8], ["b", 6]]);
  assert.equal(titlePrecision(hit, ["流水线并行"], 8), 5 / 8);
  assert.equal(titlePrecision(hit, ["lora"], 8), 0);
});

test("among headings naming the query, the one closest to it wins", () => {
  const broad = result("a/#comparison", 3, { "流水线并行": { title: {}, text: {} } });
  const exact = result("a/#pipeline", 2, { "流水线并行": { title: {} } });
  const lengths = new Map([["a/#comparison", 17], ["a/#pipeline", 8]]);
  assert.deepEqual(rankByTitle([broad, exact], ["流水线并行"], new Map(), lengths).map((r) => r.ref), ["a/#pipeline", "a/#comparison"]);
});

test("questions are numbered within their page", () => {
  const order = questionOrder([{ location: "a/" }, { location: "a/#x" }, { location: "a/#y" }, { location: "b/#z" }]);
  assert.deepEqual([...order], [["a/#x", 1], ["a/#y", 2], ["b/#z", 1]]);
});

test("between equal matches, the earlier question of a page wins", () => {
  const details = result("a/#details", 1, { paged: { title: {} } });
  const definition = result("a/#what-is", 1, { paged: { title: {} } });
  const order = new Map([["a/#what-is", 3], ["a/#details", 4]]);
  assert.deepEqual(rankByTitle([details, definition], ["paged"], order).map((r) => r.ref), ["a/#what-is", "a/#details"]);
});

test("words found are the reader's words whose terms prefix an indexed word", () => {
  const reader = [{ term: "长度外推", word: "长度外推" }, { term: "rotari", word: "rotary" }, { term: "rope", word: "rope" }];
  assert.deepEqual(termsFound(reader, ["长度外推", "rotari"]), { "长度外推": true, rotary: true, rope: false });
});

test("a page's own entry never outranks its best question", () => {
  const ranked = showQuestions([result("a/", 8, {}), result("a/#q1", 3, {}), result("a/#q2", 2, {}), result("b/", 5, {})], ["x"]);
  assert.deepEqual(ranked.map((r) => [r.ref, r.score]), [["b/", 5], ["a/#q1", 3], ["a/#q2", 2], ["a/", 0.3]]);
});

test("every question whose heading names the whole query is shown, the page's earliest first", () => {
  const named = { pipelin: { title: {} }, parallel: { title: {} } };
  const ranked = showQuestions(
    [result("a/#pros", 5, named), result("a/#what-is", 4, named), result("a/#other", 4.5, { pipelin: { text: {} } })],
    ["pipelin", "parallel"],
    new Map([["a/#what-is", 2], ["a/#pros", 5], ["a/#other", 3]]),
  );
  assert.deepEqual(ranked.map((r) => [r.ref, r.score]), [["a/#what-is", 5], ["a/#pros", 5], ["a/#other", 4.5]]);
});
