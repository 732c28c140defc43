// /admin/events/<id>: one event's enrollments in line order, filtered by status (?status=), each
// with the operator's actions: approve; mark paid (reference + reason), reject or cancel (with a
// reason) behind a disclosure; and enrolling a member who paid but is not enrolled. Each action
// is one RPC; the page comes back with ?done=<what> so a reload never repeats it.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from '~/i18n/react';
import { ErrorPage, GeneralErrorBoundary } from '~/components/error-boundary';
import { EnrollmentStatusBadge } from '~/components/events/enrollment-status';
import { Field, FormErrors, StatusMessage } from '~/components/forms';
import { formatPersonName } from '~/i18n/format';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { useFormat, useLocale, useLocalizedPath } from '~/i18n/use-locale';
import {
  approveEnrollment,
  cancelEnrollmentAsStaff,
  createEnrollmentFor,
  getAdminEvent,
  isUuid,
  listEventEnrollments,
  markEnrollmentPaid,
  rejectEnrollment,
  type AdminEnrollmentRow,
  type EnrollmentStatus,
} from '~/models/admin-events.server';
import { accountIdSchema, paymentReferenceSchema, reasonSchema } from '~/utils/admin-schemas';
import { describeRpcError, httpStatusOf, type RpcResult } from '~/utils/rpc-errors';
import {
  fixedT,
  pageTitle,
  pageLocale,
  requireAdmin,
  readFormData,
} from '~/server-deps/admin-event-page.server';

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  titleMeta(data?.title ?? (isRouteErrorResponse(error) ? (error.data as { title?: string } | null)?.title : undefined), matches);

const STATUSES: EnrollmentStatus[] = ['pending', 'waitlisted', 'approved', 'rejected', 'cancelled'];
const DONE = ['approved', 'rejected', 'cancelled', 'paid', 'created'] as const;
type Done = (typeof DONE)[number];

function statusFilter(url: URL): EnrollmentStatus | null {
  const value = url.searchParams.get('status');
  return STATUSES.find((status) => status === value) ?? null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers } = await requireAdmin(request, locale);
  const event = await getAdminEvent(supabase, params.eventId ?? '');
  if (!event) throw json({ title: pageTitle(locale, fixedT(locale, 'common')('errorPage.404.title')) }, { status: 404, headers });
  const status = statusFilter(new URL(request.url));
  const enrollments = await listEventEnrollments(supabase, event.id, status);
  const t = fixedT(locale, 'admin');
  return json({ event, enrollments, status, title: pageTitle(locale, t('event.title', { name: event.name })) }, { headers });
}

interface ActionReply {
  enrollmentId: string | null;
  intent: string;
  fieldErrors: Record<string, string[]>;
  formError: string | null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = pageLocale(params);
  const t = fixedT(locale, 'admin');
  const errorsT = fixedT(locale, 'errors');
  const { supabase, headers } = await requireAdmin(request, locale);
  const eventId = params.eventId ?? '';
  if (!isUuid(eventId)) throw json(null, { status: 404, headers });
  const formData = await readFormData(request, headers);
  const intent = String(formData.get('intent') ?? '');
  const enrollmentId = String(formData.get('enrollmentId') ?? '');
  const reply = (status: number, fields: Partial<ActionReply>) =>
    json<ActionReply>({ enrollmentId: isUuid(enrollmentId) ? enrollmentId : null, intent, fieldErrors: {}, formError: null, ...fields }, { status, headers });

  const done = async (result: RpcResult<unknown>, what: Done) => {
    if (!result.ok) {
      const status = httpStatusOf(result.error);
      if (status >= 500) console.error(`admin ${intent} failed`, result.error);
      return reply(status, { formError: describeRpcError(result.error, errorsT) });
    }
    const back = new URL(request.url);
    back.searchParams.set('done', what);
    return redirect(`${localizedPath(locale, `/admin/events/${eventId}`)}${back.search}`, { headers });
  };

  if (intent === 'create') {
    const member = accountIdSchema(t).safeParse(formData.get('userId') ?? '');
    const reason = reasonSchema(t).safeParse(formData.get('reason') ?? '');
    if (!member.success || !reason.success) {
      return reply(400, {
        fieldErrors: {
          ...(member.success ? {} : { userId: member.error.issues.map((issue) => issue.message) }),
          ...(reason.success ? {} : { reason: reason.error.issues.map((issue) => issue.message) }),
        },
      });
    }
    return done(await createEnrollmentFor(supabase, member.data, eventId, reason.data), 'created');
  }

