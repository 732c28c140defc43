// The bare site root: the home page in the visitor's language (saved choice, else the browser's).
import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirectToLocale } from '~/i18n/negotiate.server';

export async function loader({ request }: LoaderFunctionArgs) {
  return redirectToLocale(request);
}
