// Material's search worker, adapted to a bilingual site:
// - each reader loads and searches only the index of the language being read;
// - the reader's query is segmented and normalised the way the index was built
//   (Material's own query path skips stemming for its wildcard terms and splits
//   Chinese glossary terms such as 长度外推).
// The page passes Material's worker file and the page language in the query string
// (hooks/bilingual_search.py). Messages are adjusted before Material's handler sees them.
"use strict";

const SETUP = 0;
const QUERY = 2;
const RESULT = 3;
const params = new URLSearchParams(self.location.search);
const language = params.get("lang") === "en" ? "en" : "zh";
let readerQuery = "";
let readerTerms = [];
let matchedByLocation = new Map();
let vocabulary = {};
let order = new Map();

importScripts("search-query.js");

const isIndexed = (word) => Object.prototype.hasOwnProperty.call(vocabulary, word);

// The index pipeline steps that shaped the indexed tokens, applied to query words.
function normalize(word) {
  const lunr = self.lunr;
  const steps = language === "en" ? [lunr.stopWordFilter, lunr.stemmer] : [lunr.zh.stopWordFilter];
  let token = new lunr.Token(word, {});
  for (const step of steps) {
    token = step(token);
    if (!token) return "";
  }
  return token.toString();
}

// The page sends a stub index; fetch this language's index, then replay the set-up
// message to Material's handler with it.
async function setUp(message) {
  const url = new URL(`../../../search/search_index.${language}.json`, self.location.href);
  const index = await (await fetch(url)).json();
  order = self.searchQuery.questionOrder(index.docs);
  const data = { ...message.data, config: { ...index.config, lang: [language] }, docs: index.docs };
  self.dispatchEvent(new MessageEvent("message", { data: { type: SETUP, data, replayed: true } }));
}

addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === SETUP && !message.replayed) {
    event.stopImmediatePropagation();
    setUp(message);
  } else if (message.type === QUERY) {
    // Material still parses the query to mark found terms and highlight them: give it
    // the normalised words; the search itself runs on the reader's words (below).
    readerQuery = message.data;
    readerTerms = self.searchQuery.queryTerms(readerQuery, isIndexed, normalize);
    if (readerTerms.length) message.data = readerTerms.join(" ");
  }
});

importScripts(params.get("worker"));

// Material turns off BM25's length normalisation (b = 0), so a long answer that repeats
// a term outranks the short question heading that names it; restore Lunr's default.
self.lunr.Builder.prototype.b = function () {
  this._b = 0.75;
};

const lunrBuild = self.lunr.Builder.prototype.build;
self.lunr.Builder.prototype.build = function () {
  const index = lunrBuild.call(this);
  vocabulary = index.invertedIndex;
  return index;
};

const lunrSearch = self.lunr.Index.prototype.search;
self.lunr.Index.prototype.search = function (materialQuery) {
  if (!readerTerms.length) return lunrSearch.call(this, materialQuery);
  const results = lunrSearch.call(this, self.searchQuery.lunrQuery(readerTerms));
  matchedByLocation = new Map(results.map((result) => [result.ref, Object.keys(result.matchData.metadata)]));
  return self.searchQuery.rankByTitle(results, readerTerms, order);
};

// Material re-segments the query to tell which terms each result matched, and then
// reports terms the reader never typed as missing; report the reader's own terms.
const materialPostMessage = self.postMessage.bind(self);
self.postMessage = (message) => {
  if (message.type === RESULT && readerTerms.length) {
    const found = (item) => self.searchQuery.termsFound(readerTerms, matchedByLocation.get(item.location) || []);
    message.data.items = message.data.items.map((group) => group.map((item) => ({ ...item, terms: found(item) })));
  }
  materialPostMessage(message);
};
