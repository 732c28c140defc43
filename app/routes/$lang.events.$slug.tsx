// /events/<slug>: one event with its seats, the reader's own enrollment (status, place in line,
// payment instructions for an event with a fee) and what they can do: enroll or join the
// waitlist, or cancel behind a confirmation (?confirm=cancel, a plain link, so it works
// without JavaScript). Visitors are asked to sign in, guests to create an account.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { Trans, useTranslation } from '~/i18n/react';
import { ErrorPage, GeneralErrorBoundary } from '~/components/error-boundary';
import { EnrollmentStatusBadge } from '~/components/events/enrollment-status';
import { EventPrice } from '~/components/events/event-price';
import { EventWhen } from '~/components/events/event-when';
import { SubmitButton, useIsSubmitting } from '~/components/forms';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { useFormat, useLocalizedPath } from '~/i18n/use-locale';
import {
  cancelMyEnrollment,
  enrollInEvent,
  getEventCardBySlug,
  listMyEnrollments,
  pickCurrentEnrollment,
  type MyEnrollment,
} from '~/models/event.server';
import eventsStylesHref from '~/styles/events.css';
import { mergeCatalogDocumentHeaders } from '~/utils/cache-control';
import { paymentReferenceOf, splitPastEvents } from '~/utils/events';
import { getLoginRedirectPath } from '~/utils/redirect';
import { describeRpcError, errorNameOf, httpStatusOf } from '~/utils/rpc-errors';
import {
  fixedT,
  pageTitle,
  pageLocale,
  findSignedInUser,
  setCatalogCacheHeaders,
  readFormData,
  createSupabaseServerClient,
} from '~/server-deps/event-page.server';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: eventsStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => {
  const notFoundTitle = isRouteErrorResponse(error) ? (error.data as { title?: string } | null)?.title : undefined;
  return titleMeta(data?.title ?? notFoundTitle, matches);
};

type Viewer = 'visitor' | 'guest' | 'member';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers } = createSupabaseServerClient(request);
  const [event, user] = await Promise.all([getEventCardBySlug(supabase, params.slug ?? '', locale), findSignedInUser(request, supabase)]);
  if (!event) throw json({ title: pageTitle(locale, fixedT(locale, 'events')('detail.notFoundTitle')) }, { status: 404, headers });
  const viewer: Viewer = !user ? 'visitor' : user.isAnonymous ? 'guest' : 'member';
  const enrollment = viewer === 'member' ? pickCurrentEnrollment(await listMyEnrollments(supabase, event.id)) : null;
  setCatalogCacheHeaders(request, headers);
  return json(
    {
      event,
      past: splitPastEvents([event], Date.now()).past.length > 0,
      viewer,
      enrollment,
      paymentReference: enrollment ? paymentReferenceOf(enrollment.id) : null,
      title: pageTitle(locale, event.name),
    },
    { headers },
  );
}

export const headers: HeadersFunction = mergeCatalogDocumentHeaders;

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = pageLocale(params);
  const errorsT = fixedT(locale, 'errors');
  const { supabase, headers } = createSupabaseServerClient(request);
  const user = await findSignedInUser(request, supabase);
  const formData = await readFormData(request, headers);
  const intent = formData.get('intent');
  const here = localizedPath(locale, `/events/${params.slug ?? ''}`);
  // Someone whose session ended signs in and comes back here.
  if (!user) throw redirect(getLoginRedirectPath(request), { headers });

  if (intent === 'enroll') {
    const event = await getEventCardBySlug(supabase, params.slug ?? '', locale);
    if (!event) return json({ error: describeRpcError({ hint: 'event_not_found' }, errorsT), errorName: 'event_not_found' }, { status: 404, headers });
    const result = await enrollInEvent(supabase, event.id);
    if (!result.ok) {
      const status = httpStatusOf(result.error);
      if (status >= 500) console.error('enroll failed', result.error);
      return json({ error: describeRpcError(result.error, errorsT), errorName: errorNameOf(result.error) }, { status, headers });
    }
    return redirect(`${here}?enrolled=${result.data.status ?? 'pending'}`, { headers });
  }

  if (intent === 'cancel') {
    const result = await cancelMyEnrollment(supabase, String(formData.get('enrollmentId') ?? ''));
    if (!result.ok) {
      const status = httpStatusOf(result.error);
      if (status >= 500) console.error('cancel_enrollment failed', result.error);
      return json({ error: describeRpcError(result.error, errorsT), errorName: errorNameOf(result.error) }, { status, headers });
    }
    return redirect(`${here}?cancelled=1`, { headers });
  }

  return json({ error: fixedT(locale, 'events')('enroll.unexpected'), errorName: null }, { status: 400, headers });
}

