// The sign-up action's parsing, server-only: the page's browser build must not reach the schema
// module (it pulls zod in, about 93 kB compressed), so the route imports its schemas from here.
import type { Locale } from '~/i18n/locales';
import { fixedT } from '~/i18n/i18n.server';
import { getAccountStepSchema, getInviteStepSchema } from '~/utils/auth-schemas';
import { parseWithZod } from '~/utils/form-parse.server';

export function parseInviteStep(formData: FormData, locale: Locale) {
  return parseWithZod(formData, { schema: getInviteStepSchema(fixedT(locale, 'validation')) });
}

export function parseAccountStep(formData: FormData, locale: Locale, inviteRequired: boolean) {
  return parseWithZod(formData, { schema: getAccountStepSchema(fixedT(locale, 'validation'), inviteRequired) });
}
