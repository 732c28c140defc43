// One error boundary for every route. Routes pass handlers for the statuses they expect (a 404
// for a missing product, a 403 for someone else's order); everything else gets a calm generic
// page. People never see a stack trace: Remix already strips server errors in production, and
// this component never renders `error.stack` at all.
import { isRouteErrorResponse, Link, useParams, useRouteError, type ErrorResponse } from '@remix-run/react';
import type { ReactElement } from 'react';

type StatusHandler = (info: { error: ErrorResponse; params: Record<string, string | undefined> }) => ReactElement | null;

export function GeneralErrorBoundary({
  defaultStatusHandler = ({ error }) => <ErrorPage status={error.status} />,
  statusHandlers,
  unexpectedErrorHandler = () => <ErrorPage status={500} />,
}: {
  defaultStatusHandler?: StatusHandler;
  statusHandlers?: Record<number, StatusHandler>;
  unexpectedErrorHandler?: (error: unknown) => ReactElement | null;
}) {
  const error = useRouteError();
  const params = useParams();
  // The server already logs errors; in the browser, keep the details in the console for developers.
  if (typeof document !== 'undefined') console.error(error);
  if (isRouteErrorResponse(error)) {
    return (statusHandlers?.[error.status] ?? defaultStatusHandler)({ error, params });
  }
  return unexpectedErrorHandler(error);
}

const STATUS_COPY: Record<number, { title: string; body: string }> = {
  400: { title: 'That request did not work', body: 'Something in the request was not right. Go back and try again.' },
  401: { title: 'Please sign in', body: 'You need to be signed in to see this page.' },
  403: { title: 'Not allowed', body: 'Your account does not have access to this page.' },
  404: {
    title: 'Page not found',
    body: 'We could not find the page you were looking for. It may have moved, or the link may be wrong.',
  },
  500: {
    title: 'Something went wrong',
    body: 'An unexpected error happened on our side. Please try again in a moment.',
  },
};

export function ErrorPage({ status }: { status: number }) {
  const copy = STATUS_COPY[status] ?? (status >= 500 ? STATUS_COPY[500] : STATUS_COPY[400]);
  return (
    <section className="error-page container" aria-labelledby="error-title">
      <p className="eyebrow">Error {status}</p>
      <h1 id="error-title">{copy.title}</h1>
      <p>{copy.body}</p>
      <p>
        <Link className="button" to="/">
          Back to the store
        </Link>
      </p>
    </section>
  );
}
