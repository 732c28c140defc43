// Everything the admin.members.userId route's loader and action need from server-only modules, re-exported
// from one place. The browser build replaces each `.server` module a route imports with an empty
// stand-in, and one imported by several routes becomes a shared file of its own (about 0.1 kB
// compressed each); one module imported by one route is inlined instead. See README,
// "JavaScript per page".
export { fixedT } from '~/i18n/i18n.server';
export { pageTitle } from '~/i18n/meta.server';
export { pageLocale } from '~/i18n/route-locale.server';
export { isUuid } from '~/models/admin-events.server';
export { requireAdmin } from '~/utils/admin.server';
export { readFormData } from '~/utils/form-data.server';
