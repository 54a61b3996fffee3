// Material's search worker, adapted to a bilingual site:
// - each reader loads and searches only the index of the language being read;
// - the reader's query is folded (full-width, traditional characters) and segmented and
//   normalised the way the index was built (Material's own query path skips stemming for
//   its wildcard terms and splits Chinese glossary terms such as 长度外推);
// - results show the question, not the page it is on, and highlight the reader's words;
// - Lunr's index is assembled from postings prebuilt with the site (search-index.js), not
//   built from the documents, so the first result follows the download without a delay.
// The page passes Material's worker file and the page language in the query string
// (hooks/bilingual_search.py). Messages are adjusted before Material's handler sees them.
"use strict";

const SETUP = 0;
const QUERY = 2;
const RESULT = 3;
const WARM = "warm"; // sent by the page (overrides/main.html) when the reader reaches for search
const params = new URLSearchParams(self.location.search);
const language = params.get("lang") === "en" ? "en" : "zh";
let readerTerms = [];
let matchedByLocation = new Map();
let vocabulary = {};
let order = new Map();
let lengths = new Map();
let simplified = {};
let prebuilt = null; // this language's documents and their postings
let matchMetadata = null;

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

// The page sends a stub index at load; this language's index and postings (the largest
// files of a page) and the code that loads them are fetched only when the reader reaches
// for search, and the set-up message is then replayed to Material's handler with the index.
let pendingSetUp = null;
let started = false;

function start() {
  if (started || !pendingSetUp) return;
  started = true;
  setUp(pendingSetUp);
}

const fetchJson = async (path) => (await fetch(new URL(path, self.location.href))).json();

async function setUp(message) {
  const downloads = Promise.all([
    fetchJson(`../../../search/search_index.${language}.json`),
    fetchJson(`../../../search/search_postings.${language}.json`),
    language === "zh" ? fetchJson("../../../search/t2s.json") : {},
  ]);
  importScripts("search-index.js");
  const [index, postings, table] = await downloads;
  prebuilt = { docs: index.docs, postings };
  simplified = table;
  order = self.searchQuery.questionOrder(index.docs);
  lengths = self.searchQuery.titleLengths(index.docs);
  const data = { ...message.data, config: index.config, docs: index.docs };
  self.dispatchEvent(new MessageEvent("message", { data: { type: SETUP, data, replayed: true } }));
}

addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === SETUP && !message.replayed) {
    event.stopImmediatePropagation();
    pendingSetUp = message;
  } else if (message.type === WARM) {
    event.stopImmediatePropagation();
    start();
  } else if (message.type === QUERY) {
    // Material still parses the query to mark found terms and highlight them: give it
    // the normalised words; the search itself runs on the reader's words (below).
    const query = self.searchQuery.normalizeQuery(message.data, simplified);
    readerTerms = self.searchQuery.queryTerms(query, isIndexed, normalize);
    if (readerTerms.length) message.data = readerTerms.map(({ term }) => term).join(" ");
  }
});

importScripts(params.get("worker"));

// Material turns off BM25's length normalisation (b = 0), so a long answer that repeats
// a term outranks the short question heading that names it; restore Lunr's default.
self.lunr.Builder.prototype.b = function () {
  this._b = 0.75;
};

// Material adds every document to a lunr.Builder and builds; with the postings at hand,
// adding does nothing and building assembles the index from them.
self.lunr.Builder.prototype.add = function () {};
self.lunr.Builder.prototype.build = function () {
  const index = self.searchIndex.loadIndex(self.lunr, this, prebuilt.docs, prebuilt.postings);
  matchMetadata = self.searchIndex.metadataSource(this, prebuilt.docs);
  setTimeout(prepareWhileIdle);
  vocabulary = index.invertedIndex;
  return index;
};

// Results need their documents tokenized (for the positions Material highlights); doing it
// ahead, in slices that let queries through, spares a query that finds hundreds of pages.
function prepareWhileIdle() {
  const deadline = performance.now() + 10;
  while (performance.now() < deadline) if (!matchMetadata.prepareNext()) return;
  setTimeout(prepareWhileIdle);
}

const lunrSearch = self.lunr.Index.prototype.search;
self.lunr.Index.prototype.search = function (materialQuery) {
  const terms = readerTerms.map(({ term }) => term);
  const query = terms.length ? self.searchQuery.lunrQuery(terms) : materialQuery;
  const results = self.searchIndex.addMatchMetadata(lunrSearch.call(this, query), matchMetadata);
  if (!terms.length) return results;
  matchedByLocation = new Map(results.map((result) => [result.ref, Object.keys(result.matchData.metadata)]));
  return self.searchQuery.showQuestions(self.searchQuery.rankByTitle(results, terms, order, lengths), terms, order);
};

// Material re-segments the query to tell which terms each result matched, and then
// reports terms the reader never typed as missing; report the reader's own words. The
// zero-width spaces that mark the index's Chinese word boundaries are not for display.
const materialPostMessage = self.postMessage.bind(self);
const readable = (text) => (typeof text === "string" ? text.replace(/\u200b/g, "") : text);
self.postMessage = (message) => {
  if (message.type === RESULT) {
    const found = (item) => self.searchQuery.termsFound(readerTerms, matchedByLocation.get(item.location) || []);
    message.data.items = message.data.items.map((group) =>
      group.map((item) => ({
        ...item,
        title: readable(item.title),
        text: readable(item.text),
        ...(readerTerms.length && { terms: found(item) }),
      })),
    );
  }
  materialPostMessage(message);
};
