// How deeply a JSON text nests, found without parsing it. The stand-in re-encodes bodies with
// JSON.stringify (for bound parameters and for pg), which recurses and overflows V8's stack a
// few thousand levels down, so both halves refuse deeper bodies before parsing them.

/** Go's encoding/json (GoTrue) stops at 10,000 levels; the stand-in stops well before V8 does. */
export const maxJsonDepth = 1000;

/** True when `text` opens more than `limit` arrays or objects inside each other. */
export function nestsDeeperThan(text: string, limit = maxJsonDepth): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      if (++depth > limit) return true;
    } else if (char === 0x5d || char === 0x7d) depth--;
  }
  return false;
}
