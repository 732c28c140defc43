import { describe, expect, it } from 'vitest';
import { paymentReferenceOf, splitPastEvents } from './events';

const at = (iso: string) => Date.parse(iso);

describe('splitPastEvents', () => {
  const events = [
    { slug: 'later', startsAt: '2026-12-20T10:00:00Z', endsAt: '2026-12-20T12:00:00Z' },
    { slug: 'running', startsAt: '2026-12-01T09:00:00Z', endsAt: '2026-12-01T13:00:00Z' },
    { slug: 'old', startsAt: '2026-10-01T10:00:00Z', endsAt: '2026-10-01T12:00:00Z' },
    { slug: 'older', startsAt: '2026-09-01T10:00:00Z', endsAt: '2026-09-01T12:00:00Z' },
    { slug: 'soon', startsAt: '2026-12-02T10:00:00Z', endsAt: '2026-12-02T12:00:00Z' },
  ];

  it('keeps events that have not ended (an event in progress too) soonest first, and past ones latest first', () => {
    const { upcoming, past } = splitPastEvents(events, at('2026-12-01T12:00:00Z'));
    expect(upcoming.map((event) => event.slug)).toEqual(['running', 'soon', 'later']);
    expect(past.map((event) => event.slug)).toEqual(['old', 'older']);
  });

  it('moves an event to the past the moment it ends', () => {
    const { upcoming, past } = splitPastEvents(events, at('2026-12-01T13:00:00Z'));
    expect(upcoming.map((event) => event.slug)).toEqual(['soon', 'later']);
    expect(past[0].slug).toBe('running');
  });
});

describe('paymentReferenceOf', () => {
  it('is EV- and the first eight characters of the id, upper case', () => {
    expect(paymentReferenceOf('0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d')).toBe('EV-0A1B2C3D');
  });
});
