// Pure helpers of the events pages.

interface Dated {
  startsAt: string;
  endsAt: string;
}

/**
 * Events that have not ended yet (soonest first; one in progress or called off stays here with
 * its label), and those that have (latest first). `now` is the server's clock in milliseconds.
 */
export function splitPastEvents<T extends Dated>(events: T[], now: number): { upcoming: T[]; past: T[] } {
  const upcoming = events.filter((event) => Date.parse(event.endsAt) > now).sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const past = events.filter((event) => Date.parse(event.endsAt) <= now).sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
  return { upcoming, past };
}

/**
 * The reference a member quotes when paying an event's fee: EV- and the first eight characters of
 * the enrollment's id, which the admin finds in Studio or the admin area (ids are random, so
 * eight hex characters are unique among any one event's enrollments in practice).
 */
export function paymentReferenceOf(enrollmentId: string): string {
  return `EV-${enrollmentId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}
