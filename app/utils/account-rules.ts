// The account forms' limits as plain values, without zod, so pages can show them (hints,
// maxLength, the confirmation word) without loading the schemas. They are the database's
// limits (supabase/migrations/*_profiles.sql, *_invitations.sql); auth-schemas.ts builds its
// rules from them and re-exports them for server code.

export const EMAIL_MAX_LENGTH = 254;
export const NAME_MAX_LENGTH = 80;
export const INVITE_CODE_MIN_LENGTH = 4;
export const INVITE_CODE_MAX_LENGTH = 64;
export const BIRTHDAY_MIN = '1900-01-01';
/** The account types, in the order the forms offer them (labels: account:accountType.*). */
export const ACCOUNT_TYPES = ['personal', 'business'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
/**
 * The word that confirms a deletion. The same in every language: a typed-in word the server
 * compares needs no translation table, and these languages' keyboards all type Latin capitals.
 */
export const DELETE_CONFIRMATION_WORD = 'DELETE';
