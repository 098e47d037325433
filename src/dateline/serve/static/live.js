// Live page: poll /api/changes with If-None-Match (an unchanged store answers 304, no body), re-render the
// current page once when the store changed (new articles, re-fused stories), and mark what is new since the
// last visit (the store's clock, kept in localStorage).
const KEY = "dateline.lastVisit";
let since = null;
let etag = null;

export function isNew(ts) {
  return Boolean(since && ts && String(ts) > since);
}

export function startLive(rerender, everyMs = 3000) {
  since = localStorage.getItem(KEY);
  async function tick() {
    try {
      const headers = etag ? { "If-None-Match": etag } : {};
      const res = await fetch("/api/changes", { headers, cache: "no-store" });
      if (res.status === 200) {
        const body = await res.json();
        const first = etag === null;
        etag = res.headers.get("ETag");
        if (first && !since) since = body.now; // first visit: nothing is "new" yet
        localStorage.setItem(KEY, body.now);
        document.body.dataset.version = body.version;
        if (!first) await rerender();
      }
    } catch (e) {
      // the server may be restarting: try again at the next tick
    }
    setTimeout(tick, everyMs);
  }
  tick();
}
