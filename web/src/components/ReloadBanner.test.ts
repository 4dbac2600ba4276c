import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../i18n/i18n.svelte';
import { chunkReload, isChunkLoadError, offerReloadFor, watchChunkErrors } from '../lib/chunk-reload.svelte';
import ReloadBanner from './ReloadBanner.svelte';

/**
 * Issue 15: after a rebuild under a running server the old chunks are gone; the app offers a
 * reload in the UI's language instead of 「TypeError: Failed to fetch dynamically imported module」.
 */
describe('the reload offer when the app changed under the page', () => {
  let unwatch: (() => void) | undefined;
  afterEach(() => {
    cleanup();
    unwatch?.();
    unwatch = undefined;
    chunkReload.needed = false;
    setLocale('zh-CN');
  });

  it.each([
    'Failed to fetch dynamically imported module: http://localhost:8787/assets/Registry-old999.js',
    'error loading dynamically imported module: http://localhost:8787/assets/Registry-old999.js',
    'Importing a module script failed.',
    'Unable to preload CSS for /assets/index-old999.css',
  ])('reads «%s» as a missing chunk', (message) => {
    expect(isChunkLoadError(new TypeError(message))).toBe(true);
  });

  it('leaves any other error to the caller', () => {
    expect(isChunkLoadError(new TypeError('Failed to fetch'))).toBe(false);
    expect(isChunkLoadError(new Error('x is not a function'))).toBe(false);
    expect(offerReloadFor(new Error('x is not a function'))).toBe(false);
    expect(chunkReload.needed).toBe(false);
  });

  it('shows nothing while the chunks load', () => {
    render(ReloadBanner);
    expect(screen.queryByTestId('reload-banner')).toBeNull();
  });

  it('offers a reload when a lazy screen fails to load, and reloads on the button', async () => {
    const reload = vi.fn();
    render(ReloadBanner, { reload });
    expect(offerReloadFor(new TypeError('Failed to fetch dynamically imported module: /assets/Registry-old999.js'))).toBe(true);
    const banner = await screen.findByTestId('reload-banner');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.textContent).toContain('系统已更新');
    expect(banner.textContent).not.toContain('TypeError');
    await fireEvent.click(screen.getByRole('button', { name: '重新加载' }));
    expect(reload).toHaveBeenCalledOnce();
  });

  it("offers it on vite's preload error, in English in English mode", async () => {
    setLocale('en');
    unwatch = watchChunkErrors();
    render(ReloadBanner);
    window.dispatchEvent(new Event('vite:preloadError', { cancelable: true }));
    const banner = await screen.findByTestId('reload-banner');
    expect(banner.textContent).toContain('The app has been updated');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
  });

  it('stops listening once unwatched', () => {
    watchChunkErrors()();
    window.dispatchEvent(new Event('vite:preloadError'));
    expect(chunkReload.needed).toBe(false);
  });
});
