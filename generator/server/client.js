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
  events.addEventListener("reload", (e) => {
    const urls = JSON.parse(e.data);
    if (urls === "*" || urls.includes(here())) location.reload();
  });
  events.addEventListener("css", () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const u = new URL(link.href);
      u.searchParams.set("folio-reload", Date.now());
      link.href = u.href;
    }
  });
  const overlayID = "folio-problems";
  events.addEventListener("problems", (e) => {
    const report = JSON.parse(e.data);
    let box = document.getElementById(overlayID);
    if (!box) {
      box = document.createElement("div");
      box.id = overlayID;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "margin:0;padding:1rem 1.25rem;background:#2b0b0b;color:#fff5f5;border-top:4px solid #ff6b6b;" +
        "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -4px 24px #0008";
      (document.body || document.documentElement).appendChild(box);
    }
    box.replaceChildren();
    const title = document.createElement("strong");
    title.textContent = "The site did not build: the page shows the last good build.";
    const list = document.createElement("pre");
    list.style.cssText = "margin:.5rem 0 0;white-space:pre-wrap;font:inherit";
    list.textContent = report.problems.map((p) => p.text).join("\n");
    box.append(title, list);
  });
  events.addEventListener("ok", () => {
    document.getElementById(overlayID)?.remove();
  });
})
