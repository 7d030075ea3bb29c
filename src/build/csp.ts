// The built page's Content-Security-Policy (a <meta> tag added by the Vite plugin below, build only: the dev server
// injects an inline script for hot reload). Everything the app loads comes from its own origin; nothing is inline.
// Imported by vite.config.ts (Node) and the e2e test; no app code imports it.
import type { Plugin } from 'vite';

/**
 * Why each source is there:
 * - script-src 'wasm-unsafe-eval': TF.js compiles its wasm backend (WebAssembly.instantiate), nothing else is eval'd;
 * - style-src 'unsafe-inline': Plotly sets style attributes and injects its own <style> element (styles only);
 * - img-src data: blob:: Plotly's PNG export and the share dialog's images are data/blob URLs made on the page;
 * - worker-src 'self': the training and sweep workers are files of the build;
 * - connect-src 'self': the wasm binaries and nothing else are fetched, from the build folder.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Adds the policy as the first element of <head> in `vite build` (and so `vite preview` and the e2e build). */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'locality-lab-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}
