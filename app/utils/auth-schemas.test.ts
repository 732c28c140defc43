import { parseWithZod } from '@conform-to/zod/v4';
import { describe, expect, it } from 'vitest';
import { LoginFormSchema, SignupFormSchema } from './auth-schemas';

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
};

describe('SignupFormSchema', () => {
  it('trims names and normalises the email', () => {
    const submission = parseWithZod(form(validSignup), { schema: SignupFormSchema });
    expect(submission.status).toBe('success');
    if (submission.status !== 'success') return;
    expect(submission.value).toMatchObject({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' });
  });

  it('reports every empty field as required', () => {
    expect(signupErrors({})).toMatchObject({
      email: ['Enter your email address.'],
      password: ['Enter a password.'],
      confirmPassword: ['Repeat your password.'],
      firstName: ['Enter your first name.'],
      lastName: ['Enter your last name.'],
    });
  });

  it('rejects names that are only spaces and names over 80 characters', () => {
    const errors = signupErrors({ ...validSignup, firstName: '   ', lastName: 'x'.repeat(81) });
    expect(errors?.firstName).toEqual(['Enter your first name.']);
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
