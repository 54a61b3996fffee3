// Unit tests of the prebuilt search postings (docs/assets/javascripts/workers/search-index.js
// and scripts/search-index.mjs): Material's own worker (from the virtualenv's theme) builds
// Lunr indexes of a small bilingual corpus the usual way, and the index loaded from the
// postings must equal them, search for search, positions included.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "../..");
const SETUP = 0;

function materialWorkersDir() {
  const lib = path.join(ROOT, ".venv/lib");
  const [python] = fs.readdirSync(lib).filter((name) => name.startsWith("python"));
  return path.join(lib, python, "site-packages/material/templates/assets/javascripts/workers");
}

// The search configuration the site's index carries (Material's fields, mkdocs.yml's separator).
function config(language) {
  const [, separator] = fs.readFileSync(path.join(ROOT, "mkdocs.yml"), "utf8").match(/^\s+separator: '(.*)'$/m);
  return {
    lang: [language],
    separator: separator.replace(/''/g, "'"),
    pipeline: ["stemmer", "stopWordFilter", "trimmer"],
    fields: { title: { boost: 1000 }, text: { boost: 1 }, tags: { boost: 1000000 } },
  };
}

const ZH_DOCS = [
  { location: "architecture/pe/", title: "位置编码", text: "<p>\u200b本页\u200b讲\u200b位置编码\u200b。</p>" },
  {
    location: "architecture/pe/#rope-idea",
    title: "什么\u200b是\u200b旋转\u200b位置编码\u200b（RoPE）？",
    text: "<p>\u200b简答\u200b：RoPE \u200b把\u200b query \u200b和\u200b key \u200b按\u200b位置\u200b旋转\u200b，\u200b注意力\u200b只\u200b依赖\u200b相对\u200b距离\u200b，\u200b外推\u200b更\u200b稳\u200b。</p> <ul> <li>\u200b见\u200b“\u200b长度外推\u200b”</li> </ul> <pre><code>rope_theta = 10000</code></pre>",
  },
  {
    location: "architecture/pe/#length-extrapolation",
    title: "\u200b什么\u200b是\u200b长度外推\u200b？",
    text: "<p>\u200b长度外推\u200b指\u200b模型\u200b在\u200b长度\u200b L &gt; L train \u200b时\u200b仍能\u200b工作\u200b；\u200b长度外推\u200b难\u200b在\u200b位置\u200b。7.5B \u200b模型\u200b</p>",
  },
  { location: "about/", title: "关于", text: "<p>\u200b来源\u200b与\u200b许可\u200b，\u200b位置\u200b不\u200b在\u200b这里\u200b。</p>", boost: 2 },
];
const EN_DOCS = [
  { location: "en/architecture/pe/", title: "Positional encoding", text: "<p>This page covers positions and the encodings of positions.</p>" },
  {
    location: "en/architecture/pe/#rope-idea",
    title: "What is rotary position embedding (RoPE)?",
    text: "<p>Short answer: RoPE rotates queries and keys by position, so attention depends on relative distance.</p> <ul> <li>See length extrapolation.</li> </ul> <pre><code>rope_theta = 10000</code></pre>",
  },
  {
    location: "en/architecture/pe/#length-extrapolation",
    title: "What is length extrapolation?",
    text: "<p>Extrapolating: a model trained on L &gt; L_train tokens still works; extrapolation is hard because of positions. 7.5B models.</p>",
  },
  { location: "en/about/", title: "About", text: "<p>Sources and licences; the positions are not here.</p>", boost: 2 },
];
const QUERIES = {
  zh: ["长度外推*", "位置*", "rope*", "外推", "旋转* 位置编码*", "quer~1", "*码", "+位置 -长度外推"],
  en: ["encod*", "rotari*", "extrapol*", "model", "rope* posit*", "quer~1", "*ope", "title:rope", "+posit -extrapol"],
};

// Material's worker, loaded once into this process as a web worker would load it.
let worker;
async function materialWorker() {
  if (!worker) {
    const { emulateWorker, materialWorker: workerFile } = await import("../../scripts/search-index.mjs");
    const dir = materialWorkersDir();
    const send = emulateWorker(dir);
    importScripts(workerFile(dir));
    worker = { send, searchIndex: require(path.join(ROOT, "docs/assets/javascripts/workers/search-index.js")) };
  }
  return worker;
}

