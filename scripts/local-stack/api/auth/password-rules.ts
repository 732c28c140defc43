// GoTrue's password strength rules: a minimum length and, optionally, required character
// classes. Failing rules are reported as `weak_password.reasons` ("length", "characters").
import { AuthError } from './errors.ts';

export interface PasswordPolicy {
  minimumLength: number;
  /** '', 'letters_digits', 'lower_upper_letters_digits' or 'lower_upper_letters_digits_symbols'. */
  requirements: string;
}

const characterClasses: Record<string, { label: string; pattern: RegExp }[]> = {
  letters_digits: [
    { label: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', pattern: /[a-zA-Z]/ },
    { label: '0123456789', pattern: /[0-9]/ },
  ],
  lower_upper_letters_digits: [
    { label: 'abcdefghijklmnopqrstuvwxyz', pattern: /[a-z]/ },
    { label: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', pattern: /[A-Z]/ },
    { label: '0123456789', pattern: /[0-9]/ },
  ],
  lower_upper_letters_digits_symbols: [
    { label: 'abcdefghijklmnopqrstuvwxyz', pattern: /[a-z]/ },
    { label: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', pattern: /[A-Z]/ },
    { label: '0123456789', pattern: /[0-9]/ },
    { label: '!@#$%^&*()_+-=[]{};\'\\:"|<>?,./`~', pattern: /[^a-zA-Z0-9\s]/ },
  ],
};

export interface PasswordVerdict {
  reasons: ('length' | 'characters')[];
  messages: string[];
}

export function judgePassword(password: string, policy: PasswordPolicy): PasswordVerdict {
  const verdict: PasswordVerdict = { reasons: [], messages: [] };
  if ([...password].length < policy.minimumLength) {
    verdict.reasons.push('length');
    verdict.messages.push(`Password should be at least ${policy.minimumLength} characters.`);
  }
  const classes = characterClasses[policy.requirements] ?? [];
  if (classes.some(({ pattern }) => !pattern.test(password))) {
    verdict.reasons.push('characters');
    verdict.messages.push(
      `Password should contain at least one character of each: ${classes.map((c) => c.label).join(', ')}.`,
    );
  }
  return verdict;
}

export function assertStrongPassword(password: string, policy: PasswordPolicy): void {
  const { reasons, messages } = judgePassword(password, policy);
  if (reasons.length > 0) {
    throw new AuthError(422, 'weak_password', messages.join(' '), { weak_password: { reasons } });
  }
}