export default function EventPage() {
  const { event, past, viewer, enrollment, paymentReference } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation('events');
  const to = useLocalizedPath();
  const here = to(`/events/${event.slug}`);
  const isSubmitting = useIsSubmitting(here);
  const errorRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLElement>(null);

  const confirmingCancel = searchParams.get('confirm') === 'cancel' && enrollment && ['pending', 'waitlisted', 'approved'].includes(enrollment.status);
  const enrolledAs = searchParams.get('enrolled');
  const justCancelled = searchParams.get('cancelled') === '1' && enrollment?.status === 'cancelled';
  const paragraphs = event.description.split(/\n\s*\n/).map((paragraph) => paragraph.trim()).filter(Boolean);

  useEffect(() => {
    if (actionData?.error) errorRef.current?.focus();
  }, [actionData]);
  useEffect(() => {
    if (confirmingCancel) confirmRef.current?.focus();
  }, [confirmingCancel]);

  return (
    <article className="container event-page" aria-labelledby="event-title">
      <p>
        <Link className="back-link" to={to('/events')}>
          <span aria-hidden="true">‹ </span>
          {t('detail.allEvents')}
        </Link>
      </p>

      <div className="event-page__layout">
        {event.imageUrl ? <img className="event-page__image" src={event.imageUrl} alt={event.imageAlt} width={960} height={540} /> : null}
        <div className="event-page__main">
          <h1 id="event-title">{event.name}</h1>
          <dl className="event-facts">
            <div>
              <dt>{t('detail.when')}</dt>
              <dd>
                <EventWhen startsAt={event.startsAt} endsAt={event.endsAt} />
              </dd>
            </div>
            <div>
              <dt>{t('detail.where')}</dt>
              <dd>{event.location}</dd>
            </div>
            <div>
              <dt>{t('detail.price')}</dt>
              <dd>
                <EventPrice fee={event.fee} />
              </dd>
            </div>
            <div>
              <dt>{t('detail.seats')}</dt>
              <dd data-testid="event-seats">
                {event.seatsLeft > 0
                  ? t('detail.seatsOf', { left: event.seatsLeft, capacity: event.capacity })
                  : t('detail.fullSeats', { capacity: event.capacity })}
              </dd>
            </div>
          </dl>
          {paragraphs.map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </div>

        <aside className="event-page__panel" aria-labelledby="enrollment-title">
          <h2 id="enrollment-title">{t('yours.title')}</h2>
          <div ref={noticeRef} role="status" className={enrolledAs || justCancelled ? 'status-message' : undefined} data-testid="event-notice">
            {enrolledAs && enrollment && enrollment.status !== 'cancelled' ? (
              <p>{enrollment.status === 'waitlisted' ? t('notice.waitlisted', { place: enrollment.waitlist_place ?? 1 }) : enrollment.status === 'approved' ? t('notice.approved') : t('notice.pending')}</p>
            ) : null}
            {justCancelled ? <p>{t('cancel.done')}</p> : null}
          </div>
          <div ref={errorRef} tabIndex={-1} role="alert" className={actionData?.error ? 'form-errors' : undefined} data-testid="event-error">
            {actionData?.error ? <p>{actionData.error}</p> : null}
            {actionData?.errorName === 'membership_required' ? (
              <p>
                <Trans t={t} i18nKey="enroll.membership" components={{ anchor: <Link to={`${to('/account')}#redeem`} /> }} />
              </p>
            ) : null}
          </div>

          {enrollment ? <MyEnrollmentPanel enrollment={enrollment} fee={event.fee} paymentReference={paymentReference} /> : null}

          {confirmingCancel && enrollment ? (
            <section ref={confirmRef} tabIndex={-1} className="confirm-panel" aria-labelledby="cancel-confirm-title" data-testid="cancel-confirm">
              <h3 id="cancel-confirm-title">{t('cancel.confirmTitle')}</h3>
              <p>{t('cancel.confirmBody')}</p>
              <Form method="post" action={here} className="confirm-panel__actions">
                <input type="hidden" name="intent" value="cancel" />
                <input type="hidden" name="enrollmentId" value={enrollment.id} />
                <SubmitButton isPending={isSubmitting} pendingLabel={t('cancel.pending')}>
                  {t('cancel.confirm')}
                </SubmitButton>
                <Link to={here} className="text-link" preventScrollReset>
                  {t('cancel.keep')}
                </Link>
              </Form>
            </section>
          ) : (
            <EnrollActions
              viewer={viewer}
              enrollment={enrollment}
              open={event.open && !past}
              cancelled={event.cancelled}
              full={event.seatsLeft === 0}
              here={here}
              isSubmitting={isSubmitting}
            />
          )}
        </aside>
      </div>
    </article>
  );
}

function MyEnrollmentPanel({ enrollment, fee, paymentReference }: { enrollment: MyEnrollment; fee: number | null; paymentReference: string | null }) {
  const { t } = useTranslation('events');
  const format = useFormat();
  const to = useLocalizedPath();
  const awaitingPayment = enrollment.payment_status === 'awaiting' && ['pending', 'waitlisted'].includes(enrollment.status);
  const sentence = (() => {
    switch (enrollment.status) {
      case 'pending':
        return awaitingPayment ? t('yours.pendingPayment') : t('yours.pending');
      case 'waitlisted':
        return t('yours.waitlisted', { place: enrollment.waitlist_place ?? 1 });
      case 'approved':
        return t('yours.approved');
      case 'rejected':
        return t('yours.rejected');
      case 'cancelled':
        return enrollment.reason ? t('yours.cancelledByStore', { reason: enrollment.reason }) : t('yours.cancelled');
    }
  })();
  return (
    <div className="my-enrollment" data-testid="my-enrollment">
      <p>
        <EnrollmentStatusBadge status={enrollment.status} place={enrollment.waitlist_place} />
      </p>
      <p>{sentence}</p>
      {enrollment.status === 'rejected' && enrollment.reason ? <p>{t('yours.rejectedReason', { reason: enrollment.reason })}</p> : null}
      {enrollment.status === 'approved' ? (
        <p>
          <Link className="button" to={to(`/account/events#enrollment-${enrollment.id}`)}>
            {t('yours.seeCoupon')}
          </Link>
        </p>
      ) : null}
      {fee !== null && enrollment.status !== 'cancelled' && enrollment.status !== 'rejected' ? (
        <section className="payment-box" aria-labelledby="payment-title" data-testid="payment-instructions">
          <h3 id="payment-title">{t('payment.title')}</h3>
          {enrollment.payment_status === 'paid' ? (
            <p>{t('payment.paid', { reference: enrollment.payment_reference ?? paymentReference })}</p>
          ) : (
            <>
              <p>
                <Trans
                  t={t}
                  i18nKey="payment.awaiting"
                  values={{ fee: format.money(fee), reference: paymentReference }}
                  components={{ reference: <strong className="payment-reference" data-testid="payment-reference" /> }}
                />
              </p>
              <p>{t('payment.awaitingNext')}</p>
            </>
          )}
        </section>
      ) : null}
      <p>
        <Link className="text-link" to={to('/account/events')}>
          {t('yours.allYourEvents')}
        </Link>
      </p>
    </div>
  );
}

interface EnrollActionsProps {
  viewer: Viewer;
  enrollment: MyEnrollment | null;
  open: boolean;
  cancelled: boolean;
  full: boolean;
  here: string;
  isSubmitting: boolean;
}

function EnrollActions({ viewer, enrollment, open, cancelled, full, here, isSubmitting }: EnrollActionsProps) {
  const { t } = useTranslation('events');
  const to = useLocalizedPath();
  if (cancelled) return <p>{t('enroll.closedCancelled')}</p>;
  if (!open) {
    return enrollment && ['pending', 'waitlisted', 'approved'].includes(enrollment.status) ? null : <p>{t('enroll.closedStarted')}</p>;
  }
  if (viewer === 'visitor') {
    const back = new URLSearchParams({ redirectTo: here });
    return (
      <p data-testid="enroll-sign-in">
        <Trans
          t={t}
          i18nKey="enroll.visitor"
          components={{ signIn: <Link to={to(`/login?${back}`)} />, signUp: <Link to={to('/signup')} /> }}
        />
      </p>
    );
  }
  if (viewer === 'guest') {
    return (
      <p data-testid="enroll-guest">
        <Trans t={t} i18nKey="enroll.guest" components={{ anchor: <Link to={to('/signup')} /> }} />
      </p>
    );
  }
  if (enrollment && ['pending', 'waitlisted', 'approved'].includes(enrollment.status)) {
    return (
      <p>
        <Link className="button button--secondary" to={`${here}?confirm=cancel`} preventScrollReset>
          {t('cancel.button')}
        </Link>
      </p>
    );
  }
  if (enrollment?.status === 'rejected') return null;
  return (
    <Form method="post" action={here}>
      <input type="hidden" name="intent" value="enroll" />
      <SubmitButton isPending={isSubmitting} pendingLabel={t('enroll.pending')}>
        {full ? t('enroll.joinWaitlist') : enrollment?.status === 'cancelled' ? t('enroll.again') : t('enroll.button')}
      </SubmitButton>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={{ 404: () => <ErrorPage status={404} /> }} />;
}
