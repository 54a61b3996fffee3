// Definitions of glossary terms in Material's tooltip style, from one delegated listener.
// Material's content.tooltips mounts a tooltip on every titled element when the page loads
// (60-200 per topic page, about a second of main thread on a phone); this one shows the
// `title` of the term under the pointer or focus, and keeps the native title without JS.
(() => {
  "use strict";
  const tip = document.createElement("div");
  tip.className = "md-tooltip2 md-tooltip2--bottom";
  tip.setAttribute("role", "tooltip");
  tip.id = "__glossary_tooltip";
  const inner = tip.appendChild(document.createElement("div"));
  inner.className = "md-tooltip2__inner md-typeset";
  let host = null;

  function show(term) {
    if (term === host) return;
    hide();
    host = term;
    inner.textContent = term.title || term.dataset.title;
    term.dataset.title = term.title;
    term.removeAttribute("title"); // no native tooltip on top of this one
    term.setAttribute("aria-describedby", tip.id);
    if (!tip.isConnected) document.body.append(tip);
    const box = term.getBoundingClientRect();
    const vars = {
      "host-x": box.left + scrollX,
      "host-y": box.top + scrollY,
      x: box.width / 2,
      y: 8 + box.height,
      tail: 0,
      width: inner.offsetWidth,
    };
    for (const [name, value] of Object.entries(vars)) tip.style.setProperty(`--md-tooltip-${name}`, `${value}px`);
    requestAnimationFrame(() => host === term && tip.classList.add("md-tooltip2--active"));
  }

  function hide() {
    if (!host) return;
    host.title = host.dataset.title;
    host.removeAttribute("aria-describedby");
    tip.classList.remove("md-tooltip2--active");
    host = null;
  }

  const term = (event) => event.target instanceof Element && event.target.closest("a.glossary-term[title], a.glossary-term[data-title]");
  for (const type of ["pointerover", "focusin"]) {
    document.addEventListener(type, (event) => {
      const found = term(event);
      if (found && (type === "focusin" || event.pointerType === "mouse")) show(found);
    });
  }
  for (const type of ["pointerout", "focusout"]) {
    document.addEventListener(type, (event) => term(event) === host && hide());
  }
  document.addEventListener("keydown", (event) => event.key === "Escape" && hide());
})();
