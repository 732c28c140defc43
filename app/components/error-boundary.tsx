// One error boundary for every route. Routes pass handlers for the statuses they expect (a 404
// for a missing product, a 403 for someone else's order); everything else gets a calm generic
// page. People never see a stack trace: Remix already strips server errors in production, and
// this component never renders `error.stack` at all.
import { isRouteErrorResponse, Link, useParams, useRouteError, type ErrorResponse } from '@remix-run/react';
import type { ReactElement } from 'react';
import { useTranslation } from '~/i18n/react';
import { useLocalizedPath } from '~/i18n/use-locale';

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

const KNOWN_STATUSES = [400, 401, 403, 404, 500] as const;

export function ErrorPage({ status }: { status: number }) {
  const { t } = useTranslation();
  const to = useLocalizedPath();
  const copy = (KNOWN_STATUSES as readonly number[]).includes(status) ? status : status >= 500 ? 500 : 400;
  const key = String(copy) as `${(typeof KNOWN_STATUSES)[number]}`;
  return (
    <section className="error-page container" aria-labelledby="error-title">
      <p className="eyebrow">{t('errorPage.eyebrow', { status })}</p>
      <h1 id="error-title">{t(`errorPage.${key}.title`)}</h1>
      <p>{t(`errorPage.${key}.body`)}</p>
      <p>
        <Link className="button" to={to('/')}>
          {t('errorPage.backToStore')}
        </Link>
      </p>
    </section>
  );
}
