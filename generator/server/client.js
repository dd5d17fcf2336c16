// Live reload for folio's dev server. Added to every HTML page it serves,
// never to the files a build writes.
// It is called with the number of the build the page was served from.
((served) => {
  "use strict";
  const here = () => {
    let p = decodeURIComponent(location.pathname);
    if (p.endsWith("/index.html")) p = p.slice(0, -"index.html".length);
    return p;
  };
  let server = null;
  const events = new EventSource("/__folio/events");
  // A restarted server has a new id: its site may differ. A build that
  // finished between serving this page and connecting was missed.
  events.addEventListener("hello", (e) => {
    const hello = JSON.parse(e.data);
    if ((server !== null && server !== hello.id) || hello.build > served) location.reload();
    server = hello.id;
  });
  // Static files this page loaded (stylesheets, images, fonts, scripts):
  // a change to one of them is a change to the page.
  const used = new Set();
  const path = (u) => decodeURIComponent(new URL(u, location.href).pathname);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (new URL(e.name).origin === location.origin) used.add(path(e.name));
    }).observe({ type: "resource", buffered: true });
  } catch {}
  const stylesheets = (doc) => [...doc.querySelectorAll('link[rel~="stylesheet"][href]')]
    .filter((l) => new URL(l.href, location.href).origin === location.origin);
  const uses = (asset) => used.has(asset) || stylesheets(document).some((l) => path(l.href) === asset);
  // Stylesheets load again under a new query string. stamp is the last
  // one, given also to the stylesheets of a page fetched to update this
  // one, so they compare equal to those in place and stay.
  let stamp = null;
  const restyle = (doc) => {
    if (stamp === null) return;
    for (const link of stylesheets(doc)) {
      const u = new URL(link.href, location.href);
      u.searchParams.set("folio-reload", stamp);
      link.href = u.href;
    }
  };
  // A changed page is fetched and put in place of the old one: much faster
  // than a reload, which makes the browser tear the page down and build
  // it again, and the reader keeps their place. Pages with scripts of
  // their own reload, so that the scripts run; so do errors.
  const own = (script) => script.textContent.includes("/__folio/events");
  const update = async (build) => {
    try {
      const res = await fetch(location.href, { cache: "no-store" });
      if (!res.ok || !(res.headers.get("content-type") || "").startsWith("text/html")) throw res.status;
      const doc = new DOMParser().parseFromString(await res.text(), "text/html");
      if ([...doc.scripts].some((s) => !own(s) && s.type !== "application/ld+json")) throw "scripts";
      restyle(doc);
      // Head elements that stayed the same stay, so stylesheets do not
      // load again.
      const kept = new Set([...doc.head.children].map((n) => n.outerHTML));
      const old = new Set();
      for (const n of [...document.head.children]) {
        if (n.tagName === "SCRIPT" && own(n)) continue;
        if (kept.has(n.outerHTML)) old.add(n.outerHTML);
        else n.remove();
      }
      for (const n of [...doc.head.children]) {
        if (!old.has(n.outerHTML) && !(n.tagName === "SCRIPT" && own(n))) document.head.append(n);
      }
      for (const a of [...document.documentElement.attributes]) {
        if (!doc.documentElement.hasAttribute(a.name)) document.documentElement.removeAttribute(a.name);
      }
      for (const a of doc.documentElement.attributes) document.documentElement.setAttribute(a.name, a.value);
      document.body.replaceWith(doc.body);
      served = build;
    } catch {
      location.reload();
    }
  };
  // A build tells which pages and which static files changed. Changes are
  // applied one after the other, never two at once: an editor's save by
  // rename is two builds in quick succession, and the second must not be
  // undone by the first finishing late.
  const apply = async (change) => {
    const assets = change.assets === "*" ? null : change.assets.filter(uses);
    if (assets === null || assets.some((a) => !a.endsWith(".css"))) {
      location.reload(); // images, fonts and scripts load anew only so
      return;
    }
    if (assets.length > 0) {
      stamp = change.build;
      restyle(document);
      served = change.build;
    }
    if (change.urls === "*" || change.urls.includes(here())) await update(change.build);
  };
  let queue = Promise.resolve();
  events.addEventListener("reload", (e) => {
    const change = JSON.parse(e.data);
    queue = queue.then(() => apply(change)).catch(() => location.reload());
  });
  // The panel of problems lives in a shadow root, which the site's
  // stylesheets do not reach: whatever they say of pre or strong, it keeps
  // its own colours. Its host element has its styles inline and
  // important, which no stylesheet overrides.
  const overlayID = "folio-problems";
  const panelStyle = `
    .panel { box-sizing: border-box; max-height: 60vh; overflow: auto; margin: 0; padding: 16px 20px;
      background: #2b0b0b; color: #fff5f5; border-top: 4px solid #ff6b6b; box-shadow: 0 -4px 24px #0008;
      font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; text-align: start; }
    strong { display: block; font: bold 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #fff5f5; }
    pre { display: block; margin: 8px 0 0; padding: 0; white-space: pre-wrap; overflow-wrap: anywhere;
      font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: #fff5f5; background: none; }`;
  events.addEventListener("problems", (e) => {
    const report = JSON.parse(e.data);
    let host = document.getElementById(overlayID);
    if (!host) {
      host = document.createElement("folio-problems");
      host.id = overlayID;
      host.style.cssText = "all: initial !important; display: block !important; position: fixed !important; " +
        "inset: auto 0 0 0 !important; z-index: 2147483647 !important; opacity: 1 !important; visibility: visible !important;";
      const shadow = host.attachShadow({ mode: "open" });
      const style = document.createElement("style");
      style.textContent = panelStyle;
      const panel = document.createElement("div");
      panel.className = "panel";
      panel.setAttribute("role", "alert");
      shadow.append(style, panel);
      // Beside the body, not in it: the body's styles do not touch it.
      document.documentElement.appendChild(host);
    }
    const title = document.createElement("strong");
    title.textContent = "The site did not build: the page shows the last good build.";
    const list = document.createElement("pre");
    list.textContent = report.problems.map((p) => p.text).join("\n");
    host.shadowRoot.querySelector(".panel").replaceChildren(title, list);
  });
  events.addEventListener("ok", () => {
    document.getElementById(overlayID)?.remove();
  });
})