// Lunr's own index of the docs, and the builder Material configured for them, with the
// collector run on every document lunr.Builder#add sees.
async function lunrBuild(language, docs) {
  const { send, searchIndex } = await materialWorker();
  const { lunr } = self;
  const add = lunr.Builder.prototype.add;
  const build = lunr.Builder.prototype.build;
  const collector = searchIndex.createCollector();
  let built;
  lunr.Builder.prototype.add = function (doc, attributes) {
    add.call(this, doc, attributes);
    searchIndex.collect(collector, this, doc);
  };
  lunr.Builder.prototype.build = function () {
    built = { builder: this, index: build.call(this) };
    return built.index;
  };
  try {
    await send({ type: SETUP, data: { config: config(language), docs, options: { suggest: false } } });
  } finally {
    Object.assign(lunr.Builder.prototype, { add, build });
  }
  const postings = JSON.parse(JSON.stringify(searchIndex.encodePostings(collector))); // as downloaded
  return { ...built, postings, searchIndex };
}

const withoutPositions = (index) => {
  const json = JSON.parse(JSON.stringify(index));
  for (const [, posting] of json.invertedIndex) for (const field of json.fields) for (const ref of Object.keys(posting[field])) posting[field][ref] = {};
  return json;
};
const plain = (results) => results.map(({ ref, score, matchData }) => ({ ref, score, metadata: JSON.parse(JSON.stringify(matchData.metadata)) }));

for (const [language, docs] of [["zh", ZH_DOCS], ["en", EN_DOCS]]) {
  test(`${language}: the index loaded from the postings is Lunr's own, positions aside`, async () => {
    const { builder, index, postings, searchIndex } = await lunrBuild(language, docs);
    const loaded = searchIndex.loadIndex(self.lunr, builder, docs, postings);
    assert.deepEqual(JSON.parse(JSON.stringify(loaded)), withoutPositions(index));
  });

  test(`${language}: searches of the loaded index find what Lunr's finds, positions included`, async () => {
    const { builder, index, postings, searchIndex } = await lunrBuild(language, docs);
    const loaded = searchIndex.loadIndex(self.lunr, builder, docs, postings);
    const onDemand = searchIndex.metadataSource(builder, docs);
    const ahead = searchIndex.metadataSource(builder, docs);
    while (ahead.prepareNext());
    for (const query of QUERIES[language]) {
      const expected = plain(index.search(query));
      assert.ok(expected.length, `${query} finds nothing: not a test`);
      assert.deepEqual(plain(searchIndex.addMatchMetadata(loaded.search(query), onDemand)), expected, query);
      assert.deepEqual(plain(searchIndex.addMatchMetadata(loaded.search(query), ahead)), expected, `${query}, documents prepared ahead`);
    }
  });
}

test("the loaded index tells which words it holds, as Lunr's does", async () => {
  const { builder, index, postings, searchIndex } = await lunrBuild("zh", ZH_DOCS);
  const loaded = searchIndex.loadIndex(self.lunr, builder, ZH_DOCS, postings);
  for (const word of ["长度外推", "长度", "位置编码", "rope", "不在索引里", "constructor", ""]) {
    assert.equal(word in loaded.invertedIndex, word in index.invertedIndex, word);
    const own = (words) => Object.prototype.hasOwnProperty.call(words, word);
    assert.equal(own(loaded.invertedIndex), own(index.invertedIndex), word);
  }
});

test("postings name each document by its distance from the previous one", async () => {
  const { searchIndex } = await materialWorker();
  const pairs = [[0, 1], [1, 3], [5, 1], [40, 12]];
  const numbers = searchIndex.encodePairs(pairs);
  assert.deepEqual(numbers, [0, 1, 3, 6, 69, 12]);
  const decoded = [];
  searchIndex.forEachPair(numbers, (documentIndex, frequency) => decoded.push([documentIndex, frequency]));
  assert.deepEqual(decoded, pairs);
});

test("a result the postings do not explain is an error naming the term and document", async () => {
  const { builder, postings, searchIndex } = await lunrBuild("en", EN_DOCS);
  const loaded = searchIndex.loadIndex(self.lunr, builder, EN_DOCS, postings);
  const stale = EN_DOCS.map((doc) => ({ ...doc, text: doc.text.replace(/extrapolation/g, "") }));
  assert.throws(
    () => searchIndex.addMatchMetadata(loaded.search("extrapol"), searchIndex.metadataSource(builder, stale)),
    /search index out of date: "extrapol" is not in text of en\/architecture\/pe\/#/,
  );
});
