// Sift's service worker: after the first visit the page works offline.
//
// Trunk puts a hash in most file names, so there is no fixed list to cache.
// Instead: on install, cache the page and every file it names (plus the
// three model files the app fetches itself); on every same-origin GET, ask the
// network first and keep a copy, and fall back to the copy when offline.
// Network first means a new build is used as soon as it is online.
const CACHE = "sift-v1";
const MODELS = ["./ner.bin", "./claims.bin", "./syntax.bin"];

// Every file index.html refers to (href, src and the loader's data- paths).
function referenced(html) {
  const out = new Set();
  for (const m of html.matchAll(/(?:href|src|data-sift-js|data-sift-wasm)="([^"]+)"/g)) {
    const url = new URL(m[1], self.registration.scope);
    if (url.origin === self.location.origin) out.add(url.href);
  }
  return out;
}

async function cacheAll() {
  const cache = await caches.open(CACHE);
  const page = await fetch("./", { cache: "no-store" });
  if (!page.ok) return;
  const html = await page.clone().text();
  await cache.put("./", page);
  const urls = [...referenced(html), ...MODELS.map((m) => new URL(m, self.registration.scope).href)];
  await Promise.all(
    urls.map(async (u) => {
      try {
        const r = await fetch(u, { cache: "no-store" });
        if (r.ok) await cache.put(u, r);
      } catch (e) {
        // Offline mid-install: the file is cached on its next fetch.
      }
    }),
  );
  await prune(cache, html);
}

// Drops cached files of older builds: hashed names the page no longer uses.
async function prune(cache, html) {
  const keep = referenced(html);
  for (const req of await cache.keys()) {
    if (/-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(req.url) && !keep.has(req.url)) {
      await cache.delete(req);
    }
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(cacheAll().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  // The page itself is stored under "./" whatever its URL's query or name.
  const key = req.mode === "navigate" ? new URL("./", self.registration.scope).href : req.url;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const fresh = await fetch(req);
        if (fresh.ok) {
          await cache.put(key, fresh.clone());
          if (req.mode === "navigate") prune(cache, await fresh.clone().text());
        }
        return fresh;
      } catch (offline) {
        const copy = await cache.match(key);
        if (copy) return copy;
        throw offline;
      }
    })(),
  );
});
