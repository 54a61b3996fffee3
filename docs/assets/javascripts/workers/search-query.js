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

  // Lunr query string: terms become prefixes, so `显存` also finds `显存占用` and a stem
  // such as `extrapol` finds `extrapolation`; a lone Latin letter (the `p` of P-tuning)
  // would match half the index as a prefix, so it must match exactly.
  function lunrQuery(terms) {
    return terms.map((term) => (/^[a-z0-9]$/.test(term) ? term : `${term}*`)).join(" ");
  }

  // Share of the query's terms found in a result's title (its question heading).
  function titleCoverage(result, terms) {
    const matched = Object.entries(result.matchData.metadata)
      .filter(([, fields]) => "title" in fields)
      .map(([indexed]) => indexed);
    const covered = terms.filter((term) => matched.some((indexed) => indexed.startsWith(term)));
    return terms.length ? covered.length / terms.length : 0;
  }

  // Which query terms a result matched, for Material's "missing" note and highlighting.
  function termsFound(terms, matchedIndexTerms) {
    return Object.fromEntries(terms.map((term) => [term, matchedIndexTerms.some((indexed) => indexed.startsWith(term))]));
  }

  // Position of each question within its page (1 for the first), from the index order.
  function questionOrder(docs) {
    const order = new Map();
    const seen = new Map();
    for (const { location } of docs) {
      const [page, anchor] = location.split("#");
      if (anchor === undefined) continue;
      seen.set(page, (seen.get(page) || 0) + 1);
      order.set(location, seen.get(page));
    }
    return order;
  }

  // A question whose heading names every term of the query is the answer a reader wants,
  // even when a longer answer elsewhere repeats the terms more often. Pages go from basic
  // to advanced, so among near-equal matches the earlier question (often "what is X")
  // comes first.
  function rankByTitle(results, terms, order = new Map()) {
    const weight = (result) =>
      (1 + 3 * titleCoverage(result, terms) ** 2) * (1 + 0.5 / (1 + (order.get(result.ref) || 0)));
    return results
      .map((result) => ({ ...result, score: result.score * weight(result) }))
      .sort((a, b) => b.score - a.score);
  }

  exports.segmentHan = segmentHan;
  exports.queryTerms = queryTerms;
  exports.lunrQuery = lunrQuery;
  exports.titleCoverage = titleCoverage;
  exports.termsFound = termsFound;
  exports.questionOrder = questionOrder;
  exports.rankByTitle = rankByTitle;
})(typeof module === "object" ? module.exports : (self.searchQuery = {}));
