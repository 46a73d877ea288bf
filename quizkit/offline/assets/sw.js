// Service worker: keeps the whole site, the engine (Pyodide) and the scoring archive on the
// device, so that after one visit every page, the search and every quiz work with no network.
// Written by the quizzes plugin at build time (quizkit/offline); the list below names every file
// with a revision (a hash of its content), so a new deploy downloads only what changed.
//
// The engine's files are not in Workbox's list: they live in the cache engine-files.js keeps,
// shared with the engine worker, so the file the worker downloaded on the first visit is the one
// kept here (never a second download), and each is checked against its SHA-256 before it is
// kept. Every other file carries its SHA-256 as Workbox's integrity. A bad file fails the install
// and leaves the working version in place; the next visit tries again.
//
// Workbox's runtime libraries are served from this site (never a CDN). A new version installs
// in the background and then waits: pages offer to update, and only when the learner accepts
// does it take over (skipWaiting) and the page reload. Workbox's precache removes the previous
// version's entries when the new version activates.

importScripts(
  "assets/offline/workbox/workbox-core.prod.js",
  "assets/offline/workbox/workbox-routing.prod.js",
  "assets/offline/workbox/workbox-strategies.prod.js",
  "assets/offline/workbox/workbox-precaching.prod.js",
  "assets/quiz/engine-files.js",
);

const PRECACHE = "__PRECACHE_MANIFEST__";
const ENGINE = "__ENGINE_FILES__";
const engineFiles = ENGINE.map((entry) => ({ url: new URL(entry.url, self.registration.scope).href, entry }));
const { engineFile, cachedFile, keepOnly } = self.quizkitEngineFiles;

workbox.core.setCacheNameDetails({ prefix: "cadre" });

// Workbox fetches each file with a ?__WB_REVISION__ query and cache: "reload", which downloads
// again what the browser fetched minutes ago (the engine, 4 MB). Ask with the plain URL and
// cache: "no-cache" instead: the server answers 304 without a body when the file is unchanged.
workbox.precaching.addPlugins([
  {
    requestWillFetch: async ({ request }) => {
      const url = new URL(request.url);
      url.searchParams.delete("__WB_REVISION__");
      return new Request(url.href, { cache: "no-cache", credentials: "same-origin", integrity: request.integrity });
    },
  },
]);

// Query strings never change a static page (search adds ?h=词 to highlight words).
workbox.precaching.precacheAndRoute(PRECACHE, { ignoreURLParametersMatching: [/.*/] });
workbox.precaching.cleanupOutdatedCaches();

self.addEventListener("install", (event) => {
  event.waitUntil(Promise.all(engineFiles.map(({ url, entry }) => engineFile(url, entry, { read: false }))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(keepOnly(engineFiles));
});

// Engine files from the shared cache (the worker reads that cache itself; this covers anything else).
const engineByURL = new Map(engineFiles.map(({ url, entry }) => [url, entry]));
workbox.routing.registerRoute(
  ({ url }) => engineByURL.has(url.origin + url.pathname),
  async ({ url, request }) => (await cachedFile(url.origin + url.pathname, engineByURL.get(url.origin + url.pathname))) ?? fetch(request),
);

// The first version takes over the page at once (nothing to interrupt); later ones wait.
workbox.core.clientsClaim();

self.addEventListener("message", (event) => {
  if (event.data?.type === "SKIP_WAITING") self.skipWaiting();
});
