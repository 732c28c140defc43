// The account page's parsing, server-only, so the page's browser build never reaches the schema
// module (and zod with it).
import type { Locale } from '~/i18n/locales';
import { fixedT } from '~/i18n/i18n.server';
import { getInviteStepSchema, getNewPasswordFormSchema, getProfileFormSchema } from '~/utils/auth-schemas';
import { parseWithZod } from '~/utils/form-parse.server';

export function parseProfileForm(formData: FormData, locale: Locale) {
  return parseWithZod(formData, { schema: getProfileFormSchema(fixedT(locale, 'validation')) });
}

export function parseNewPasswordForm(formData: FormData, locale: Locale) {
  return parseWithZod(formData, { schema: getNewPasswordFormSchema(fixedT(locale, 'validation')) });
}

export function parseRedeemForm(formData: FormData, locale: Locale) {
  return parseWithZod(formData, { schema: getInviteStepSchema(fixedT(locale, 'validation')) });
}
