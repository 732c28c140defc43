// /account/events: the member's enrollments, newest first, each with its status (place in line
// while waitlisted, payment) and, once approved, the coupon: its code and a QR code drawn on the
// server, and "Use coupon" behind a confirmation (?use=<coupon id>, a plain link, so it works
// without JavaScript), since pressing it by mistake is the most common support request.
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { Trans, useTranslation } from '~/i18n/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { EnrollmentStatusBadge } from '~/components/events/enrollment-status';
import { EventWhen } from '~/components/events/event-when';
import { SubmitButton, useIsSubmitting } from '~/components/forms';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { useFormat, useLocalizedPath } from '~/i18n/use-locale';
import eventsStylesHref from '~/styles/events.css';
import { paymentReferenceOf } from '~/utils/events';
import { describeRpcError, httpStatusOf } from '~/utils/rpc-errors';
import {
  fixedT,
  pageTitle,
  pageLocale,
  listEventCardsById,
  listMyEnrollments,
  markCouponUsed,
  type EventCard,
  type MyEnrollment,
  requireUser,
  drawCouponQrSvg,
  readFormData,
} from '~/server-deps/account-events-page.server';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: eventsStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

/** A coupon the member can still show and use. */
function isUsable(enrollment: MyEnrollment): boolean {
  return enrollment.status === 'approved' && enrollment.coupon_code !== null && !enrollment.coupon_used_at && !enrollment.coupon_voided_at;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers } = await requireUser(request);
  const enrollments = await listMyEnrollments(supabase);
  const events = await listEventCardsById(supabase, [...new Set(enrollments.map((enrollment) => enrollment.event_id))], locale);
  const rows = await Promise.all(
    enrollments.map(async (enrollment) => ({
      enrollment,
      event: events.get(enrollment.event_id) ?? null,
      paymentReference: paymentReferenceOf(enrollment.id),
      qrSvg: isUsable(enrollment) && enrollment.coupon_code ? await drawCouponQrSvg(enrollment.coupon_code) : null,
    })),
  );
  return json({ rows, title: pageTitle(locale, fixedT(locale, 'events')('account.title')) }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = pageLocale(params);
  const errorsT = fixedT(locale, 'errors');
  const { supabase, headers } = await requireUser(request);
  const formData = await readFormData(request, headers);
  if (formData.get('intent') !== 'use-coupon') {
    return json({ error: fixedT(locale, 'events')('enroll.unexpected') }, { status: 400, headers });
  }
  const couponId = String(formData.get('couponId') ?? '');
  const result = await markCouponUsed(supabase, couponId);
  if (!result.ok) {
    const status = httpStatusOf(result.error);
    if (status >= 500) console.error('use_coupon failed', result.error);
    return json({ error: describeRpcError(result.error, errorsT) }, { status, headers });
  }
  return redirect(`${localizedPath(locale, '/account/events')}?used=${encodeURIComponent(result.data.id)}`, { headers });
}

