/**
 * Issue 15: after the app is rebuilt under a running server, the chunks of the running page are
 * gone (the server answers 404 for them). A screen that loads on demand then fails with
 * 「TypeError: Failed to fetch dynamically imported module」; instead of that raw error the app
 * offers a reload (ReloadBanner.svelte), which fetches the new index.html and its new chunks.
 */

/** Set once a chunk of this build could not be loaded; the banner shows while it is true. */
export const chunkReload = $state<{ needed: boolean }>({ needed: false });

/** The browsers' messages for an `import()` or a module preload that could not be fetched. */
const CHUNK_ERRORS = [
  /Failed to fetch dynamically imported module/i, // Chromium
  /error loading dynamically imported module/i, // Firefox
  /Importing a module script failed/i, // Safari
  /Unable to preload CSS/i, // vite's CSS preload
];

/** True when `e` says a chunk (a module or its CSS) could not be loaded. */
export function isChunkLoadError(e: unknown): boolean {
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  return CHUNK_ERRORS.some((re) => re.test(message));
}

/**
 * For a lazy import's `.catch`: a chunk error sets the reload offer and returns true (the caller
 * shows nothing else); any other error returns false for the caller to report.
 */
export function offerReloadFor(e: unknown): boolean {
  if (!isChunkLoadError(e)) return false;
  chunkReload.needed = true;
  return true;
}

/**
 * vite dispatches `vite:preloadError` on window when a dynamic import or its preloaded
 * dependencies fail. The event is not cancelled: the import still rejects, so its caller leaves
 * its loading state. Returns the listener's removal.
 */
export function watchChunkErrors(target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): () => void {
  const onError = () => {
    chunkReload.needed = true;
  };
  target.addEventListener('vite:preloadError', onError);
  return () => target.removeEventListener('vite:preloadError', onError);
}
