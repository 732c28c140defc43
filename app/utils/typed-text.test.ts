import { describe, expect, it } from 'vitest';
import { isTypedText } from './typed-text';

describe('isTypedText', () => {
  it('accepts the scripts our shoppers write, and emoji sequences', () => {
    for (const value of ['Ada Lovelace', 'สมชาย ใจดี', '김민준', '陳美玲', '👩‍💻', 'O’Brien-Smith']) expect(isTypedText(value)).toBe(true);
  });

  it('refuses control characters, bidi overrides and zero-width characters', () => {
    for (const value of ['Ann\u0007', 'Ann\u0000', 'gpj\u202Eexe', 'a\u2066b', 'Ad\u200Bmin', '\uFEFFAnn', 'soft\u00ADhyphen', 'a\u2028b']) {
      expect(isTypedText(value)).toBe(false);
    }
  });

  it('allows newlines and tabs only where the field is multi-line', () => {
    expect(isTypedText('one\ntwo')).toBe(false);
    expect(isTypedText('one\ntwo\tthree', { multiline: true })).toBe(true);
    expect(isTypedText('one\n\u202Etwo', { multiline: true })).toBe(false);
  });
});