export default function AccountEventsPage() {
  const { rows } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation('events');
  const to = useLocalizedPath();
  const errorRef = useRef<HTMLDivElement>(null);
  const justUsed = searchParams.get('used');
  useEffect(() => {
    if (actionData?.error) errorRef.current?.focus();
  }, [actionData]);

  return (
    <section className="container account-events" aria-labelledby="account-events-title">
      <h1 id="account-events-title">{t('account.title')}</h1>
      <p>{t('account.lead')}</p>
      <div role="status" className={justUsed ? 'status-message' : undefined} data-testid="coupon-notice">
        {justUsed && rows.some((row) => row.enrollment.coupon_id === justUsed && row.enrollment.coupon_used_at) ? <p>{t('coupon.done')}</p> : null}
      </div>
      <div ref={errorRef} tabIndex={-1} role="alert" className={actionData?.error ? 'form-errors' : undefined} data-testid="coupon-error">
        {actionData?.error ? <p>{actionData.error}</p> : null}
      </div>
      {rows.length === 0 ? (
        <p>
          <Trans t={t} i18nKey="account.none" components={{ anchor: <Link to={to('/events')} /> }} />
        </p>
      ) : (
        <ul className="my-enrollments">
          {rows.map((row) => (
            <li key={row.enrollment.id}>
              <EnrollmentCard {...row} confirmingUse={searchParams.get('use') === row.enrollment.coupon_id} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link className="text-link" to={to('/events')}>
          {t('account.browse')}
        </Link>
      </p>
    </section>
  );
}

interface EnrollmentCardProps {
  enrollment: MyEnrollment;
  event: EventCard | null;
  paymentReference: string;
  qrSvg: string | null;
  confirmingUse: boolean;
}

function EnrollmentCard({ enrollment, event, paymentReference, qrSvg, confirmingUse }: EnrollmentCardProps) {
  const { t } = useTranslation('events');
  const format = useFormat();
  const to = useLocalizedPath();
  const here = to('/account/events');
  const isSubmitting = useIsSubmitting(here);
  const confirmRef = useRef<HTMLElement>(null);
  const showConfirm = confirmingUse && qrSvg !== null;
  useEffect(() => {
    if (showConfirm) confirmRef.current?.focus();
  }, [showConfirm]);

  return (
    <article className="enrollment-card" id={`enrollment-${enrollment.id}`} data-testid="enrollment-card" data-event={event?.slug ?? ''}>
      <h2 className="enrollment-card__title">{event ? <Link to={to(`/events/${event.slug}`)}>{event.name}</Link> : t('account.unlisted')}</h2>
      {event ? (
        <p className="enrollment-card__when">
          <EventWhen startsAt={event.startsAt} endsAt={event.endsAt} /> · {event.location}
        </p>
      ) : null}
      <p>
        <EnrollmentStatusBadge status={enrollment.status} place={enrollment.waitlist_place} />
      </p>
      {enrollment.reason && (enrollment.status === 'rejected' || enrollment.status === 'cancelled') ? (
        <p>{t('yours.rejectedReason', { reason: enrollment.reason })}</p>
      ) : null}
      {enrollment.payment_status === 'awaiting' && (enrollment.status === 'pending' || enrollment.status === 'waitlisted') && event?.fee != null ? (
        <p data-testid="payment-instructions">
          <Trans
            t={t}
            i18nKey="payment.awaiting"
            values={{ fee: format.money(event.fee), reference: paymentReference }}
            components={{ reference: <strong className="payment-reference" /> }}
          />
        </p>
      ) : null}

      {enrollment.coupon_id ? (
        <section className="coupon" aria-labelledby={`coupon-title-${enrollment.id}`} data-testid="coupon">
          <h3 id={`coupon-title-${enrollment.id}`}>{t('coupon.title')}</h3>
          {enrollment.coupon_code ? (
            <p className="coupon__code">
              {t('coupon.code')}: <strong data-testid="coupon-code">{enrollment.coupon_code}</strong>
            </p>
          ) : null}
          {enrollment.coupon_used_at ? (
            <p data-testid="coupon-used">
              {t('coupon.usedAt', { date: format.dateTime(enrollment.coupon_used_at, 'dateTime') })}
            </p>
          ) : enrollment.coupon_voided_at ? (
            <p>{t('coupon.void')}</p>
          ) : null}
          {qrSvg && enrollment.coupon_code ? (
            <>
              <div
                className="coupon__qr"
                role="img"
                aria-label={t('coupon.qrLabel', { code: enrollment.coupon_code })}
                data-testid="coupon-qr"
                // Drawn by the qrcode library on the server from the code alone: no user text inside.
                dangerouslySetInnerHTML={{ __html: qrSvg }}
              />
              <p>{t('coupon.show')}</p>
              {showConfirm ? (
                <section ref={confirmRef} tabIndex={-1} className="confirm-panel" aria-labelledby={`use-confirm-${enrollment.id}`} data-testid="use-confirm">
                  <h4 id={`use-confirm-${enrollment.id}`}>{t('coupon.confirmTitle')}</h4>
                  <p>{t('coupon.confirmBody')}</p>
                  <Form method="post" action={here} className="confirm-panel__actions">
                    <input type="hidden" name="intent" value="use-coupon" />
                    <input type="hidden" name="couponId" value={enrollment.coupon_id} />
                    <SubmitButton isPending={isSubmitting} pendingLabel={t('coupon.pending')}>
                      {t('coupon.confirm')}
                    </SubmitButton>
                    <Link to={`${here}#enrollment-${enrollment.id}`} className="text-link" preventScrollReset>
                      {t('coupon.keep')}
                    </Link>
                  </Form>
                </section>
              ) : (
                <p>
                  <Link
                    className="button button--secondary"
                    to={`${here}?${new URLSearchParams({ use: enrollment.coupon_id })}#enrollment-${enrollment.id}`}
                    preventScrollReset
                  >
                    {t('coupon.use')}
                  </Link>
                </p>
              )}
            </>
          ) : null}
        </section>
      ) : null}
      <p className="muted">{t('account.enrolledOn', { date: format.dateTime(enrollment.created_at, 'date') })}</p>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
