import { describe, expect, it } from 'vitest';
import { formatDateTime, formatMoney, formatNumber, formatPersonName, isKnownTimeZone } from './format';

const moment = '2026-12-01T22:30:00Z';

describe('money in every language is US dollars', () => {
  it('writes the one currency unambiguously for each locale', () => {
    expect(formatMoney(1199, 'en')).toBe('$1,199.00');
    expect(formatMoney(1199, 'th')).toBe('US$1,199.00');
    expect(formatMoney(1199, 'ko')).toBe('US$1,199.00');
    expect(formatMoney(0.5, 'zh-TW')).toBe('US$0.50');
    expect(formatNumber(12345.5, 'th')).toBe('12,345.5');
  });
});

describe('dates', () => {
  it('shows Thai dates in the Buddhist era, in the reader’s zone', () => {
    // 22:30 UTC on 1 December is 05:30 on 2 December in Bangkok; 2026 CE is 2569 BE.
    expect(formatDateTime(moment, 'th', 'Asia/Bangkok', 'longDate')).toBe('2 ธันวาคม 2569');
    expect(formatDateTime(moment, 'th', 'Asia/Bangkok', 'time')).toBe('05:30');
  });

  it('uses each language’s own order and the given zone', () => {
    expect(formatDateTime(moment, 'en', 'UTC', 'longDate')).toBe('December 1, 2026');
    expect(formatDateTime(moment, 'ko', 'Asia/Seoul', 'longDate')).toBe('2026년 12월 2일');
    expect(formatDateTime(moment, 'zh-TW', 'Asia/Taipei', 'longDate')).toBe('2026年12月2日');
    expect(formatDateTime(moment, 'en', 'America/New_York', 'dateTime')).toBe('Dec 1, 2026, 5:30 PM');
  });

  it('leaves a value that is no date as it is', () => {
    expect(formatDateTime('not a date', 'en', 'UTC')).toBe('not a date');
  });

  it('knows real time zones and refuses made-up ones', () => {
    expect(isKnownTimeZone('Asia/Bangkok')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    expect(isKnownTimeZone('')).toBe(false);
  });
});

describe('names in the reader’s order', () => {
  it('puts the family name first in Korean and Chinese, without a space between Hangul or Han', () => {
    expect(formatPersonName({ givenName: '민준', familyName: '김' }, 'ko')).toBe('김민준');
    expect(formatPersonName({ givenName: '小明', familyName: '王' }, 'zh-TW')).toBe('王小明');
    expect(formatPersonName({ givenName: 'Minjun', familyName: 'Kim' }, 'ko')).toBe('Kim Minjun');
  });

  it('puts the given name first in English and Thai', () => {
    expect(formatPersonName({ givenName: 'สมชาย', familyName: 'ใจดี' }, 'th')).toBe('สมชาย ใจดี');
    expect(formatPersonName({ givenName: 'Ada', familyName: 'Lovelace' }, 'en')).toBe('Ada Lovelace');
    expect(formatPersonName({ givenName: '민준', familyName: '김' }, 'en')).toBe('민준 김');
  });

  it('shows whichever part is there when one is missing', () => {
    expect(formatPersonName({ givenName: 'Ada', familyName: null }, 'ko')).toBe('Ada');
    expect(formatPersonName({ givenName: ' ', familyName: 'Kim' }, 'en')).toBe('Kim');
  });
});
