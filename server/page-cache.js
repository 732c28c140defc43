// A short in-process cache for what the app already declares publicly cacheable: the anonymous
// catalog pages (home, categories, products, their ?_data= answers), which say
// `public, max-age=60, …` and `Vary: Cookie` (docs/decisions/001 and 003). It keeps only what any
// shared cache in front of the app could already keep, for less time, and tells downstream
// caches how old its copy is (Age), so nothing is ever staler than the declared max-age allows.
//
// Used by server/index.js around the Remix handler. A request may be answered from here, or its
// answer stored, only when all of these hold:
//   - GET, no Authorization header, and a catalog page (app/utils/shared-cache-pages.ts; never a
//     private one, app/utils/private-pages.ts);
//   - every cookie it carries is one the anonymous page may read and the key includes (tz, lang):
//     any other cookie (Supabase's sb-…-auth-token session and guest-cart cookies, the cart
//     transfer cookies, anything unknown) bypasses the cache both ways: such a visitor is never
//     served a stored page and their page is never stored;
//   - the response is a 200 without Set-Cookie, its Cache-Control says `public` with a max-age
//     (and no no-store/private/no-cache), and it varies on nothing but Cookie and
//     Accept-Encoding (both covered: the key has the cookies, compression runs after the cache).
// The key is the full URL as Remix sees it (protocol, host, path, query) plus those cookies. The
// copy lives min(PAGE_CACHE_TTL_SECONDS, the response's max-age) seconds. The cache is bounded in
// entries and bytes (least recently used out first).
//
// Any other request (an action: a hold, a checkout, an admin's change) empties the cache when it
// has run, so the app's own writes show at once; what changes elsewhere (SQL, holds expiring)
// shows within the TTL.
//
// The CSP nonce differs per response (server/index.js): a stored document is kept with the nonce
// it was rendered with cut out, and every answer from the cache gets its own request's nonce.
//
//   PAGE_CACHE_TTL_SECONDS   default 5; 0 turns the cache off.

import { Buffer } from 'node:buffer';

const ALLOWED_COOKIES = new Set(['tz', 'lang']);
const ALLOWED_VARY = new Set(['cookie', 'accept-encoding']);
// Headers of the stored response that are about this one answer, not the page.
const PER_RESPONSE_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'age']);

/**
 * @param {string | undefined} value
 * @returns {number}
 */
export function parsePageCacheTtl(value) {
  if (value === undefined || value.trim() === '') return 5;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new Error(`PAGE_CACHE_TTL_SECONDS must be a number of seconds (0 turns the cache off), not "${value}".`);
  }
  return seconds;
}

/**
 * The cookies of a Cookie header, or null when one of them is not on the list the key covers.
 * @param {string | undefined} header
 * @returns {string | null} the allowed cookies, sorted, as the key's part
 */
export function cacheableCookies(header) {
  if (!header || header.trim() === '') return '';
  const pairs = [];
  for (const part of header.split(';')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    const name = (eq === -1 ? trimmed : trimmed.slice(0, eq)).trim();
    if (!ALLOWED_COOKIES.has(name)) return null;
    pairs.push(trimmed);
  }
  return pairs.sort().join('; ');
}

/**
 * Seconds a response may be kept here, or 0 when it must not be stored at all.
 * @param {Response} response
 * @param {number} ttlSeconds
 */
export function storableSeconds(response, ttlSeconds) {
  if (response.status !== 200) return 0;
  const headers = response.headers;
  if (headers.has('Set-Cookie')) return 0;
  const cacheControl = (headers.get('Cache-Control') ?? '').toLowerCase();
  if (!/(^|[\s,])public([\s,]|$)/.test(cacheControl)) return 0;
  if (/(^|[\s,])(no-store|private|no-cache)([\s,=]|$)/.test(cacheControl)) return 0;
  const maxAge = /(?:^|[\s,])max-age=(\d+)/.exec(cacheControl);
  if (!maxAge) return 0;
  const vary = headers.get('Vary');
  if (vary) {
    for (const name of vary.split(',')) {
      if (!ALLOWED_VARY.has(name.trim().toLowerCase())) return 0;
    }
  }
  return Math.min(ttlSeconds, Number(maxAge[1]));
}

/**
 * @param {{ ttlSeconds: number, maxEntries?: number, maxBytes?: number, maxEntryBytes?: number, now?: () => number }} options
 */
export function createPageCache({ ttlSeconds, maxEntries = 500, maxBytes = 32 * 2 ** 20, maxEntryBytes = 1 * 2 ** 20, now = Date.now }) {
  /** @type {Map<string, { parts: string[], status: number, headers: [string, string][], storedAt: number, expiresAt: number, bytes: number }>} */
  const entries = new Map();
  let bytes = 0;
  let clearedAt = -Infinity;

  function drop(key) {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.bytes;
    entries.delete(key);
  }

  return {
    enabled: ttlSeconds > 0,
    /**
     * The key of a request that may use the cache, or null (bypass).
     * @param {{ method: string, url: string, cookie: string | undefined, authorization: string | undefined, sharedPath: boolean }} request
     */
    keyFor({ method, url, cookie, authorization, sharedPath }) {
      if (ttlSeconds <= 0 || method !== 'GET' || authorization || !sharedPath) return null;
      const cookies = cacheableCookies(cookie);
      if (cookies === null) return null;
      return `${url}\n${cookies}`;
    },
    /** Seconds this response may be kept here (0: not at all). @param {Response} response */
    storableSeconds(response) {
      return storableSeconds(response, ttlSeconds);
    },
    /** @param {string} key */
    get(key) {
      const entry = entries.get(key);
      if (!entry) return null;
      if (now() >= entry.expiresAt) {
        drop(key);
        return null;
      }
      // Most recently used last.
      entries.delete(key);
      entries.set(key, entry);
      return entry;
    },
    /**
     * Keeps a rendered answer whose body is `body`, rendered with `nonce`, for `seconds` from
     * `renderedAt` (when its loaders started: the data is at most that old).
     * @param {string} key @param {Response} response @param {string} body @param {string | undefined} nonce
     * @param {number} seconds @param {number} [renderedAt]
     */
    set(key, response, body, nonce, seconds, renderedAt = now()) {
      const size = Buffer.byteLength(body);
      // Rendered before the last clear(): it may show what that write changed.
      if (seconds <= 0 || size > maxEntryBytes || renderedAt <= clearedAt) return;
      drop(key);
      const headers = [];
      for (const [name, value] of response.headers) {
        if (!PER_RESPONSE_HEADERS.has(name.toLowerCase())) headers.push([name, value]);
      }
      const storedAt = renderedAt;
      entries.set(key, {
        parts: nonce ? body.split(nonce) : [body],
        status: response.status,
        headers,
        storedAt,
        expiresAt: storedAt + seconds * 1000,
        bytes: size,
      });
      bytes += size;
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        drop(oldest);
      }
    },
    /** The stored body with this answer's nonce. */
    body(entry, nonce) {
      return entry.parts.length === 1 ? entry.parts[0] : entry.parts.join(nonce ?? '');
    },
    /** Whole seconds since the copy was rendered (the Age header). */
    age(entry) {
      return Math.max(0, Math.floor((now() - entry.storedAt) / 1000));
    },
    clear() {
      entries.clear();
      bytes = 0;
      clearedAt = now();
    },
    get size() {
      return entries.size;
    },
  };
}
