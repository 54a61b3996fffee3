// Prebuilt postings for Material's Lunr search index.
// Building the index in the reader's browser (tokenize every document, run the pipeline,
// weigh every term) took over a second before the first result. Instead, the build
// (scripts/search-index.mjs) runs Material's own worker in Node, with the tokenizer,
// separator and lunr-languages pipeline it sets up for the index's config, and records
// each term's frequency per field and document; the worker (search-shim.js) assembles the
// lunr.Index from those postings without tokenizing anything, and makes a term's posting
// or a document's vector only when a query first reads it. Term positions, which only
// Material's highlighting needs, are left out of the download: a result's document is
// tokenized when it is first found (or ahead, while the worker is idle). Plain functions
// of lunr objects, so Node runs them too.
(function (exports) {
  "use strict";

  // What a loaded index's postings hold per document: match metadata is looked up only for
  // results (addMatchMetadata).
  const NO_METADATA = Object.freeze(Object.create(null));

  // Calls visit(term, token) for every term lunr.Builder#add indexes in one field of a
  // document: the field's extractor (Material's also starts the field's position table),
  // the tokenizer, the pipeline. Pipeline steps depend on a token's text only, so each
  // distinct text goes through them once (memo).
  function forEachTerm(builder, doc, field, memo, visit) {
    const { extractor } = builder._fields[field];
    for (const token of builder.tokenizer(extractor ? extractor(doc) : doc[field], { fields: [field] })) {
      let terms = memo.get(token.str);
      if (!terms) memo.set(token.str, (terms = builder.pipeline.run([token]).map(String)));
      for (const term of terms) visit(term, token);
    }
  }

  function createCollector() {
    return { terms: new Map(), postings: {}, documents: 0, memo: new Map() };
  }

  // Build time, in place of lunr.Builder#add: number terms in the order lunr first meets
  // them and record each (document, frequency) pair under its term and field.
  function collect(collector, builder, doc) {
    const documentIndex = collector.documents++;
    for (const field of Object.keys(builder._fields)) {
      const frequencies = new Map();
      forEachTerm(builder, doc, field, collector.memo, (term) => frequencies.set(term, (frequencies.get(term) || 0) + 1));
      for (const [term, frequency] of frequencies) {
        if (!collector.terms.has(term)) collector.terms.set(term, collector.terms.size);
        const postings = (collector.postings[field] ||= []);
        (postings[collector.terms.get(term)] ||= []).push([documentIndex, frequency]);
      }
    }
  }

  // One array of numbers per term and field: for each document, the number of documents
  // skipped since the previous one, doubled, plus 1 when the term's frequency there, which
  // then follows, is above 1. Small numbers, mostly 0 and 1, compress well.
  function encodePairs(pairs = []) {
    const numbers = [];
    let previous = -1;
    for (const [documentIndex, frequency] of pairs) {
      numbers.push(2 * (documentIndex - previous - 1) + (frequency > 1 ? 1 : 0));
      if (frequency > 1) numbers.push(frequency);
      previous = documentIndex;
    }
    return numbers;
  }

  function forEachPair(numbers = [], visit) {
    let documentIndex = -1;
    for (let i = 0; i < numbers.length; i++) {
      documentIndex += (numbers[i] >> 1) + 1;
      visit(documentIndex, numbers[i] & 1 ? numbers[++i] : 1);
    }
  }

  function encodePostings(collector) {
    const terms = [...collector.terms.keys()];
    const fields = Object.fromEntries(
      Object.entries(collector.postings).map(([field, postings]) => [field, terms.map((_, index) => encodePairs(postings[index]))]),
    );
    return { terms, fields };
  }

  // lunr.TokenSet of sorted words [lo, hi) that share their first `depth` characters: a
  // trie whose nodes make their edges when first read, so that loading builds nothing and a
  // query explores only the branches its terms lead to. (lunr.TokenSet.fromArray builds and
  // minimises the whole graph up front, which took as long as all the rest of loading.)
  // Edges are added in sorted order, as fromArray adds them, so words expand alike.
  function lazyTokenSet(lunr, words, lo = 0, hi = words.length, depth = 0) {
    const node = new lunr.TokenSet();
    let first = lo;
    if (first < hi && words[first].length === depth) {
      node.final = true;
      first++;
    }
    let edges = null;
    Object.defineProperty(node, "edges", { enumerable: true, get: () => (edges ||= childEdges(lunr, words, first, hi, depth)) });
    return node;
  }

  function childEdges(lunr, words, lo, hi, depth) {
    const edges = {};
    for (let start = lo, end = lo; start < hi; start = end) {
      const char = words[start][depth];
      while (end < hi && words[end][depth] === char) end++;
      edges[char] = lazyTokenSet(lunr, words, start, end, depth + 1);
    }
    return edges;
  }

  // An object with the given keys whose values are made (by make(key)) when first read.
  function lazyRecord(keys, make) {
    const known = new Set(keys);
    const made = Object.create(null);
    const ensure = (key) => {
      if (known.has(key) && !(key in made)) made[key] = make(key);
    };
    return new Proxy(made, {
      get: (target, key) => (ensure(key), target[key]),
      has: (target, key) => known.has(key),
      getOwnPropertyDescriptor: (target, key) => (ensure(key), Reflect.getOwnPropertyDescriptor(target, key)),
      ownKeys: () => (keys.forEach(ensure), [...keys]),
    });
  }

  // Per field, each document's length in terms and number of distinct terms; per term,
  // the documents holding it.
  function termCounts(postings, termCount, documentCount) {
    const lengths = postings.map(() => new Array(documentCount).fill(0));
    const distinct = postings.map(() => new Array(documentCount).fill(0));
    const documentFrequencies = new Array(termCount).fill(0);
    postings.forEach((fieldPostings, field) =>
      fieldPostings.forEach((numbers, term) =>
        forEachPair(numbers, (documentIndex, frequency) => {
          lengths[field][documentIndex] += frequency;
          distinct[field][documentIndex]++;
          documentFrequencies[term]++;
        }),
      ),
    );
    return { lengths, distinct, documentFrequencies };
  }

  // Per field, each document's terms and their frequencies in term order: the slice
  // offsets[d] to offsets[d + 1] of two flat arrays.
  function forwardIndex(postings, distinct, documentCount) {
    return postings.map((fieldPostings, field) => {
      const offsets = new Int32Array(documentCount + 1);
      for (let documentIndex = 0; documentIndex < documentCount; documentIndex++) {
        offsets[documentIndex + 1] = offsets[documentIndex] + distinct[field][documentIndex];
      }
      const next = offsets.slice(0, documentCount);
      const terms = new Int32Array(offsets[documentCount]);
      const frequencies = new Int32Array(offsets[documentCount]);
      fieldPostings.forEach((numbers, term) =>
        forEachPair(numbers, (documentIndex, frequency) => {
          terms[next[documentIndex]] = term;
          frequencies[next[documentIndex]++] = frequency;
        }),
      );
      return { offsets, terms, frequencies };
    });
  }

  // A term's BM25 weight in a field of a document, computed as lunr.idf and
  // lunr.Builder#createFieldVectors do (same operations, same order, same rounding).
  function bm25(builder, fields, docs, { lengths, documentFrequencies }) {
    const averages = lengths.map((fieldLengths) => fieldLengths.reduce((sum, length) => sum + length, 0) / docs.length);
    const idf = documentFrequencies.map((n) => Math.log(1 + Math.abs((docs.length - n + 0.5) / (n + 0.5))));
    const fieldBoosts = fields.map((name) => builder._fields[name].boost || 1);
    const { _k1: k1, _b: b } = builder;
    return (field, documentIndex, term, tf) => {
      let score = idf[term] * ((k1 + 1) * tf) / (k1 * (1 - b + b * (lengths[field][documentIndex] / averages[field])) + tf);
      score *= fieldBoosts[field];
      score *= docs[documentIndex].boost || 1;
      return Math.round(score * 1000) / 1000;
    };
  }

  // The lunr.Index builder.build() would return had every document been added, without
  // positions: the same term numbers, postings and field vectors. A term's posting and a
  // document field's vector are made when a query first reads them.
  function loadIndex(lunr, builder, docs, { terms, fields: encoded }) {
    const refs = docs.map((doc) => String(doc[builder._ref]));
    const fields = Object.keys(builder._fields);
    const postings = fields.map((name) => encoded[name] || []);
    const counts = termCounts(postings, terms.length, docs.length);
    const weight = bm25(builder, fields, docs, counts);
    const forward = forwardIndex(postings, counts.distinct, docs.length);
    const termNumbers = new Map(terms.map((text, term) => [text, term]));
    const documentNumbers = new Map(refs.map((ref, documentIndex) => [ref, documentIndex]));
    const posting = (text) => {
      const term = termNumbers.get(text);
      const made = Object.create(null);
      made._index = term;
      fields.forEach((name, field) => {
        const documents = (made[name] = Object.create(null));
        forEachPair(postings[field][term], (documentIndex) => (documents[refs[documentIndex]] = NO_METADATA));
      });
      return made;
    };
    const vector = (key) => {
      const fieldRef = lunr.FieldRef.fromString(key);
      const field = fields.indexOf(fieldRef.fieldName);
      const documentIndex = documentNumbers.get(fieldRef.docRef);
      const { offsets, terms: termsOf, frequencies } = forward[field];
      const elements = [];
      for (let i = offsets[documentIndex]; i < offsets[documentIndex + 1]; i++) {
        elements.push(termsOf[i], weight(field, documentIndex, termsOf[i], frequencies[i]));
      }
      return new lunr.Vector(elements);
    };
    const fieldRefs = refs.flatMap((ref) => fields.map((name) => new lunr.FieldRef(ref, name).toString()));
    return new lunr.Index({
      invertedIndex: lazyRecord(terms, posting),
      fieldVectors: lazyRecord(fieldRefs, vector),
      tokenSet: lazyTokenSet(lunr, [...terms].sort()),
      fields,
      pipeline: builder.searchPipeline,
    });
  }

  // The terms of one field of a document in token order, each with its token's metadata.
  function tokenTerms(builder, doc, field, memo) {
    const terms = [];
    const metadata = [];
    forEachTerm(builder, doc, field, memo, (term, token) => {
      terms.push(term);
      metadata.push(token.metadata);
    });
    return { terms, metadata };
  }

  // Match metadata (for Material, the positions it highlights) of the terms of documents'
  // fields, as lunr.Builder#add records it for the builder's metadata whitelist. Each field
  // of each document is tokenized once: when a search first finds it, or before, one at a
  // time (prepareNext), while the worker waits for queries.
  function metadataSource(builder, docs) {
    const byRef = new Map(docs.map((doc) => [String(doc[builder._ref]), doc]));
    const fields = Object.keys(builder._fields);
    const unprepared = [...byRef.keys()].flatMap((ref) => fields.map((field) => [ref, field]));
    const cache = new Map();
    const memo = new Map();
    const tokenized = (ref, field) => {
      const key = `${field}/${ref}`;
      if (!cache.has(key)) cache.set(key, tokenTerms(builder, byRef.get(ref), field, memo));
      return cache.get(key);
    };
    const lookup = (ref, field, term) => {
      const { terms, metadata } = tokenized(ref, field);
      if (!terms.includes(term)) return undefined;
      const entry = Object.create(null);
      for (const name of builder.metadataWhitelist) entry[name] = [];
      terms.forEach((found, index) => {
        if (found === term) for (const name of builder.metadataWhitelist) entry[name].push(metadata[index][name]);
      });
      return entry;
    };
    const prepareNext = () => {
      const next = unprepared.pop();
      if (next) tokenized(...next);
      return unprepared.length > 0;
    };
    return { lookup, prepareNext };
  }

  // Fills in the metadata of every match of lunr's results, which a loaded index lacks.
  function addMatchMetadata(results, { lookup }) {
    for (const { ref, matchData } of results) {
      for (const [term, fields] of Object.entries(matchData.metadata)) {
        for (const field of Object.keys(fields)) {
          const metadata = lookup(ref, field, term);
          if (!metadata) throw new Error(`search index out of date: "${term}" is not in ${field} of ${ref}`);
          fields[field] = metadata;
        }
      }
    }
    return results;
  }

  exports.createCollector = createCollector;
  exports.collect = collect;
  exports.encodePostings = encodePostings;
  exports.forEachPair = forEachPair;
  exports.encodePairs = encodePairs;
  exports.loadIndex = loadIndex;
  exports.metadataSource = metadataSource;
  exports.addMatchMetadata = addMatchMetadata;
})(typeof module === "object" ? module.exports : (self.searchIndex = {}));
