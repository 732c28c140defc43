import { parseWithZod } from '@conform-to/zod/v4';
import { describe, expect, it } from 'vitest';
import { fixedT } from '~/i18n/i18n.server';
import {
  getAccountStepSchema,
  getDeleteAccountFormSchema,
  getInviteStepSchema,
  getLoginFormSchema,
  getNewPasswordFormSchema,
  getProfileFormSchema,
  getTodayIsoDate,
} from './auth-schemas';

const t = fixedT('en', 'validation');
const SignupFormSchema = getAccountStepSchema(t, false);
const LoginFormSchema = getLoginFormSchema(t);
const InviteStepSchema = getInviteStepSchema(t);
const ProfileFormSchema = getProfileFormSchema(t);
const NewPasswordFormSchema = getNewPasswordFormSchema(t);
const DeleteAccountFormSchema = getDeleteAccountFormSchema(t);

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

function signupErrors(values: Record<string, string>) {
  return parseWithZod(form(values), { schema: SignupFormSchema }).reply().error;
}

const validSignup = {
  email: '  Ada@Example.COM ',
  password: 'correct horse',
  confirmPassword: 'correct horse',
  firstName: '  Ada ',
  lastName: 'Lovelace',
  acceptTerms: 'on',
};

describe('SignupFormSchema', () => {
  it('requires the terms and privacy notice to be accepted', () => {
    const { acceptTerms: _ignored, ...withoutTerms } = validSignup;
    expect(parseWithZod(form(withoutTerms), { schema: SignupFormSchema }).reply().error?.acceptTerms).toEqual([
      'Accept the terms of service and the privacy notice to create an account.',
    ]);
  });

  it('trims names and normalises the email', () => {
    const submission = parseWithZod(form(validSignup), { schema: SignupFormSchema });
    expect(submission.status).toBe('success');
    if (submission.status !== 'success') return;
    expect(submission.value).toMatchObject({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' });
  });

  it('requires only email, password, its confirmation and the terms', () => {
    expect(signupErrors({})).toEqual({
      email: ['Enter your email address.'],
      password: ['Enter a password.'],
      confirmPassword: ['Repeat your password.'],
      acceptTerms: ['Accept the terms of service and the privacy notice to create an account.'],
    });
    const { firstName: _f, lastName: _l, ...withoutNames } = validSignup;
    const submission = parseWithZod(form(withoutNames), { schema: SignupFormSchema });
    expect(submission.status === 'success' && submission.value).toMatchObject({ accountType: 'personal' });
    expect(submission.status === 'success' && submission.value.firstName).toBeUndefined();
  });

  it('treats names that are only spaces as none, and refuses names over 80 characters', () => {
    const errors = signupErrors({ ...validSignup, firstName: '   ', lastName: 'x'.repeat(81) });
    expect(errors?.firstName).toBeUndefined();
    expect(errors?.lastName).toEqual(['Last name must be at most 80 characters.']);
    const longest = parseWithZod(form({ ...validSignup, lastName: 'x'.repeat(80) }), { schema: SignupFormSchema });
    expect(longest.status).toBe('success');
  });

  it('holds passwords to 8–72 bytes', () => {
    expect(signupErrors({ ...validSignup, password: 'short12', confirmPassword: 'short12' })?.password).toEqual(['Password must be at least 8 characters.']);
    const atLimit = 'a'.repeat(72);
    expect(
      parseWithZod(form({ ...validSignup, password: atLimit, confirmPassword: atLimit }), { schema: SignupFormSchema })
        .status,
    ).toBe('success');
    // 36 two-byte characters are 72 bytes; 37 are 74, past what bcrypt reads.
    const multibyte = 'é'.repeat(37);
    expect(signupErrors({ ...validSignup, password: multibyte, confirmPassword: multibyte })?.password).toEqual(['Password must be at most 72 characters.']);
  });

  it('rejects emails that are malformed or longer than 254 characters', () => {
    expect(signupErrors({ ...validSignup, email: 'ada@' })?.email).toEqual([
      'Enter a valid email address, like name@example.com.',
    ]);
    const long = `${'a'.repeat(64)}@${'b'.repeat(186)}.com`; // 255 characters
    expect(signupErrors({ ...validSignup, email: long })?.email).toEqual([
      'Email must be at most 254 characters.',
    ]);
  });

  it('puts a password mismatch on the confirmation field', () => {
    expect(signupErrors({ ...validSignup, confirmPassword: 'something else' })).toEqual({
      confirmPassword: ['The passwords do not match.'],
    });
  });
});

describe('LoginFormSchema', () => {
  it('does not apply the new-password length rule at sign-in', () => {
    const submission = parseWithZod(form({ email: 'ada@example.com', password: 'short' }), { schema: LoginFormSchema });
    expect(submission.status).toBe('success');
  });

  it('requires both fields', () => {
    const errors = parseWithZod(form({}), { schema: LoginFormSchema }).reply().error;
    expect(errors).toMatchObject({ email: ['Enter your email address.'], password: ['Enter your password.'] });
  });
});

function errorsOf(schema: Parameters<typeof parseWithZod>[1]['schema'], values: Record<string, string>) {
  return parseWithZod(form(values), { schema }).reply().error ?? {};
}

const validProfile = { firstName: 'Ada', lastName: 'Lovelace' };

describe('InviteStepSchema (invitations.code: ^[A-Za-z0-9_-]{4,64}$)', () => {
  it('accepts 4 and 64 characters, rejects 3 and 65', () => {
    expect(errorsOf(InviteStepSchema, { inviteCode: 'AB_1' })).toEqual({});
    expect(errorsOf(InviteStepSchema, { inviteCode: 'a'.repeat(64) })).toEqual({});
    expect(errorsOf(InviteStepSchema, { inviteCode: 'AB1' }).inviteCode).toEqual(['Invite codes are at least 4 characters.']);
    expect(errorsOf(InviteStepSchema, { inviteCode: 'a'.repeat(65) }).inviteCode).toEqual(['Invite codes are at most 64 characters.']);
  });

  it('allows only letters, digits, _ and -, after trimming', () => {
    expect(errorsOf(InviteStepSchema, { inviteCode: '  SPRING-2026_a ' })).toEqual({});
    for (const code of ['SPRING 2026', 'café1', 'ab.cd', 'abc\u0000d']) {
      expect(errorsOf(InviteStepSchema, { inviteCode: code }).inviteCode, code).toEqual([
        'Invite codes use only letters, digits, _ and -.',
      ]);
    }
    expect(errorsOf(InviteStepSchema, {}).inviteCode).toEqual(['Enter your invite code.']);
  });
});

describe('names (profiles.*_name: 1–80 characters, trimmed, no control characters)', () => {
  it('counts characters as PostgreSQL does (code points), both sides of 80', () => {
    expect(errorsOf(ProfileFormSchema, { ...validProfile, firstName: '🎧'.repeat(80) })).toEqual({});
    expect(errorsOf(ProfileFormSchema, { ...validProfile, firstName: '🎧'.repeat(81) }).firstName).toEqual([
      'First name must be at most 80 characters.',
    ]);
    expect(errorsOf(ProfileFormSchema, { ...validProfile, firstName: 'A' })).toEqual({});
  });

  it('rejects control characters inside a name, but trims surrounding whitespace', () => {
    expect(errorsOf(ProfileFormSchema, { ...validProfile, lastName: 'Love\u0007lace' }).lastName).toEqual([
      'Last name contains a control or invisible character. Type it again.',
    ]);
    expect(errorsOf(ProfileFormSchema, { ...validProfile, lastName: 'Love\u0085lace' }).lastName).toHaveLength(1);
    expect(errorsOf(ProfileFormSchema, { ...validProfile, lastName: 'Love\u202Elace' }).lastName).toHaveLength(1);
    expect(errorsOf(ProfileFormSchema, { ...validProfile, lastName: 'Love\u200Blace' }).lastName).toHaveLength(1);
    const parsed = parseWithZod(form({ ...validProfile, firstName: '\t Ada \n' }), { schema: ProfileFormSchema });
    expect(parsed.status === 'success' && parsed.value.firstName).toBe('Ada');
  });

  it('keeps the display name optional, with the same limits when given', () => {
    const parsed = parseWithZod(form(validProfile), { schema: ProfileFormSchema });
    expect(parsed.status === 'success' && parsed.value.displayName).toBeUndefined();
    expect(errorsOf(ProfileFormSchema, { ...validProfile, displayName: 'x'.repeat(81) }).displayName).toEqual([
      'Display name must be at most 80 characters.',
    ]);
  });
});

describe('phone (profiles.phone: ^\\+[1-9][0-9]{6,14}$)', () => {
  const phoneError = (phone: string) => errorsOf(ProfileFormSchema, { ...validProfile, phone }).phone;

  it('accepts 7 and 15 digits, rejects 6 and 16', () => {
    expect(phoneError('+1234567')).toBeUndefined();
    expect(phoneError('+123456789012345')).toBeUndefined();
    expect(phoneError('+123456')).toHaveLength(1);
    expect(phoneError('+1234567890123456')).toHaveLength(1);
  });

  it('needs the + and a country code that does not start with 0; strips spacing like the trigger', () => {
    expect(phoneError('1234567')).toHaveLength(1);
    expect(phoneError('+0123456')).toHaveLength(1);
    expect(phoneError('+44 (20) 7946-0958')).toBeUndefined();
    const parsed = parseWithZod(form({ ...validProfile, phone: '+1 555.010 0199' }), { schema: ProfileFormSchema });
    expect(parsed.status === 'success' && parsed.value.phone).toBe('+15550100199');
  });
});

describe('birthday (profiles.birthday: 1900-01-01 .. today)', () => {
  const birthdayError = (birthday: string) => errorsOf(ProfileFormSchema, { ...validProfile, birthday }).birthday;

  it('accepts the first allowed day and today, rejects the day before and tomorrow', () => {
    const tomorrow = getTodayIsoDate(new Date(Date.now() + 24 * 60 * 60 * 1000));
    expect(birthdayError('1900-01-01')).toBeUndefined();
    expect(birthdayError(getTodayIsoDate())).toBeUndefined();
    expect(birthdayError('1899-12-31')).toEqual(['Enter a date from 1900-01-01 on.']);
    expect(birthdayError(tomorrow)).toEqual(['Your birthday cannot be in the future.']);
  });

  it('rejects dates that do not exist and other formats', () => {
    expect(birthdayError('2023-02-29')).toEqual(['That date does not exist.']);
    expect(birthdayError('2024-02-29')).toBeUndefined();
    expect(birthdayError('10/12/1990')).toEqual(['Enter the date as YYYY-MM-DD.']);
  });
});

describe('account type (personal | business)', () => {
  it('defaults to personal and refuses anything else', () => {
    const parsed = parseWithZod(form(validProfile), { schema: ProfileFormSchema });
    expect(parsed.status === 'success' && parsed.value.accountType).toBe('personal');
    expect(errorsOf(ProfileFormSchema, { ...validProfile, accountType: 'business' })).toEqual({});
    expect(errorsOf(ProfileFormSchema, { ...validProfile, accountType: 'admin' }).accountType).toEqual([
      'Choose personal or business.',
    ]);
  });
});

describe('signup steps', () => {
  it('requires the carried invite code only in invite-only mode', () => {
    expect(errorsOf(getAccountStepSchema(t, true), validSignup).inviteCode).toEqual(['Enter your invite code.']);
    expect(errorsOf(getAccountStepSchema(t, false), validSignup)).toEqual({});
  });

  it('re-validates earlier steps at the last one, so hidden fields cannot carry bad values', () => {
    const errors = errorsOf(getAccountStepSchema(t, true), {
      ...validSignup,
      inviteCode: 'no spaces allowed',
      phone: '12',
    });
    expect(Object.keys(errors).sort()).toEqual(['inviteCode', 'phone']);
  });

  it('accepts an email of exactly 254 characters', () => {
    const email = `${'a'.repeat(64)}@${'b'.repeat(185)}.com`; // 254 characters
    expect(email).toHaveLength(254);
    expect(errorsOf(SignupFormSchema, { ...validSignup, email }).email).toBeUndefined();
  });
});

describe('NewPasswordFormSchema and DeleteAccountFormSchema', () => {
  it('holds a new password to 8–72 bytes and to its confirmation', () => {
    expect(errorsOf(NewPasswordFormSchema, { password: '12345678', confirmPassword: '12345678' })).toEqual({});
    expect(errorsOf(NewPasswordFormSchema, { password: '1234567', confirmPassword: '1234567' }).password).toEqual([
      'Password must be at least 8 characters.',
    ]);
    const tooLong = 'a'.repeat(73);
    expect(errorsOf(NewPasswordFormSchema, { password: tooLong, confirmPassword: tooLong }).password).toEqual([
      'Password must be at most 72 characters.',
    ]);
    expect(errorsOf(NewPasswordFormSchema, { password: '12345678', confirmPassword: '87654321' })).toEqual({
      confirmPassword: ['The passwords do not match.'],
    });
  });

  it('deletes only after DELETE is typed exactly', () => {
    expect(errorsOf(DeleteAccountFormSchema, { confirmation: 'DELETE' })).toEqual({});
    expect(errorsOf(DeleteAccountFormSchema, { confirmation: 'delete' }).confirmation).toHaveLength(1);
    expect(errorsOf(DeleteAccountFormSchema, {}).confirmation).toEqual(['Type DELETE to confirm.']);
  });
});

describe('messages in the page’s language', () => {
  const thai = fixedT('th', 'validation');
  const korean = fixedT('ko', 'validation');

  it('reports the same rules in Thai and Korean, limits filled in', () => {
    const thaiErrors = parseWithZod(form({ ...validSignup, password: 'short12', confirmPassword: 'short12', lastName: 'x'.repeat(81) }), {
      schema: getAccountStepSchema(thai, false),
    }).reply().error;
    expect(thaiErrors?.password).toEqual([thai('password.tooShort', { min: 8 })]);
    expect(thaiErrors?.password?.[0]).toContain('8');
    expect(thaiErrors?.password?.[0]).not.toBe('Password must be at least 8 characters.');
    expect(thaiErrors?.lastName?.[0]).toContain('80');
    const koreanErrors = parseWithZod(form({}), { schema: getLoginFormSchema(korean) }).reply().error;
    expect(koreanErrors?.email).toEqual([korean('email.required')]);
    expect(koreanErrors?.email?.[0]).not.toBe('Enter your email address.');
  });

  it('keeps the confirmation word DELETE in every language', () => {
    const errors = errorsOf(getDeleteAccountFormSchema(korean), { confirmation: 'delete' }).confirmation;
    expect(errors?.[0]).toContain('DELETE');
    expect(errorsOf(getDeleteAccountFormSchema(korean), { confirmation: 'DELETE' })).toEqual({});
  });
});
