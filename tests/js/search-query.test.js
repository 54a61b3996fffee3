// Unit tests of the search worker's query handling (docs/assets/javascripts/workers/search-query.js).
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const { segmentHan, queryTerms, lunrQuery, titleCoverage, termsFound, questionOrder, rankByTitle } = require(
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

test("mixed queries split scripts, punctuation and hyphens", () => {
  assert.deepEqual(queryTerms("LoRA 原理", isIndexed, identity), ["lora", "原理"]);
  assert.deepEqual(queryTerms("KV cache显存", isIndexed, identity), ["kv", "cache", "显存"]);
  assert.deepEqual(queryTerms("low-rank, adapters?", isIndexed, identity), ["low", "rank", "adapters"]);
});

test("query words go through the index's normalisation; dropped words vanish", () => {
  const stem = (word) => dropStopWords(word.replace(/s$/, ""));
  assert.deepEqual(queryTerms("the positions of", isIndexed, stem), ["position"]);
  assert.deepEqual(queryTerms("显存的估算", isIndexed, dropStopWords), ["显存", "估算"]);
});

test("repeated words are searched once", () => {
  assert.deepEqual(queryTerms("显存 显存 LoRA lora", isIndexed, identity), ["显存", "lora"]);
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

test("terms found are the reader's terms matched as prefixes of indexed words", () => {
  assert.deepEqual(termsFound(["长度外推", "posit"], ["长度外推", "posit"]), { "长度外推": true, posit: true });
  assert.deepEqual(termsFound(["posit", "rope"], ["position"]), { posit: true, rope: false });
});
