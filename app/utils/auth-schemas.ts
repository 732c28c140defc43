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
import { z } from '~/utils/zod';
import { describeUntypedText, isTypedText } from './typed-text';

const EMAIL_MAX_LENGTH = 254;
export const PASSWORD_MIN_LENGTH = 8;
const PASSWORD_MAX_BYTES = 72;
export const NAME_MAX_LENGTH = 80;
const INVITE_CODE_MIN_LENGTH = 4;
export const INVITE_CODE_MAX_LENGTH = 64;
export const BIRTHDAY_MIN = '1900-01-01';
const ACCOUNT_TYPES = ['personal', 'business'] as const;

/** The account-type choices as the forms offer them. */
export const ACCOUNT_TYPE_OPTIONS: ReadonlyArray<{ value: (typeof ACCOUNT_TYPES)[number]; label: string }> = [
  { value: 'personal', label: 'Personal' },
  { value: 'business', label: 'Business' },
];
export type AccountType = (typeof ACCOUNT_TYPES)[number];

// Conform turns empty inputs into `undefined`, so "required" is the missing-value message.
const EmailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .max(EMAIL_MAX_LENGTH, `Email must be at most ${EMAIL_MAX_LENGTH} characters.`)
  .pipe(z.email('Enter a valid email address, like name@example.com.'));

function fitsBcrypt(value: string): boolean {
  return new TextEncoder().encode(value).length <= PASSWORD_MAX_BYTES;
}

