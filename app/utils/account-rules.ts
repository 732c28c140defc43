// Limits and choices of the account forms (signup, account page) as plain constants: pages import
// them for their inputs' attributes without pulling a zod schema module into the browser. The
// schemas (auth-schemas.ts) read the same constants; the SQL CHECKs on profiles hold the same limits.
export const PASSWORD_MIN_LENGTH = 8;
export const NAME_MAX_LENGTH = 80;
export const INVITE_CODE_MAX_LENGTH = 64;
/** Birthdays are calendar dates typed and shown as ISO yyyy-mm-dd, from this day to today. */
export const BIRTHDAY_MIN = '1900-01-01';
/** The account types, in the order the forms offer them (labels: account:accountType.*). */
export const ACCOUNT_TYPES = ['personal', 'business'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** Today as YYYY-MM-DD in UTC, the database's current_date on Supabase. */
export function getTodayIsoDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
