// The postings of one language's search index, prebuilt at build time so that no reader's
// browser tokenizes the site (docs/assets/javascripts/workers/search-index.js explains).
// Runs Material's own search worker, as the browser would, with lunr.Builder#add replaced
// by the collector: the tokenizer, separator and lunr-languages pipeline are the ones
// Material sets up for the index's config. hooks/bilingual_search.py runs it per language:
//
//   node scripts/search-index.mjs <site>/assets/javascripts/workers <site>/search/search_index.zh.json > postings.json
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import vm from "node:vm";

const SETUP = 0;
const READY = 1;

export function materialWorker(workersDir) {
  const names = readdirSync(workersDir).filter((name) => /^search\.[0-9a-f]+\.min\.js$/.test(name));
  if (names.length !== 1) throw new Error(`expected one Material search worker in ${workersDir}, found: ${names.join(", ") || "none"}`);
  return names[0];
}

// The web worker globals Material's worker and lunr-languages use; returns a function that
// sends the worker a message and resolves with its reply.
export function emulateWorker(workersDir) {
  const events = new EventTarget();
  let reply = () => {};
  Object.assign(globalThis, {
    self: globalThis,
    addEventListener: events.addEventListener.bind(events),
    postMessage: (message) => reply(message),
    importScripts: (...names) => {
      for (const name of names) {
        const file = path.join(workersDir, name);
        vm.runInThisContext(readFileSync(file, "utf8"), { filename: file });
      }
    },
  });
  return (data) =>
    new Promise((resolve) => {
      reply = resolve;
      events.dispatchEvent(new MessageEvent("message", { data }));
    });
}

async function prebuildPostings(workersDir, index) {
  const send = emulateWorker(workersDir);
  importScripts(materialWorker(workersDir), "search-index.js");
  const collector = self.searchIndex.createCollector();
  self.lunr.Builder.prototype.add = function (doc) {
    self.searchIndex.collect(collector, this, doc);
  };
  const reply = await send({ type: SETUP, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
  if (reply.type !== READY) throw new Error(`Material's search worker answered ${JSON.stringify(reply)} instead of READY`);
  if (collector.documents !== index.docs.length) throw new Error(`indexed ${collector.documents} of ${index.docs.length} documents`);
  return self.searchIndex.encodePostings(collector);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [workersDir, indexFile] = process.argv.slice(2);
  if (!indexFile) throw new Error("usage: node scripts/search-index.mjs <workers dir> <search_index.LANG.json>");
  const index = JSON.parse(readFileSync(indexFile, "utf8"));
  process.stdout.write(JSON.stringify(await prebuildPostings(workersDir, index)));
}
