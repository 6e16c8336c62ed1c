// Loads the app: what Trunk's inline loader does, from a file, so that the
// page's Content-Security-Policy can forbid inline scripts. Trunk.toml's
// `pattern_script` puts the hashed file names on this script's element.
const tag = document.querySelector("script[data-sift-js]");
const bindings = await import(tag.dataset.siftJs);
const wasm = await bindings.default({ module_or_path: tag.dataset.siftWasm });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));

// Offline use after the first visit (sw.js). A page opened from a file or
// in a browser without service workers simply runs online only.
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  navigator.serviceWorker.register("./sw.js").catch(() => {});
}
