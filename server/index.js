// The app's HTTP server: what remix-serve does (compression, the built assets, public/, request
// logging, the Remix handler), plus what it cannot: security headers on every response
// (server/security-headers.js) and a fresh CSP nonce per request, handed to Remix through the
// load context so the document's inline scripts carry it (app/entry.server.tsx), and a short
// cache of the anonymous pages the app already declares public (server/page-cache.js).
//
//   node server/index.js [build/index.js]      PORT, HOST, NODE_ENV, TRUST_PROXY,
//                                              PAGE_CACHE_TTL_SECONDS from the env
//
// TRUST_PROXY (how many proxies in front of the app append to X-Forwarded-For, see
// app/utils/supabase.server.ts) also tells express whom to believe about https, so cookies get
// `Secure` and the HSTS header is sent when the site is served over https behind a proxy.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import url from 'node:url';
import { createRemixRequest, sendRemixResponse } from '@remix-run/express/dist/server.js';
import { broadcastDevReady, createRequestHandler, installGlobals } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import morgan from 'morgan';
import { createPageCache, parsePageCacheTtl } from './page-cache.js';
import { securityHeaders } from './security-headers.js';

const mode = process.env.NODE_ENV ?? 'production';
const buildPath = path.resolve(process.argv[2] ?? 'build/index.js');
const build = await import(url.pathToFileURL(buildPath).href);
// Same globals as remix-serve (@remix-run/node's fetch, which takes an http agent).
installGlobals({ nativeFetch: build.future.v3_singleFetch });

const app = express();
app.disable('x-powered-by');
// The app's own parser (it refuses a value that is no count), so both agree on whom to believe.
const trustedProxies = build.entry.module.parseTrustedProxyHops(process.env.TRUST_PROXY);
if (trustedProxies > 0) app.set('trust proxy', trustedProxies);

app.use((req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString('base64');
  const headers = securityHeaders({ nonce: res.locals.cspNonce, https: req.secure, development: mode === 'development' });
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  // Private pages (one list, exported by the app's server entry) are never storable, their
  // redirects and errors included; set last, just before the head goes out, so it replaces
  // whatever the route said.
  if (build.entry.module.isPrivatePath?.(req.path)) {
    const writeHead = res.writeHead;
    res.writeHead = function writeHeadNeverStored(...args) {
      res.setHeader('Cache-Control', build.entry.module.PRIVATE_PAGE_CACHE_CONTROL);
      return writeHead.apply(this, args);
    };
  }
  next();
});
app.use(compression());
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: '1y' }));
app.use(express.static('public', { maxAge: '1h' }));
// The Thai, Korean and Chinese web fonts (app/i18n/fonts.ts), straight from their packages: each
// stylesheet and the font files it names, nothing else of node_modules. The stylesheets are
// served with font-display: optional instead of the packages' swap: a font that has not arrived
// by the first paint is used from the next page on (it is cached by then) instead of swapping in
// and moving the text under the reader (layout shift 0, tests/browser/layout-shift.browser.ts).
const fontStylesheets = new Map();
function optionalFontStylesheet(file) {
  if (!fontStylesheets.has(file)) {
    fontStylesheets.set(file, fs.readFileSync(file, 'utf8').replaceAll('font-display: swap;', 'font-display: optional;'));
  }
  return fontStylesheets.get(file);
}
for (const family of build.entry.module.FONT_PACKAGES) {
  app.use(
    `/fonts/${family}`,
    (req, res, next) => (/^\/(?:\d00\.css|files\/[\w-]+\.woff2?)$/.test(req.path) ? next() : res.sendStatus(404)),
    (req, res, next) => {
      const file = `node_modules/@fontsource/${family}${req.path}`;
      if (!req.path.endsWith('.css') || !fs.existsSync(file)) return next();
      res.set('Cache-Control', 'public, max-age=604800').type('text/css').send(optionalFontStylesheet(file));
    },
    express.static(`node_modules/@fontsource/${family}`, { maxAge: '7d', index: false }),
  );
}
app.use(morgan('tiny'));
// The Remix handler (what @remix-run/express's createRequestHandler does), with the short cache
// of publicly cacheable anonymous pages in front of it (server/page-cache.js, decision 003). In
// development the build changes under the server, so nothing is kept.
const handleRemixRequest = createRequestHandler(build, mode);
const pageCache = createPageCache({ ttlSeconds: mode === 'production' ? parsePageCacheTtl(process.env.PAGE_CACHE_TTL_SECONDS) : 0 });
app.all('*', async (req, res, next) => {
  try {
    const nonce = String(res.locals.cspNonce);
    const request = createRemixRequest(req, res);
    const key = pageCache.keyFor({
      method: req.method,
      url: request.url,
      cookie: req.headers.cookie,
      authorization: req.headers.authorization,
      sharedPath: Boolean(build.entry.module.isSharedCachePath?.(req.path)) && !build.entry.module.isPrivatePath?.(req.path),
    });
    const cached = key === null ? null : pageCache.get(key);
    if (cached) {
      res.status(cached.status);
      for (const [name, value] of cached.headers) res.append(name, value);
      res.setHeader('Age', String(pageCache.age(cached)));
      res.end(pageCache.body(cached, nonce));
      return;
    }
    const renderedAt = Date.now();
    const response = await handleRemixRequest(request, { cspNonce: nonce });
    const seconds = key === null ? 0 : pageCache.storableSeconds(response);
    if (seconds > 0 && response.body) {
      const body = await response.text();
      pageCache.set(key, response, body, nonce, seconds, renderedAt);
      res.status(response.status);
      for (const [name, value] of response.headers) res.append(name, value);
      res.end(body);
      return;
    }
    // The app's own writes (a hold, a checkout, an admin's stock change) show at once: any
    // action empties the cache. Writes made elsewhere (SQL, another app process) and holds that
    // expire show within the cache's few seconds.
    if (req.method !== 'GET' && req.method !== 'HEAD') pageCache.clear();
    await sendRemixResponse(res, response);
  } catch (error) {
    next(error);
  }
});

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, process.env.HOST ?? '0.0.0.0', () => {
  console.log(`[app] http://localhost:${port}`);
  if (mode === 'development') void broadcastDevReady(build);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => server.close());
