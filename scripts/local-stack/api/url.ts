// Reading the request target the way the real services do, without ever throwing on what a
// client sends: decodeURIComponent throws URIError on `%ZZ` or a broken UTF-8 sequence, and
// `new URL('//[', base)` throws too (a path starting with `//` is read as a host).

/** The request's URL, its path always read as a path; null when it cannot be parsed at all. */
export function parseRequestUrl(target: string | undefined): URL | null {
  const raw = target ?? '/';
  try {
    // Origin-form (`/rest/v1/x`), the form every client sends to a server that is no proxy.
    // Prefixing the origin keeps `//x` a path instead of a host.
    return raw.startsWith('/') ? new URL(`http://127.0.0.1${raw}`) : new URL(raw);
  } catch {
    return null;
  }
}

const escape = /%([0-9a-fA-F]{2})/y;
const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Percent-decodes one path segment leniently, as PostgREST does (WAI's urlDecode, then a lenient
 * UTF-8 decode): `%` not followed by two hex digits stays literal, and bytes that are not UTF-8
 * become U+FFFD. So `/rest/v1/%ZZ` names the table `%ZZ`, which PostgREST then does not find (404).
 */
export function decodePathSegment(segment: string): string {
  const bytes: number[] = [];
  for (let index = 0; index < segment.length; ) {
    escape.lastIndex = index;
    const match = segment[index] === '%' ? escape.exec(segment) : null;
    if (match) {
      bytes.push(Number.parseInt(match[1], 16));
      index += 3;
    } else {
      const codePoint = segment.codePointAt(index)!;
      const char = String.fromCodePoint(codePoint);
      bytes.push(...Buffer.from(char, 'utf8'));
      index += char.length;
    }
  }
  return utf8.decode(Uint8Array.from(bytes));
}

/**
 * The first percent sign in `text` that is not followed by two hex digits, e.g. `%ZZ`, or null.
 * Go's net/http (GoTrue) refuses a request whose path has one, before any handler sees it.
 */
export function malformedEscape(text: string): string | null {
  const match = /%(?![0-9a-fA-F]{2}).{0,2}/s.exec(text);
  return match ? match[0] : null;
}