  if (!isUuid(enrollmentId)) return reply(400, { formError: t('event.unknownIntent') });
  if (intent === 'approve') return done(await approveEnrollment(supabase, enrollmentId), 'approved');

  if (intent === 'mark-paid') {
    const reference = paymentReferenceSchema(t).safeParse(formData.get('reference') ?? '');
    const reason = reasonSchema(t).safeParse(formData.get('reason') ?? '');
    if (!reference.success || !reason.success) {
      return reply(400, {
        fieldErrors: {
          ...(reference.success ? {} : { reference: reference.error.issues.map((issue) => issue.message) }),
          ...(reason.success ? {} : { reason: reason.error.issues.map((issue) => issue.message) }),
        },
      });
    }
    return done(await markEnrollmentPaid(supabase, enrollmentId, reference.data, reason.data), 'paid');
  }

  if (intent === 'reject' || intent === 'cancel') {
    const reason = reasonSchema(t).safeParse(formData.get('reason') ?? '');
    if (!reason.success) return reply(400, { fieldErrors: { reason: reason.error.issues.map((issue) => issue.message) } });
    return intent === 'reject'
      ? done(await rejectEnrollment(supabase, enrollmentId, reason.data), 'rejected')
      : done(await cancelEnrollmentAsStaff(supabase, enrollmentId, reason.data), 'cancelled');
  }

  return reply(400, { formError: t('event.unknownIntent') });
}

export default function AdminEventEnrollments() {
  const { event, enrollments, status } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation('admin');
  const to = useLocalizedPath();
  const done = DONE.find((value) => value === searchParams.get('done'));
  const createErrors = actionData && actionData.enrollmentId === null ? actionData : null;

  return (
    <section className="container admin-page" aria-labelledby="admin-event-title">
      <p>
        <Link className="back-link" to={to('/admin/events')}>
          <span aria-hidden="true">‹ </span>
          {t('event.allEvents')}
        </Link>{' '}
        · <Link to={to(`/events/${event.slug}`)}>{t('event.publicPage')}</Link>
      </p>
      <h1 id="admin-event-title">{t('event.title', { name: event.name })}</h1>
      <StatusMessage>{done ? <p>{t(`event.done.${done}`)}</p> : null}</StatusMessage>

      <Form method="get" className="admin-filter">
        <label htmlFor="status-filter">{t('event.filterLabel')}</label>
        <select id="status-filter" name="status" defaultValue={status ?? ''}>
          <option value="">{t('event.filterAll')}</option>
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--small">
          {t('event.filter')}
        </button>
      </Form>

      {enrollments.length === 0 ? (
        <p>{t('event.none')}</p>
      ) : (
        <ul className="admin-enrollments">
          {enrollments.map((enrollment) => (
            <li key={enrollment.id}>
              <EnrollmentRow enrollment={enrollment} reply={actionData?.enrollmentId === enrollment.id ? actionData : null} fee={event.fee} />
            </li>
          ))}
        </ul>
      )}

      <section className="admin-card" aria-labelledby="create-title">
        <h2 id="create-title">{t('event.createTitle')}</h2>
        <FormErrors errors={createErrors?.formError ? [createErrors.formError] : []} />
        <Form method="post" className="admin-form">
          <input type="hidden" name="intent" value="create" />
          <Field
            label={t('event.createMember')}
            hint={t('event.createMemberHint')}
            inputProps={{ name: 'userId', required: true, autoComplete: 'off', spellCheck: false }}
            errors={createErrors?.fieldErrors.userId}
          />
          <Field label={t('event.reason')} hint={t('event.reasonHint')} inputProps={{ name: 'reason', required: true, maxLength: 1000 }} errors={createErrors?.fieldErrors.reason} />
          <button type="submit" className="button">
            {t('event.create')}
          </button>
        </Form>
      </section>
    </section>
  );
}

