// Form schemas for the auth and account pages, shared by the server (authoritative) and the
// browser (early feedback). Every limit is the database's or Auth's, so a value that passes here
// never trips a CHECK constraint (supabase/migrations/*_profiles.sql, *_invitations.sql):
//   names          1–80 characters after trimming, typed text (no control or invisible
//                  format characters: app/utils/typed-text.ts)
//   phone          E.164: "+", then 7–15 digits, the first not 0 (spaces, dots, dashes and
//                  parentheses are removed first, as the signup trigger does)
//   birthday       a real YYYY-MM-DD date between 1900-01-01 and today
//   account type   personal | business
//   invite code    4–64 letters, digits, _ or -
//   email          at most 254 characters; password 8–72 bytes (bcrypt ignores the rest)
//
// Messages: every schema is built with the page's translator, `getXxxSchema(t)` with
// t = fixedT(locale, 'validation') in actions and useTranslation('validation').t in components
// (memoised per t). So each issue a schema reports is already the finished sentence in the
// page's language, limits filled in from the constants below ({{min}}, {{max}}), exactly like
// the other refusals these forms show (auth-errors.ts and rpc-errors.ts take a t too). Conform's
// reply carries the sentences as they are, and app/components/forms.tsx renders them unchanged:
// no translation keys ever travel in a reply. The texts live in app/locales/<locale>/validation.json.
import type { TFunction } from 'i18next';
import { z } from '~/utils/zod';
import { isTypedText } from './typed-text';
import { phoneNumberSchema } from './phone-schema';
import { ACCOUNT_TYPES, BIRTHDAY_MIN, getTodayIsoDate, INVITE_CODE_MAX_LENGTH, NAME_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './account-rules';

// Re-exported for the modules and tests that already import them from here.
export { ACCOUNT_TYPES, BIRTHDAY_MIN, getTodayIsoDate, INVITE_CODE_MAX_LENGTH, NAME_MAX_LENGTH, PASSWORD_MIN_LENGTH };
export type { AccountType } from './account-rules';

/** The translator schemas are built with. */
export type ValidationT = TFunction<'validation'>;

const EMAIL_MAX_LENGTH = 254;
const PASSWORD_MAX_BYTES = 72;
const INVITE_CODE_MIN_LENGTH = 4;
/**
 * The word that confirms a deletion. The same in every language: a typed-in word the server
 * compares needs no translation table, and these languages' keyboards all type Latin capitals.
 */
export const DELETE_CONFIRMATION_WORD = 'DELETE';

// Conform turns empty inputs into `undefined`, so "required" is the missing-value message.
function emailSchema(t: ValidationT) {
  return z
    .string({ error: t('email.required') })
    .trim()
    .toLowerCase()
    .max(EMAIL_MAX_LENGTH, t('email.tooLong', { max: EMAIL_MAX_LENGTH }))
    .pipe(z.email(t('email.invalid')));
}

function fitsBcrypt(value: string): boolean {
  return new TextEncoder().encode(value).length <= PASSWORD_MAX_BYTES;
}

/** A new password: the rules Auth enforces, checked before asking it. */
function newPasswordSchema(t: ValidationT) {
  return z
    .string({ error: t('password.required') })
    .min(PASSWORD_MIN_LENGTH, t('password.tooShort', { min: PASSWORD_MIN_LENGTH }))
    .refine(fitsBcrypt, t('password.tooLong', { max: PASSWORD_MAX_BYTES }));
}

/**
 * An existing password: only required and bounded. Length rules are not re-checked at sign-in,
 * so an account created under older rules can still sign in, and a wrong guess gets the same
 * answer whatever its length.
 */
function currentPasswordSchema(t: ValidationT) {
  return z.string({ error: t('password.currentRequired') }).refine(fitsBcrypt, t('password.tooLong', { max: PASSWORD_MAX_BYTES }));
}

function confirmPasswordSchema(t: ValidationT) {
  return z.string({ error: t('password.confirmRequired') });
}

function passwordsMatch(form: { password: string; confirmPassword: string }): boolean {
  return form.password === form.confirmPassword;
}

function passwordMismatch(t: ValidationT) {
  return { path: ['confirmPassword'], message: t('password.mismatch') };
}

/** Length as PostgreSQL's char_length counts it (code points, not UTF-16 units). */
function countCharacters(value: string): number {
  return [...value].length;
}

/** Each name field has whole sentences of its own (no field label spliced into a sentence). */
type NameField = 'firstName' | 'lastName' | 'displayName';

/**
 * A name that may be left out (signup asks only for email and password; names, phone, birthday
 * and account type can be added then or later on the account page). Empty or only spaces is
 * "none"; when given, the same limits as a required name.
 */
function optionalNameSchema(t: ValidationT, field: NameField) {
  return z
    .string()
    .trim()
    .refine((value) => countCharacters(value) <= NAME_MAX_LENGTH, t(`${field}.tooLong`, { max: NAME_MAX_LENGTH }))
    .refine((value) => isTypedText(value), t(`${field}.untyped`))
    .transform((value) => (value === '' ? undefined : value))
    .optional();
}

/** The one phone rule, shared with checkout (phone-schema.ts; the SQL twin is private.is_phone_number). */
function phoneSchema(t: ValidationT) {
  return phoneNumberSchema(t);
}

function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

type BirthdayProblem = 'birthday.format' | 'birthday.notADate' | 'birthday.tooEarly' | 'birthday.inFuture';

/** Why a YYYY-MM-DD birthday is not allowed, or null: one reason at a time, most basic first. */
function findBirthdayProblem(value: string): BirthdayProblem | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'birthday.format';
  if (!isCalendarDate(value)) return 'birthday.notADate';
  if (value < BIRTHDAY_MIN) return 'birthday.tooEarly';
  // Evaluated at parse time, so "today" moves on with the calendar.
  if (value > getTodayIsoDate()) return 'birthday.inFuture';
  return null;
}

