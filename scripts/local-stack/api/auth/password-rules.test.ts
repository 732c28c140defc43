import { describe, expect, it } from 'vitest';
import { judgePassword } from './password-rules.ts';

describe('judgePassword', () => {
  it('accepts a long enough password when no character classes are required', () => {
    expect(judgePassword('abcdefgh', { minimumLength: 8, requirements: '' }).reasons).toEqual([]);
  });

  it('counts characters, not UTF-16 units, against the minimum length', () => {
    expect(judgePassword('ééééééé', { minimumLength: 8, requirements: '' }).reasons).toEqual(['length']);
    expect(judgePassword('😀😀😀😀', { minimumLength: 5, requirements: '' }).reasons).toEqual(['length']);
  });

  it('reports missing character classes with the classes in the message', () => {
    const verdict = judgePassword('lowercaseonly1', { minimumLength: 6, requirements: 'lower_upper_letters_digits' });
    expect(verdict.reasons).toEqual(['characters']);
    expect(verdict.messages[0]).toContain('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  });

  it('requires a symbol only when symbols are asked for', () => {
    const policy = { minimumLength: 6, requirements: 'lower_upper_letters_digits_symbols' };
    expect(judgePassword('Abcdef12', policy).reasons).toEqual(['characters']);
    expect(judgePassword('Abcdef12!', policy).reasons).toEqual([]);
  });

  it('reports both reasons at once', () => {
    expect(judgePassword('abc', { minimumLength: 8, requirements: 'letters_digits' }).reasons).toEqual([
      'length',
      'characters',
    ]);
  });
});
