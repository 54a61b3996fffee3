// Query and index helpers for the bilingual search worker (search-shim.js).
// Plain functions with no DOM or Lunr access, so that Node's test runner loads them too.
(function (exports) {
  "use strict";

  const HAN_RUN = /(\p{sc=Han}+)/u;
  const NOT_WORD = /[^\p{L}\p{N}]+/u;
  const LONGEST_TERM = 12;

  // Forward maximum matching against the index vocabulary: the indexed words are what
  // jieba (with the glossary as user dictionary) produced, so the longest indexed word
  // at each position is the segmentation the index agrees with. Unknown characters
  // stand alone and still match as prefixes.
  function segmentHan(run, isIndexed) {
    const words = [];
    for (let start = 0; start < run.length; ) {
      let end = Math.min(run.length, start + LONGEST_TERM);
      while (end > start + 1 && !isIndexed(run.slice(start, end))) end--;
      words.push(run.slice(start, end));
      start = end;
    }
    return words;
  }

  // Words of a reader's query, normalised as the index was (stop words dropped, English
  // stemmed on the English site); Chinese runs are segmented, punctuation separates.
  function queryTerms(query, isIndexed, normalize) {
    const terms = [];
    for (const chunk of query.toLowerCase().split(NOT_WORD)) {
      for (const piece of chunk.split(HAN_RUN)) {
        if (!piece) continue;
        const words = HAN_RUN.test(piece) ? segmentHan(piece, isIndexed) : [piece];
        for (const word of words) {
          const term = normalize(word);
          if (term) terms.push(term);
        }
      }
    }
    return [...new Set(terms)];
  }

  // Lunr query string: every term as a prefix, so `显存` also finds `显存占用` and a
  // stem such as `extrapol` finds `extrapolation`.
  function lunrQuery(query, isIndexed, normalize) {
    return queryTerms(query, isIndexed, normalize)
      .map((term) => `${term}*`)
      .join(" ");
  }

  exports.segmentHan = segmentHan;
  exports.queryTerms = queryTerms;
  exports.lunrQuery = lunrQuery;
})(typeof module === "object" ? module.exports : (self.searchQuery = {}));
