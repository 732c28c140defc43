// The mail templates' messages, one file per language (app/locales/<locale>/mail.json), checked
// with the app's messages by app/i18n/messages.test.ts (same keys, same placeholders).
import type { Locale } from '../app/i18n/locales.ts';
import en from '../app/locales/en/mail.json';
import ko from '../app/locales/ko/mail.json';
import th from '../app/locales/th/mail.json';
import zhTw from '../app/locales/zh-TW/mail.json';

export const MAIL_MESSAGES: Record<Locale, Record<string, unknown>> = { en, th, ko, 'zh-TW': zhTw };
