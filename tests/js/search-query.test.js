// Unit tests of the search worker's query handling (docs/assets/javascripts/workers/search-query.js).
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const { segmentHan, queryTerms, lunrQuery } = require(
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

test("the Lunr query makes every term a prefix", () => {
  assert.equal(lunrQuery("长度外推 显存", isIndexed, identity), "长度外推* 显存*");
  assert.equal(lunrQuery("？！", isIndexed, identity), "");
});
