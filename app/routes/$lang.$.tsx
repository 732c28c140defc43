// Any URL no other route claims: a real 404 status, rendered by the shared error boundary inside
// the site layout (a bare unmatched URL would only reach the root boundary).
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { isRouteErrorResponse } from '@remix-run/react';
import { ErrorPage, GeneralErrorBoundary } from '~/components/error-boundary';
import { fixedT } from '~/i18n/i18n.server';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';

// The loader always throws, so the title travels with the 404 ("Page not found | Audio store").
export const meta: MetaFunction = ({ error, matches }) =>
  titleMeta(isRouteErrorResponse(error) ? (error.data as { title?: string } | null)?.title : undefined, matches);

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  throw json({ title: pageTitle(locale, fixedT(locale, 'common')('errorPage.404.title')) }, { status: 404 });
}

export default function NotFoundRoute() {
  // Never rendered: the loader always throws. Kept so the route is a UI route.
  return <ErrorPage status={404} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={{ 404: () => <ErrorPage status={404} /> }} />;
}