function EnrollmentRow({ enrollment, reply, fee }: { enrollment: AdminEnrollmentRow; reply: ActionReply | null; fee: number | null }) {
  const { t } = useTranslation('admin');
  const locale = useLocale();
  const format = useFormat();
  const navigation = useNavigation();
  const errorRef = useRef<HTMLDivElement>(null);
  const busy = navigation.state !== 'idle' && navigation.formData?.get('enrollmentId') === enrollment.id;
  useEffect(() => {
    if (reply?.formError) errorRef.current?.focus();
  }, [reply]);
  const name = enrollment.member
    ? enrollment.member.displayName ?? formatPersonName({ givenName: enrollment.member.firstName ?? '', familyName: enrollment.member.lastName ?? '' }, locale)
    : t('event.unknownMember');
  const live = enrollment.status === 'pending' || enrollment.status === 'waitlisted' || enrollment.status === 'approved';
  const canApprove = enrollment.status === 'pending' && enrollment.paymentStatus !== 'awaiting';
  const canMarkPaid = enrollment.paymentStatus === 'awaiting' && (enrollment.status === 'pending' || enrollment.status === 'waitlisted');

  return (
    <article className="admin-enrollment" data-testid="admin-enrollment" data-enrollment={enrollment.id} data-status={enrollment.status} aria-label={name}>
      <div className="admin-enrollment__summary">
        <strong>{name}</strong>
        {enrollment.member?.phone ? <span className="muted"> · {enrollment.member.phone}</span> : null}
        <span> · </span>
        <EnrollmentStatusBadge status={enrollment.status} />
        <span> · </span>
        <span data-testid="admin-payment">
          {enrollment.paymentStatus === 'paid'
            ? t('event.paymentPaid', { reference: enrollment.paymentReference ?? '' })
            : enrollment.paymentStatus === 'awaiting' && fee !== null
              ? `${t('event.paymentAwaiting')} (${format.money(fee)})`
              : t('event.paymentNotRequired')}
        </span>
        {enrollment.couponCode ? (
          <span>
            {' '}
            · {t('event.coupon')} <code>{enrollment.couponCode}</code>
            {enrollment.couponUsedAt ? ` (${t('event.couponUsed', { date: format.dateTime(enrollment.couponUsedAt, 'dateTime') })})` : null}
          </span>
        ) : null}
        {enrollment.reason ? <p className="muted">{enrollment.reason}</p> : null}
      </div>
      <div ref={errorRef} tabIndex={-1} role="alert" className={reply?.formError ? 'form-errors' : undefined}>
        {reply?.formError ? <p>{reply.formError}</p> : null}
      </div>
      {live ? (
        <div className="admin-enrollment__actions">
          {canApprove ? (
            <Form method="post">
              <input type="hidden" name="intent" value="approve" />
              <input type="hidden" name="enrollmentId" value={enrollment.id} />
              <button type="submit" className="button button--small" aria-disabled={busy || undefined}>
                {busy && navigation.formData?.get('intent') === 'approve' ? t('event.approving') : t('event.approve')}
              </button>
            </Form>
          ) : null}
          <details open={Boolean(reply && (reply.formError || Object.keys(reply.fieldErrors).length > 0))}>
            <summary>{t('event.moreActions')}</summary>
            {canMarkPaid ? (
              <Form method="post" className="admin-form">
                <input type="hidden" name="intent" value="mark-paid" />
                <input type="hidden" name="enrollmentId" value={enrollment.id} />
                <Field label={t('event.reference')} hint={t('event.referenceHint')} inputProps={{ name: 'reference', required: true, maxLength: 200, id: `reference-${enrollment.id}` }} errors={reply?.fieldErrors.reference} />
                <Field label={t('event.reason')} inputProps={{ name: 'reason', required: true, maxLength: 1000, id: `paid-reason-${enrollment.id}` }} errors={reply?.intent === 'mark-paid' ? reply.fieldErrors.reason : undefined} />
                <button type="submit" className="button button--small">
                  {t('event.markPaid')}
                </button>
              </Form>
            ) : null}
            <Form method="post" className="admin-form">
              <input type="hidden" name="enrollmentId" value={enrollment.id} />
              <Field
                label={t('event.reason')}
                hint={t('event.reasonHint')}
                inputProps={{ name: 'reason', required: true, maxLength: 1000, id: `reason-${enrollment.id}` }}
                errors={reply?.intent === 'reject' || reply?.intent === 'cancel' ? reply.fieldErrors.reason : undefined}
              />
              <div className="admin-form__buttons">
                <button type="submit" name="intent" value="reject" className="button button--small button--secondary">
                  {t('event.reject')}
                </button>
                <button type="submit" name="intent" value="cancel" className="button button--small button--secondary">
                  {t('event.cancel')}
                </button>
              </div>
            </Form>
          </details>
        </div>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={{ 404: () => <ErrorPage status={404} /> }} />;
}
