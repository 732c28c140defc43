// Form schemas for the auth pages, shared by the server (authoritative) and the browser (early
// feedback). Limits match Supabase Auth and the profiles table: emails up to 254 characters,
// passwords 8–72 (bcrypt ignores bytes after the 72nd), names 1–80 after trimming.
import { z } from 'zod';

export const EMAIL_MAX_LENGTH = 254;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_BYTES = 72;
export const NAME_MAX_LENGTH = 80;

// Conform turns empty inputs into `undefined`, so "required" is the missing-value message.
export const EmailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .max(EMAIL_MAX_LENGTH, `Email must be at most ${EMAIL_MAX_LENGTH} characters.`)
  .pipe(z.email('Enter a valid email address, like name@example.com.'));

function fitsBcrypt(value: string): boolean {
  return new TextEncoder().encode(value).length <= PASSWORD_MAX_BYTES;
}

/** A new password: the rules Auth enforces, checked before asking it. */
export const NewPasswordSchema = z
  .string({ error: 'Enter a password.' })
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters.`)
  .refine(fitsBcrypt, `Password must be at most ${PASSWORD_MAX_BYTES} characters.`);

/**
 * An existing password: only required and bounded. Length rules are not re-checked at sign-in,
 * so an account created under older rules can still sign in, and a wrong guess gets the same
 * answer whatever its length.
 */
export const CurrentPasswordSchema = z
  .string({ error: 'Enter your password.' })
  .refine(fitsBcrypt, `Password must be at most ${PASSWORD_MAX_BYTES} characters.`);

function nameSchema(label: string) {
  return z
    .string({ error: `Enter your ${label}.` })
    .trim()
    .min(1, `Enter your ${label}.`)
    .max(NAME_MAX_LENGTH, `${label[0].toUpperCase()}${label.slice(1)} must be at most ${NAME_MAX_LENGTH} characters.`);
}

export const LoginFormSchema = z.object({
  email: EmailSchema,
  password: CurrentPasswordSchema,
  redirectTo: z.string().optional(),
});

export const SignupFormSchema = z
  .object({
    email: EmailSchema,
    password: NewPasswordSchema,
    confirmPassword: z.string({ error: 'Repeat your password.' }),
    firstName: nameSchema('first name'),
    lastName: nameSchema('last name'),
  })
  .refine((form) => form.password === form.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The passwords do not match.',
  });
