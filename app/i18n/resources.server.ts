// Every locale's messages, for the server only: a page's HTML carries just its own locale's
// messages to the browser (app/root.tsx), so this module must never be imported by client code.
import type { Resource } from 'i18next';
import type { Locale, Namespace } from './locales';
import enAccount from '~/locales/en/account.json';
import enAdmin from '~/locales/en/admin.json';
import enCart from '~/locales/en/cart.json';
import enCatalog from '~/locales/en/catalog.json';
import enCommon from '~/locales/en/common.json';
import enErrors from '~/locales/en/errors.json';
import enEvents from '~/locales/en/events.json';
import enValidation from '~/locales/en/validation.json';
import koAccount from '~/locales/ko/account.json';
import koAdmin from '~/locales/ko/admin.json';
import koCart from '~/locales/ko/cart.json';
import koCatalog from '~/locales/ko/catalog.json';
import koCommon from '~/locales/ko/common.json';
import koErrors from '~/locales/ko/errors.json';
import koEvents from '~/locales/ko/events.json';
import koValidation from '~/locales/ko/validation.json';
import thAccount from '~/locales/th/account.json';
import thAdmin from '~/locales/th/admin.json';
import thCart from '~/locales/th/cart.json';
import thCatalog from '~/locales/th/catalog.json';
import thCommon from '~/locales/th/common.json';
import thErrors from '~/locales/th/errors.json';
import thEvents from '~/locales/th/events.json';
import thValidation from '~/locales/th/validation.json';
import zhTwAccount from '~/locales/zh-TW/account.json';
import zhTwAdmin from '~/locales/zh-TW/admin.json';
import zhTwCart from '~/locales/zh-TW/cart.json';
import zhTwCatalog from '~/locales/zh-TW/catalog.json';
import zhTwCommon from '~/locales/zh-TW/common.json';
import zhTwErrors from '~/locales/zh-TW/errors.json';
import zhTwEvents from '~/locales/zh-TW/events.json';
import zhTwValidation from '~/locales/zh-TW/validation.json';

export type Messages = Record<Namespace, Record<string, unknown>>;

export const MESSAGES: Record<Locale, Messages> = {
  en: { common: enCommon, catalog: enCatalog, cart: enCart, account: enAccount, events: enEvents, admin: enAdmin, validation: enValidation, errors: enErrors },
  th: { common: thCommon, catalog: thCatalog, cart: thCart, account: thAccount, events: thEvents, admin: thAdmin, validation: thValidation, errors: thErrors },
  ko: { common: koCommon, catalog: koCatalog, cart: koCart, account: koAccount, events: koEvents, admin: koAdmin, validation: koValidation, errors: koErrors },
  'zh-TW': {
    common: zhTwCommon, catalog: zhTwCatalog, cart: zhTwCart, account: zhTwAccount, events: zhTwEvents, admin: zhTwAdmin, validation: zhTwValidation, errors: zhTwErrors,
  },
};

export const ALL_RESOURCES: Resource = MESSAGES;
