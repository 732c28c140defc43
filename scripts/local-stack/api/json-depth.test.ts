import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from './json-depth.ts';

describe('nestsDeeperThan', () => {
  it('counts arrays and objects inside each other', () => {
    expect(nestsDeeperThan('[[[]]]', 3)).toBe(false);
    expect(nestsDeeperThan('[[[[]]]]', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":[1]}}', 2)).toBe(true);
    expect(nestsDeeperThan('[[],[],[],[]]', 2)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan('["[[[[", "\\"[[[["]', 1)).toBe(false);
    expect(nestsDeeperThan('{"a\\\\":[[1]]}', 2)).toBe(true);
  });

  it('refuses what JSON.stringify could not encode again', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(nestsDeeperThan(deep)).toBe(true);
    expect(() => JSON.stringify(JSON.parse(deep))).toThrow(RangeError);
    const fine = '['.repeat(1000) + ']'.repeat(1000);
    expect(nestsDeeperThan(fine)).toBe(false);
    expect(() => JSON.stringify(JSON.parse(fine))).not.toThrow();
  });
});
