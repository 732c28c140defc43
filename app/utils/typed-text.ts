// "Typed text": what a person may type into a name, address or note. The same character list as
// private.is_typed_text() in supabase/migrations/20261121000200_private_and_admin_schemas.sql,
// so a value the forms accept is never refused by the database's CHECKs, and the reverse:
//   control characters   C0, DEL, C1 (PostgreSQL's [[:cntrl:]]) and the line/paragraph separators
//   format characters    bidi controls (U+061C, U+200E/F, U+202A-E, U+2066-9), zero-width spaces
//                        (U+200B, U+2060-4), BOM (U+FEFF), U+180E, the soft hyphen (U+00AD)
// ZWNJ and ZWJ (U+200C/D) stay allowed: scripts and emoji sequences need them.

const CONTROL_OR_FORMAT = /[\p{Cc}\u00AD\u061C\u180E\u200B\u200E\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
const MULTILINE_WHITESPACE = /[\n\r\t]/g;

/** True when `value` has no control or invisible format character (newlines allowed when multiline). */
export function isTypedText(value: string, { multiline = false } = {}): boolean {
  return !CONTROL_OR_FORMAT.test(multiline ? value.replace(MULTILINE_WHITESPACE, '') : value);
}