function birthdaySchema(t: ValidationT) {
  return z
    .string()
    .trim()
    .superRefine((value, context) => {
      const problem = findBirthdayProblem(value);
      if (problem) context.addIssue({ code: 'custom', message: t(problem, { min: BIRTHDAY_MIN }) });
    })
    .optional();
}

function accountTypeSchema(t: ValidationT) {
  return z.enum(ACCOUNT_TYPES, { error: t('accountType.invalid') }).default('personal');
}

function inviteCodeSchema(t: ValidationT) {
  return z
    .string({ error: t('inviteCode.required') })
    .trim()
    .min(INVITE_CODE_MIN_LENGTH, t('inviteCode.tooShort', { min: INVITE_CODE_MIN_LENGTH }))
    .max(INVITE_CODE_MAX_LENGTH, t('inviteCode.tooLong', { max: INVITE_CODE_MAX_LENGTH }))
    .regex(/^[A-Za-z0-9_-]+$/, t('inviteCode.characters'));
}

export function getLoginFormSchema(t: ValidationT) {
  return z.object({
    email: emailSchema(t),
    password: currentPasswordSchema(t),
    redirectTo: z.string().optional(),
  });
}

// ---------------------------------------------------------------------------------------------
// Signup: the invite code first (invite-only mode only), then one form with email and password
// first and the optional details after them. The last step re-validates the carried code, so a
// hidden field cannot carry a bad value.
// ---------------------------------------------------------------------------------------------

export const SIGNUP_STEPS = ['invite', 'account'] as const;
export type SignupStep = (typeof SIGNUP_STEPS)[number];

/** The optional details: all of them may be left empty, and all are editable on the account page. */
function detailsFields(t: ValidationT) {
  return {
    firstName: optionalNameSchema(t, 'firstName'),
    lastName: optionalNameSchema(t, 'lastName'),
    phone: phoneSchema(t),
    birthday: birthdaySchema(t),
    accountType: accountTypeSchema(t),
  };
}

function accountFields(t: ValidationT) {
  return {
    email: emailSchema(t),
    password: newPasswordSchema(t),
    confirmPassword: confirmPasswordSchema(t),
    // A checked checkbox posts "on"; an unchecked one posts nothing.
    acceptTerms: z.literal('on', { error: t('acceptTerms.required') }),
  };
}

/**
 * The code is required when the form has an invite step (invite-only mode), and absent
 * otherwise: in open mode and for a guest keeping their orders the database asks for none.
 */
function inviteCodeFor(t: ValidationT, inviteRequired: boolean): z.ZodType<string | undefined, string | undefined> {
  return inviteRequired ? inviteCodeSchema(t) : z.undefined().optional();
}

export function getInviteStepSchema(t: ValidationT) {
  return z.object({ inviteCode: inviteCodeSchema(t) });
}

/** The whole signup: what the last step validates before asking Auth. */
export function getAccountStepSchema(t: ValidationT, inviteRequired: boolean) {
  return z
    .object({ ...detailsFields(t), inviteCode: inviteCodeFor(t, inviteRequired), ...accountFields(t) })
    .refine(passwordsMatch, passwordMismatch(t));
}

export type SignupValues = z.output<ReturnType<typeof getAccountStepSchema>>;

// ---------------------------------------------------------------------------------------------
// Account pages
// ---------------------------------------------------------------------------------------------

export function getProfileFormSchema(t: ValidationT) {
  return z.object({
    // Optional like at signup: an account made with only an email can save a phone number alone.
    firstName: optionalNameSchema(t, 'firstName'),
    lastName: optionalNameSchema(t, 'lastName'),
    /** Optional: empty means "none" (the profile then shows first and last name). */
    displayName: optionalNameSchema(t, 'displayName'),
    phone: phoneSchema(t),
    birthday: birthdaySchema(t),
    accountType: accountTypeSchema(t),
  });
}

export function getNewPasswordFormSchema(t: ValidationT) {
  return z
    .object({ password: newPasswordSchema(t), confirmPassword: confirmPasswordSchema(t) })
    .refine(passwordsMatch, passwordMismatch(t));
}

export function getForgotPasswordFormSchema(t: ValidationT) {
  return z.object({ email: emailSchema(t) });
}

export function getDeleteAccountFormSchema(t: ValidationT) {
  const word = DELETE_CONFIRMATION_WORD;
  return z.object({
    confirmation: z
      .string({ error: t('deleteConfirmation.required', { word }) })
      .trim()
      .refine((value) => value === word, t('deleteConfirmation.mismatch', { word })),
  });
}
