// Renders TeX to MathML for the build (hooks/mathml.py): one process per build.
// Reads one JSON request per line, {"tex": "...", "display": true|false}, and writes one
// JSON line back, {"mathml": "..."} or {"error": "..."}, in the same order.
import { createInterface } from "node:readline";
import temml from "temml";

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  const { tex, display } = JSON.parse(line);
  let reply;
  try {
    reply = { mathml: temml.renderToString(tex, { displayMode: display, throwOnError: true, annotate: false }) };
  } catch (error) {
    reply = { error: String(error.message || error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
}
