// The "Perhaps you meant …" suggestions in PostgREST's errors come from the Haskell fuzzyset
// package (0.2.x, the version PostgREST 12 and 13 build with): strings are compared by the cosine
// of their 3-gram vectors (2-grams when no 3-gram matches), the best 50 are re-scored by
// normalised Levenshtein similarity, and the best one scoring at least 0.33 wins. Written here
// from that package's description so the stand-in suggests the same names PostgREST suggests.

interface Entry {
  key: string;
  magnitude: number;
}

const gramSizes = [2, 3];
const minScore = 0.33;

/** Lower-cased letters, digits, spaces and commas only, as the package normalises before splitting. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}\s,]/gu, '');
}

function gramCounts(text: string, size: number): Map<string, number> {
  const chars = Array.from(`-${normalise(text)}-`);
  const counts = new Map<string, number>();
  for (let offset = 0; offset + size <= chars.length; offset++) {
    const gram = chars.slice(offset, offset + size).join('');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

const magnitudeOf = (counts: Map<string, number>) => Math.sqrt([...counts.values()].reduce((sum, count) => sum + count * count, 0));

/** Levenshtein distance between two strings, by code point. */
export function editDistance(a: string, b: string): number {
  return levenshtein(Array.from(a), Array.from(b));
}

function levenshtein(a: string[], b: string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * text-metrics' levenshteinNorm: 1 − distance / length of the longer string. The distance is at
 * least the difference in length, so a pair too unequal in length to reach the minimum score is
 * scored 0 without computing it (a malformed request's huge name would otherwise cost seconds).
 */
function similarity(left: string[], right: string[]): number {
  const longest = Math.max(left.length, right.length);
  if (longest === 0) return 1;
  if (Math.min(left.length, right.length) / longest < minScore) return 0;
  return 1 - levenshtein(left, right) / longest;
}

/**
 * The order in which a Haskell HashMap keyed by small Ints yields its keys: by the lowest five
 * bits first (the trie's first level), then the next five. Only ties depend on it.
 */
function hashMapOrder(a: number, b: number): number {
  for (let shift = 0; shift < 30; shift += 5) {
    const difference = ((a >> shift) & 31) - ((b >> shift) & 31);
    if (difference !== 0) return difference;
  }
  return 0;
}

export class FuzzySet {
  /** Lower-cased key → the value as added. */
  private readonly exact = new Map<string, string>();
  private readonly entries = new Map<number, Entry[]>(gramSizes.map((size) => [size, []]));
  /** Gram → the entries (index into that gram size's list) holding it, with their counts. */
  private readonly grams = new Map<string, Array<{ index: number; count: number }>>();

  /** As fuzzyset's fromList, which folds from the right: the last value gets index 0. */
  constructor(values: Iterable<string>) {
    for (const value of [...values].reverse()) this.add(value);
  }

  private add(value: string): void {
    const key = value.toLowerCase();
    // The package checks the lower-cased key against the stored values, not the keys.
    if ([...this.exact.values()].includes(key)) return;
    for (const size of gramSizes) {
      const counts = gramCounts(key, size);
      const list = this.entries.get(size)!;
      for (const [gram, count] of counts) {
        const holders = this.grams.get(gram) ?? [];
        holders.push({ index: list.length, count });
        this.grams.set(gram, holders);
      }
      list.push({ key, magnitude: magnitudeOf(counts) });
    }
    this.exact.set(key, value);
  }

  /** Every match scoring at least 0.33, best first; an exact (case-insensitive) match alone scores 1. */
  get(value: string): Array<[number, string]> {
    const key = value.toLowerCase();
    const exact = this.exact.get(key);
    if (exact !== undefined) return [[1, exact]];
    for (const size of [...gramSizes].reverse()) {
      const matches = this.matches(key, size);
      if (matches.length) return matches;
    }
    return [];
  }

  getOne(value: string): string | null {
    return this.get(value)[0]?.[1] ?? null;
  }

  private matches(key: string, size: number): Array<[number, string]> {
    const query = gramCounts(key, size);
    const dotProducts = new Map<number, number>();
    for (const [gram, count] of query) {
      for (const holder of this.grams.get(gram) ?? []) {
        dotProducts.set(holder.index, (dotProducts.get(holder.index) ?? 0) + holder.count * count);
      }
    }
    const list = this.entries.get(size)!;
    const queryMagnitude = magnitudeOf(query);
    // Array.prototype.sort is stable, as Haskell's sortBy: ties keep the HashMap's order.
    const byCosine = [...dotProducts.keys()].sort(hashMapOrder)
      .map((index): [number, string] => [dotProducts.get(index)! / (queryMagnitude * list[index].magnitude), list[index].key])
      .sort((a, b) => b[0] - a[0]);
    const keyChars = Array.from(key);
    return byCosine.slice(0, 50)
      .map(([, entryKey]): [number, string] => [similarity(keyChars, Array.from(entryKey)), entryKey])
      .sort((a, b) => b[0] - a[0])
      .filter(([score]) => score >= minScore)
      .map(([score, entryKey]) => [score, this.exact.get(entryKey) ?? '']);
  }
}
