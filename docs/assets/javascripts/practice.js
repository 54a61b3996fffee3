// Practice: known-marks, self-test, the core-only filter and progress, kept in this
// browser's localStorage (no account, no server). hooks/practice.py renders the controls;
// this script wires them. The state logic (first part) is pure and unit-tested in Node
// (tests/js/practice.test.js); the rest touches the page.
(function (exports) {
  "use strict";

  const FORMAT = "llm-interview-notes/progress";
  const QUESTION = /^[a-z0-9-]+(\/[a-z0-9-]+)*#[a-z0-9-]+$/;

  // State: {known: {"area/page#id": 1}, prefs: {"self-test": bool, "core-only": bool}}.
  function load(storage, key) {
    try {
      const data = JSON.parse(storage.getItem(key));
      if (data && typeof data.known === "object" && data.known) {
        const known = {};
        for (const id of Object.keys(data.known)) if (QUESTION.test(id)) known[id] = 1;
        return { known, prefs: { ...data.prefs } };
      }
    } catch (error) {
      // unreadable or blocked storage: start afresh
    }
    return { known: {}, prefs: {} };
  }

  function save(storage, key, state) {
    try {
      storage.setItem(key, JSON.stringify(state));
      return true;
    } catch (error) {
      return false; // full or blocked: the page keeps working for this visit
    }
  }

  function setKnown(state, id, known) {
    const next = { ...state.known };
    if (known) next[id] = 1;
    else delete next[id];
    return { ...state, known: next };
  }

  function setPref(state, name, value) {
    return { ...state, prefs: { ...state.prefs, [name]: value } };
  }

  const countKnown = (state, ids) => ids.filter((id) => state.known[id]).length;
  const countPage = (state, page) => Object.keys(state.known).filter((id) => id.startsWith(page + "#")).length;

  function exportText(state, now) {
    const known = Object.keys(state.known).sort();
    return JSON.stringify({ format: FORMAT, version: 1, exported: now.toISOString(), known }, null, 1);
  }

  // The question ids of an exported file; throws an Error saying what is wrong.
  function parseImport(text) {
    let data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new Error("not JSON");
    }
    if (!data || data.format !== FORMAT) throw new Error("not a progress file");
    if (data.version !== 1) throw new Error(`unsupported version ${data.version}`);
    if (!Array.isArray(data.known)) throw new Error("no list of known questions");
    const bad = data.known.find((id) => typeof id !== "string" || !QUESTION.test(id));
    if (bad !== undefined) throw new Error(`invalid question id ${JSON.stringify(bad)}`);
    return data.known;
  }

  // Imported marks join the ones already here (a phone's and a laptop's, say).
  const importInto = (state, ids) => ids.reduce((s, id) => setKnown(s, id, true), state);

  // The next index after `from` (wrapping, `step` = 1 or -1) that `skip` does not reject, or -1.
  function nextIndex(count, from, step, skip) {
    for (let n = 1; n <= count; n++) {
      const i = (((from + n * step) % count) + count) % count;
      if (!skip(i)) return i;
    }
    return -1;
  }

  Object.assign(exports, { FORMAT, load, save, setKnown, setPref, countKnown, countPage, exportText, parseImport, importInto, nextIndex });


  if (typeof document === "undefined") return;
  const anchor = document.querySelector("[data-practice-root]");
  if (!anchor) return;

  const key = new URL(anchor.dataset.practiceRoot, location.href).pathname + ".practice";
  const words = JSON.parse(anchor.dataset.l10n);
  const $$ = (selector) => [...document.querySelectorAll(selector)];
  let storage; // stays undefined where storage is blocked: marks then last for the visit
  try {
    storage = localStorage;
  } catch (error) {}
  let state = load(storage, key);
  const article = anchor.closest("article");
  const status = $$(".practice-status, .practice-total")[0];
  const tell = (text, values = {}) => (status.textContent = text.replace(/\{(\w)\}/g, (_, name) => values[name]));
  const file = anchor.querySelector("[type=file]");
  let testing = false;
  let nav;

  // Questions of a topic page: heading, controls, and (found when first needed) the answer.
  const questions = $$(".practice-q").map((box) => {
    const button = box.lastChild;
    return { box, button, heading: box.previousElementSibling, id: button.dataset.question, core: box.firstChild.dataset.level === "core" };
  });
  const answerOf = (q) => {
    if (!q.answer) {
      q.answer = [];
      for (let el = q.box.nextElementSibling; el && !/^H[12]$/.test(el.tagName); el = el.nextElementSibling) q.answer.push(el);
    }
    return q.answer;
  };

  function render() {
    for (const q of questions) q.button.setAttribute("aria-pressed", !!state.known[q.id]);
    if (questions[0]) tell(words.count, { k: countKnown(state, questions.map((q) => q.id)), n: questions.length });
    let known = 0;
    let total = 0;
    for (const cell of $$("[data-progress]")) {
      const n = +cell.dataset.total;
      const k = Math.min(countPage(state, cell.dataset.progress), n);
      cell.textContent = k ? `${k}/${n}` : n;
      cell.classList.toggle("practice-done", k === n);
      known += k;
      total += n;
    }
    if (total) tell(words.total, { k: known, n: total });
    for (const b of $$(".practice-switch")) b.setAttribute("aria-pressed", !!state.prefs[b.dataset.practice]);
  }

  function store(next) {
    save(storage, key, (state = next));
    render();
  }

  const hidden = (i) => questions[i].box.classList.contains("practice-off");
  const unanswered = (i) => hidden(i) || state.known[questions[i].id] || questions[i].done;

  function button(text, data, q) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    Object.assign(b.dataset, data);
    if (q) b.setAttribute("aria-describedby", q.heading.id);
    return b;
  }

  // Self-test controls are created the first time the mode is switched on.
  function selfTest(on) {
    testing = on;
    article.classList.toggle("practice-testing", on);
    if (on && !nav) {
      nav = [button(words.next, { practice: "next" }), button(words.random, { practice: "random" })];
      anchor.lastChild.before(...nav);
      anchor.firstChild.title = words.keys;
    }
    for (const b of nav || []) b.hidden = !on;
    questions.forEach((q, i) => {
      for (const el of answerOf(q)) el.classList.toggle("practice-hide", on);
      if (!on) return;
      if (!q.test) {
        q.test = document.createElement("div");
        q.test.className = "practice-test";
        q.reveal = button(words.reveal, { reveal: i }, q);
        q.grades = [button(words.knew, { grade: i, knew: 1 }, q), button(words.again, { grade: i }, q)];
        q.test.append(q.reveal, ...q.grades);
        q.box.after(q.test);
      }
      q.shown = q.done = q.reveal.hidden = false;
      for (const b of q.grades) b.hidden = true;
    });
  }

  function coreOnly(on) {
    article.classList.toggle("practice-core", on);
    for (const q of questions) {
      const off = on && !q.core;
      for (const el of [q.heading, q.box, q.test, ...answerOf(q)]) el && el.classList.toggle("practice-off", off);
      for (const link of $$(`.md-nav--secondary [href="#${q.heading.id}"]`)) link.parentElement.hidden = off;
    }
  }

  function reveal(q) {
    q.shown = true;
    for (const el of answerOf(q)) el.classList.remove("practice-hide");
    q.reveal.hidden = true;
    for (const b of q.grades) b.hidden = false;
    q.grades[0].focus();
  }

  function go(i) {
    if (i < 0) return tell(words.done);
    const q = questions[i];
    q.heading.scrollIntoView();
    (testing && !q.shown ? q.reveal : q.button).focus({ preventScroll: true });
  }

  // The question the reader is at: the one holding focus, else the first one on screen.
  const focused = () => questions.findIndex((q) => q.box.contains(document.activeElement) || (q.test && q.test.contains(document.activeElement)));
  function here() {
    const i = focused();
    if (i >= 0) return i;
    const top = questions.findIndex((q, j) => !hidden(j) && q.heading.getBoundingClientRect().bottom > 120);
    return top < 0 ? questions.length - 1 : top;
  }

  const actions = {
    "self-test": () => selfTest(!testing),
    "core-only": () => coreOnly(!state.prefs["core-only"]),
    next: () => go(nextIndex(questions.length, here(), 1, unanswered)),
    random: () => {
      const core = questions.map((q, i) => i).filter((i) => questions[i].core && !hidden(i));
      const fresh = core.filter((i) => !state.known[questions[i].id] && i !== here());
      const pool = fresh.length ? fresh : core;
      pool.length ? go(pool[Math.floor(Math.random() * pool.length)]) : tell(words.noCore);
    },
    export: () => {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([exportText(state, new Date())], { type: "application/json" }));
      link.download = "llm-interview-notes-progress.json";
      link.click();
    },
    import: () => file.click(),
    reset: () => confirm(words.confirm) && (store({ known: {}, prefs: state.prefs }), tell(words.cleared)),
  };

  document.addEventListener("click", (event) => {
    const data = (event.target.closest("button") || {}).dataset || {};
    const name = data.practice;
    if (data.question) store(setKnown(state, data.question, !state.known[data.question]));
    else if (data.reveal) reveal(questions[data.reveal]);
    else if (data.grade) {
      questions[data.grade].done = true;
      store(setKnown(state, questions[data.grade].id, !!data.knew));
      go(nextIndex(questions.length, +data.grade, 1, unanswered));
    } else if (actions[name]) {
      actions[name]();
      if (name.includes("-")) store(setPref(state, name, name === "self-test" ? testing : !state.prefs[name]));
    }
  });

  if (file) {
    file.onchange = async () => {
      try {
        const ids = parseImport(await file.files[0].text());
        store(importInto(state, ids));
        tell(words.imported, { n: ids.length });
      } catch (error) {
        tell(words.bad, { e: error.message });
      }
      file.value = "";
    };
  }

  document.addEventListener("keydown", (event) => {
    const { key: pressed, target } = event;
    if (!testing || event.ctrlKey || event.metaKey || event.altKey || target.matches("input, textarea, select, [contenteditable]")) return;
    if (pressed === "j" || pressed === "k") {
      // From a focused question, move on; from the page, j goes to the first one on screen.
      const step = pressed === "j" ? 1 : -1;
      event.preventDefault();
      go(nextIndex(questions.length, here() - (focused() < 0 && step > 0), step, hidden));
    } else if (pressed === " " && !target.closest("button, a")) {
      const q = questions[here()];
      if (q && !q.shown) {
        event.preventDefault();
        reveal(q);
      }
    }
  });

  render();
  if (state.prefs["core-only"]) coreOnly(true);
  if (state.prefs["self-test"] && questions[0]) {
    selfTest(true);
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) target.scrollIntoView();
  }
})(typeof module === "object" ? module.exports : {});
