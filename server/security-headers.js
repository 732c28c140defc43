// The headers every response of the app carries, documents, data requests, resource routes and
// static files alike (server/index.js sets them before anything else runs).
//
// Content-Security-Policy: scripts only from this origin or inline with this response's nonce
// (Remix's <Scripts>/<ScrollRestoration> get it through the load context), no plugins, no
// framing by anyone (frame-ancestors 'none'), forms post only here. The browser never talks to
// Supabase directly (every call goes through loaders and actions), so connect-src is 'self'; in
// development the live-reload socket of `remix dev` is allowed too.

/**
 * @param {{ nonce: string, https: boolean, development?: boolean }} options
 * @returns {Record<string, string>}
 */
export function securityHeaders({ nonce, https, development = false }) {
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${development ? ' ws://localhost:* ws://127.0.0.1:*' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  return {
    'Content-Security-Policy': policy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // For browsers that predate frame-ancestors.
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
