// Any URL no other route claims: a real 404 status, rendered by the shared error boundary inside
// the site layout (a bare unmatched URL would only reach the root boundary).
import type { MetaFunction } from '@remix-run/node';
import { ErrorPage, GeneralErrorBoundary } from '~/components/error-boundary';

export const meta: MetaFunction = () => [{ title: 'Page not found | Audio store' }];

export async function loader() {
  throw new Response('Not found', { status: 404 });
}

export default function NotFoundRoute() {
  // Never rendered: the loader always throws. Kept so the route is a UI route.
  return <ErrorPage status={404} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={{ 404: () => <ErrorPage status={404} /> }} />;
}
