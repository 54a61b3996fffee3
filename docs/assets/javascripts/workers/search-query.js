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

  // A query as the index spells it: full-width forms folded (ＬｏＲＡ → LoRA, NFKC) and
  // traditional characters mapped to simplified ones (訓練 → 训练) with OpenCC's table.
  function normalizeQuery(query, simplified = {}) {
    return [...query.normalize("NFKC")].map((char) => simplified[char] || char).join("");
  }

  // Terms of a reader's query, each normalised as the index was (stop words dropped,
  // English stemmed on the English site) and paired with the word the reader typed, which
  // is what highlighting and "missing" notes show. Chinese runs are segmented, punctuation
  // separates.
  function queryTerms(query, isIndexed, normalize) {
    const terms = new Map();
    for (const chunk of query.toLowerCase().split(NOT_WORD)) {
      for (const piece of chunk.split(HAN_RUN)) {
        if (!piece) continue;
        const words = HAN_RUN.test(piece) ? segmentHan(piece, isIndexed) : [piece];
        for (const word of words) {
          const term = normalize(word);
          if (term && !terms.has(term)) terms.set(term, word);
        }
      }
    }
    return [...terms].map(([term, word]) => ({ term, word }));
  }

  // Lunr query string: terms become prefixes, so `显存` also finds `显存占用` and a stem
  // such as `extrapol` finds `extrapolation`; a lone Latin letter (the `p` of P-tuning)
  // would match half the index as a prefix, so it must match exactly.
  function lunrQuery(terms) {
    return terms.map((term) => (/^[a-z0-9]$/.test(term) ? term : `${term}*`)).join(" ");
  }

  // Query terms found in a result's title (its question heading), prefixes included.
  function titleTerms(result, terms) {
    const matched = Object.entries(result.matchData.metadata)
      .filter(([, fields]) => "title" in fields)
      .map(([indexed]) => indexed);
    return terms.filter((term) => matched.some((indexed) => indexed.startsWith(term)));
  }

  // Share of the query's terms found in a result's title.
  function titleCoverage(result, terms) {
    return terms.length ? titleTerms(result, terms).length / terms.length : 0;
  }

  // Share of a title's letters that the query names: "什么是流水线并行" is about the
  // query 流水线并行 more than "数据并行、张量并行、流水线并行有何区别" is.
  function titlePrecision(result, terms, titleLength) {
    const named = titleTerms(result, terms).reduce((sum, term) => sum + term.length, 0);
    return titleLength ? Math.min(1, named / titleLength) : 0;
  }

  // Letters and digits of each entry's title, the length titlePrecision compares with.
  function titleLengths(docs) {
    return new Map(docs.map(({ location, title }) => [location, (title.match(/[\p{L}\p{N}]/gu) || []).length]));
  }

  // Which of the reader's words a result matched, for Material's "missing" note and for
  // highlighting on the page (?h=): the words as typed, not their stems.
  function termsFound(terms, matchedIndexTerms) {
    return Object.fromEntries(
      terms.map(({ term, word }) => [word, matchedIndexTerms.some((indexed) => indexed.startsWith(term))]),
    );
  }

  // Material shows a page's results under the page's own entry and folds away all but
  // those scored as high as the page's best, and it boosts page entries; so a page intro
  // that matched as well as its questions hid them. Here a page entry stays well below its
  // best question, and every question whose heading names all the query's terms scores
  // as high as the best of them, so a reader sees them all, the page's earliest first.
  function showQuestions(results, terms, order = new Map()) {
    const best = new Map();
    const named = (result) => result.ref.includes("#") && titleCoverage(result, terms) === 1;
    for (const result of results) {
      const page = result.ref.split("#")[0];
      if (result.ref.includes("#")) best.set(page, Math.max(best.get(page) || 0, result.score));
    }
    const bestNamed = new Map();
    for (const result of results.filter(named)) {
      const page = result.ref.split("#")[0];
      bestNamed.set(page, Math.max(bestNamed.get(page) || 0, result.score));
    }
    const position = (result) => order.get(result.ref) || 0;
    return results
      .map((result) => {
        const page = result.ref.split("#")[0];
        if (!result.ref.includes("#") && best.has(page)) return { ...result, score: Math.min(result.score, best.get(page) / 10) };
        if (named(result)) return { ...result, score: bestNamed.get(page) };
        return result;
      })
      .sort((a, b) => b.score - a.score || position(a) - position(b));
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
  // even when a longer answer elsewhere repeats the terms more often; among those, the
  // heading that is most nearly the query itself. Pages go from basic to advanced, so
  // among near-equal matches the earlier question (often "what is X") comes first.
  function rankByTitle(results, terms, order = new Map(), lengths = new Map()) {
    const weight = (result) =>
      (1 + 3 * titleCoverage(result, terms) ** 2) *
      (1 + titlePrecision(result, terms, lengths.get(result.ref) || 0)) ** 2 *
      (1 + 0.5 / (1 + (order.get(result.ref) || 0)));
    return results
      .map((result) => ({ ...result, score: result.score * weight(result) }))
      .sort((a, b) => b.score - a.score);
  }

  exports.normalizeQuery = normalizeQuery;
  exports.showQuestions = showQuestions;
  exports.segmentHan = segmentHan;
  exports.queryTerms = queryTerms;
  exports.lunrQuery = lunrQuery;
  exports.titleCoverage = titleCoverage;
  exports.titlePrecision = titlePrecision;
  exports.titleLengths = titleLengths;
  exports.termsFound = termsFound;
  exports.questionOrder = questionOrder;
  exports.rankByTitle = rankByTitle;
})(typeof module === "object" ? module.exports : (self.searchQuery = {}));