/** A new password: the rules Auth enforces, checked before asking it. */
const NewPasswordSchema = z
  .string({ error: 'Enter a password.' })
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters.`)
  .refine(fitsBcrypt, `Password must be at most ${PASSWORD_MAX_BYTES} characters.`);

/**
 * An existing password: only required and bounded. Length rules are not re-checked at sign-in,
 * so an account created under older rules can still sign in, and a wrong guess gets the same
 * answer whatever its length.
 */
const CurrentPasswordSchema = z
  .string({ error: 'Enter your password.' })
  .refine(fitsBcrypt, `Password must be at most ${PASSWORD_MAX_BYTES} characters.`);


/** Length as PostgreSQL's char_length counts it (code points, not UTF-16 units). */
function countCharacters(value: string): number {
  return [...value].length;
}

function capitalise(label: string): string {
  return `${label[0].toUpperCase()}${label.slice(1)}`;
}

function nameSchema(label: string) {
  return z
    .string({ error: `Enter your ${label}.` })
    .trim()
    .min(1, `Enter your ${label}.`)
    .refine((value) => countCharacters(value) <= NAME_MAX_LENGTH, `${capitalise(label)} must be at most ${NAME_MAX_LENGTH} characters.`)
    .refine((value) => isTypedText(value), describeUntypedText(capitalise(label)));
}

const FirstNameSchema = nameSchema('first name');
const LastNameSchema = nameSchema('last name');
/** Optional: empty means "none" (the profile then shows first and last name). */
const DisplayNameSchema = nameSchema('display name').optional();

const PhoneSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/[\s().-]/g, ''))
  .pipe(
    z
      .string()
      .regex(/^\+[1-9][0-9]{6,14}$/, 'Enter the phone number with its country code, like +44 20 7946 0958 (7–15 digits).'),
  )
  .optional();

/** Today as YYYY-MM-DD in UTC, the database's current_date on Supabase. */
export function getTodayIsoDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Why a YYYY-MM-DD birthday is not allowed, or null: one reason at a time, most basic first. */
function findBirthdayProblem(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'Enter the date as YYYY-MM-DD.';
  if (!isCalendarDate(value)) return 'That date does not exist.';
  if (value < BIRTHDAY_MIN) return 'Enter a date from 1900-01-01 on.';
  // Evaluated at parse time, so "today" moves on with the calendar.
  if (value > getTodayIsoDate()) return 'Your birthday cannot be in the future.';
  return null;
}

const BirthdaySchema = z
  .string()
  .trim()
  .superRefine((value, context) => {
    const problem = findBirthdayProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .optional();

const AccountTypeSchema = z.enum(ACCOUNT_TYPES, { error: 'Choose personal or business.' }).default('personal');

export const InviteCodeSchema = z
  .string({ error: 'Enter your invite code.' })
  .trim()
  .min(INVITE_CODE_MIN_LENGTH, `Invite codes are at least ${INVITE_CODE_MIN_LENGTH} characters.`)
  .max(INVITE_CODE_MAX_LENGTH, `Invite codes are at most ${INVITE_CODE_MAX_LENGTH} characters.`)
  .regex(/^[A-Za-z0-9_-]+$/, 'Invite codes use only letters, digits, _ and -.');

function passwordsMatch(form: { password: string; confirmPassword: string }): boolean {
  return form.password === form.confirmPassword;
}
const PASSWORD_MISMATCH = { path: ['confirmPassword'], message: 'The passwords do not match.' };

export const LoginFormSchema = z.object({
  email: EmailSchema,
  password: CurrentPasswordSchema,
  redirectTo: z.string().optional(),
});

// ---------------------------------------------------------------------------------------------
// Signup: three steps, each posting everything typed so far (hidden fields carry the earlier
// steps), so every step re-validates the whole form and the last one cannot be fed bad values.
// ---------------------------------------------------------------------------------------------

export const SIGNUP_STEPS = ['invite', 'details', 'account'] as const;
export type SignupStep = (typeof SIGNUP_STEPS)[number];

const DetailsFieldsSchema = z.object({
  firstName: FirstNameSchema,
  lastName: LastNameSchema,
  phone: PhoneSchema,
  birthday: BirthdaySchema,
  accountType: AccountTypeSchema,
});
export const ACCEPT_TERMS_MESSAGE = 'Accept the terms of service and the privacy notice to create an account.';

const accountFields = {
  email: EmailSchema,
  password: NewPasswordSchema,
  confirmPassword: z.string({ error: 'Repeat your password.' }),
  // A checked checkbox posts "on"; an unchecked one posts nothing.
  acceptTerms: z.literal('on', { error: ACCEPT_TERMS_MESSAGE }),
};

/**
 * The code is required when the form has an invite step (invite-only mode), and absent
 * otherwise: in open mode and for a guest keeping their orders the database asks for none.
 */
function inviteCodeFor(inviteRequired: boolean): z.ZodType<string | undefined, string | undefined> {
  return inviteRequired ? InviteCodeSchema : z.undefined().optional();
}

export const InviteStepSchema = z.object({ inviteCode: InviteCodeSchema });

/** Everything collected by the end of the "about you" step. */
export function getDetailsStepSchema(inviteRequired: boolean) {
  return DetailsFieldsSchema.extend({ inviteCode: inviteCodeFor(inviteRequired) });
}

/** The whole signup: what the last step validates before asking Auth. */
export function getAccountStepSchema(inviteRequired: boolean) {
  return DetailsFieldsSchema.extend({ inviteCode: inviteCodeFor(inviteRequired), ...accountFields }).refine(
    passwordsMatch,
    PASSWORD_MISMATCH,
  );
}

export const SignupFormSchema = getAccountStepSchema(false);
export const SignupWithInviteSchema = getAccountStepSchema(true);
export type SignupValues = z.output<typeof SignupWithInviteSchema>;

// ---------------------------------------------------------------------------------------------
// Account pages
// ---------------------------------------------------------------------------------------------

export const ProfileFormSchema = z.object({
  firstName: FirstNameSchema,
  lastName: LastNameSchema,
  displayName: DisplayNameSchema,
  phone: PhoneSchema,
  birthday: BirthdaySchema,
  accountType: AccountTypeSchema,
});

export const NewPasswordFormSchema = z
  .object({ password: NewPasswordSchema, confirmPassword: z.string({ error: 'Repeat your password.' }) })
  .refine(passwordsMatch, PASSWORD_MISMATCH);

export const ForgotPasswordFormSchema = z.object({ email: EmailSchema });

export const DELETE_CONFIRMATION_WORD = 'DELETE';
export const DeleteAccountFormSchema = z.object({
  confirmation: z
    .string({ error: `Type ${DELETE_CONFIRMATION_WORD} to confirm.` })
    .trim()
    .refine((value) => value === DELETE_CONFIRMATION_WORD, `Type ${DELETE_CONFIRMATION_WORD} in capital letters to confirm.`),
});
