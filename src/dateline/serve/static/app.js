// Hash router: #/ (stories), #/story/ID, #/article/ID?start=&end=, #/articles, #/actors, #/search?q=
// (#/stories/ID and #/articles/ID as well)
import { api, el, clear, errorBox, setMaxPage } from "./api.js";
import { homeView, storyView, articlesView, actorsView, searchView } from "./views.js";
import { articleView } from "./article.js";
import { startLive } from "./live.js";

const view = document.getElementById("view");

function parse() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, query] = raw.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { parts, params: new URLSearchParams(query || "") };
}

let seq = 0;
async function route({ keepScroll = false } = {}) {
  const my = ++seq;
  const { parts, params } = parse();
  const root = el("div", { class: "page" });
  document.body.dataset.view = parts[0] || "home";
  view.setAttribute("aria-busy", "true");
  try {
    if (!parts.length) await homeView(root);
    // "#/stories/ID" and "#/articles/ID" (the REST API's paths) open the story and the article too; an id
    // typed with its "/" unescaped ("#/article/2025/may/report") is the rest of the path
    else if ((parts[0] === "story" || parts[0] === "stories") && parts[1]) await storyView(root, parts.slice(1).join("/"));
    else if ((parts[0] === "article" || parts[0] === "articles") && parts[1]) {
      await articleView(root, parts.slice(1).join("/"), params);
    }
    else if (parts[0] === "articles") await articlesView(root, params);
    else if (parts[0] === "actors") await actorsView(root, params);
    else if (parts[0] === "search") await searchView(root, params);
    else root.append(el("p", {}, "Unknown page. ", el("a", { href: "#/" }, "Go to the stories.")));
  } catch (e) {
    root.append(errorBox(e));
  }
  if (my !== seq) return; // a newer navigation won
  clear(view).append(root);
  view.setAttribute("aria-busy", "false");
  document.title = (root.querySelector("h1")?.textContent || "dateline") + " · dateline";
  if (!params.has("start") && !keepScroll) window.scrollTo(0, 0);
  const q = document.querySelector("#search input");
  q.value = parts[0] === "search" ? params.get("q") || "" : "";
}

document.getElementById("search").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = e.target.q.value.trim();
  if (q) location.hash = "#/search?q=" + encodeURIComponent(q);
});
window.addEventListener("hashchange", () => route());
api("meta").then((m) => setMaxPage(m.max_page)).catch(() => {}).finally(() => route());
// re-render the data pages when the store changes (articles landing while `dateline serve --watch` runs)
startLive(async () => {
  const page = document.body.dataset.view;
  if (page === "home" || page === "story" || page === "articles") await route({ keepScroll: true });
});
