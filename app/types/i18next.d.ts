// Translation keys are checked by TypeScript against the English messages: t('cart:tpyo') does
// not compile. The other locales are checked against English by app/i18n/messages.test.ts.
import 'i18next';
import type account from '~/locales/en/account.json';
import type admin from '~/locales/en/admin.json';
import type cart from '~/locales/en/cart.json';
import type catalog from '~/locales/en/catalog.json';
import type common from '~/locales/en/common.json';
import type errors from '~/locales/en/errors.json';
import type events from '~/locales/en/events.json';
import type validation from '~/locales/en/validation.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof common;
      catalog: typeof catalog;
      cart: typeof cart;
      account: typeof account;
      events: typeof events;
      admin: typeof admin;
      validation: typeof validation;
      errors: typeof errors;
    };
    returnNull: false;
  }
}
