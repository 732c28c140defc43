// /admin/members/<id>: one account for a support request: its profile (edit with a reason), its
// orders, enrollments and coupons (a used coupon made usable again with a reason), the
// password-reset mail, merging a duplicate account into this one, and deleting the account.
// Destructive actions need a ticked confirmation and a reason; each is one audited RPC, and the
// page comes back with ?done=<what> so a reload never repeats it.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { ErrorPage, GeneralErrorBoundary } from '~/components/error-boundary';
import { EnrollmentStatusBadge } from '~/components/events/enrollment-status';
import { CheckboxField, Field, FormErrors, SelectField, StatusMessage, SubmitButton } from '~/components/forms';
import { formatPersonName } from '~/i18n/format';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { useFormat, useLocalizedPath } from '~/i18n/use-locale';
import {
  deleteAccount,
  getAccount,
  getMemberActivity,
  mergeAccounts,
  requestPasswordReset,
  resetCoupon,
  updateMemberProfile,
  type ProfileChanges,
} from '~/models/admin-members.server';
import { accountIdSchema, reasonSchema } from '~/utils/admin-schemas';
import { describeRpcError, httpStatusOf, type RpcResult } from '~/utils/rpc-errors';
import {
  fixedT,
  pageTitle,
  pageLocale,
  isUuid,
  requireAdmin,
  readFormData,
} from '~/server-deps/admin-member-page.server';

export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  titleMeta(data?.title ?? (isRouteErrorResponse(error) ? (error.data as { title?: string } | null)?.title : undefined), matches);

const PROFILE_FIELDS = ['first_name', 'last_name', 'display_name', 'phone', 'birthday', 'account_type', 'role'] as const;
const DONE = ['profile', 'coupon', 'reset', 'merged'] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers } = await requireAdmin(request, locale);
  const userId = params.userId ?? '';
  const account = isUuid(userId) ? await getAccount(supabase, userId) : null;
  if (!account) throw json({ title: pageTitle(locale, fixedT(locale, 'common')('errorPage.404.title')) }, { status: 404, headers });
  const activity = await getMemberActivity(supabase, userId);
  const name = account.display_name || formatPersonName({ givenName: account.first_name ?? '', familyName: account.last_name ?? '' }, locale) || account.email;
  return json({ account, activity, name, title: pageTitle(locale, fixedT(locale, 'admin')('member.title', { name })) }, { headers });
}

interface Reply {
  intent: string;
  fieldErrors: Record<string, string[]>;
  formError: string | null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = pageLocale(params);
  const t = fixedT(locale, 'admin');
  const errorsT = fixedT(locale, 'errors');
  const { supabase, headers } = await requireAdmin(request, locale);
  const userId = params.userId ?? '';
  if (!isUuid(userId)) throw json(null, { status: 404, headers });
  const formData = await readFormData(request, headers);
  const intent = String(formData.get('intent') ?? '');
  const here = localizedPath(locale, `/admin/members/${userId}`);
  const reply = (status: number, fields: Partial<Reply>) => json<Reply>({ intent, fieldErrors: {}, formError: null, ...fields }, { status, headers });
  const refused = (result: RpcResult<unknown> & { ok: false }) => {
    const status = httpStatusOf(result.error);
    if (status >= 500) console.error(`admin member ${intent} failed`, result.error);
    return reply(status, { formError: describeRpcError(result.error, errorsT) });
  };
  const reason = reasonSchema(t).safeParse(formData.get('reason') ?? '');
  const reasonErrors: Record<string, string[]> = reason.success ? {} : { reason: reason.error.issues.map((issue) => issue.message) };
  const confirmed = formData.get('confirm') === 'yes';

  if (intent === 'profile') {
    const current = await getAccount(supabase, userId);
    if (!current) throw json(null, { status: 404, headers });
    const changes: ProfileChanges = {};
    for (const field of PROFILE_FIELDS) {
      const value = String(formData.get(field) ?? '').trim();
      const before = (current[field] ?? '') as string;
      if (value !== before) changes[field] = value === '' ? null : value;
    }
    if (!reason.success) return reply(400, { fieldErrors: reasonErrors });
    if (Object.keys(changes).length === 0) return reply(400, { formError: t('member.noChange') });
    const result = await updateMemberProfile(supabase, userId, changes, reason.data);
    return result.ok ? redirect(`${here}?done=profile`, { headers }) : refused(result);
  }

  if (intent === 'reset-coupon') {
    if (!reason.success) return reply(400, { fieldErrors: reasonErrors });
    const result = await resetCoupon(supabase, String(formData.get('couponId') ?? ''), reason.data);
    return result.ok ? redirect(`${here}?done=coupon`, { headers }) : refused(result);
  }

  if (intent === 'password-reset') {
    if (!reason.success) return reply(400, { fieldErrors: reasonErrors });
    const result = await requestPasswordReset(supabase, userId, reason.data);
    return result.ok ? redirect(`${here}?done=reset`, { headers }) : refused(result);
  }

  if (intent === 'merge') {
    const other = accountIdSchema(t).safeParse(formData.get('otherUserId') ?? '');
    const fieldErrors = {
      ...reasonErrors,
      ...(other.success ? {} : { otherUserId: other.error.issues.map((issue) => issue.message) }),
      ...(confirmed ? {} : { confirm: [t('member.confirmRequired')] }),
    };
    if (!reason.success || !other.success || !confirmed) return reply(400, { fieldErrors });
    const result = await mergeAccounts(supabase, userId, other.data, reason.data);
    return result.ok ? redirect(`${here}?done=merged`, { headers }) : refused(result);
  }

  if (intent === 'delete') {
    const fieldErrors = { ...reasonErrors, ...(confirmed ? {} : { confirm: [t('member.confirmRequired')] }) };
    if (!reason.success || !confirmed) return reply(400, { fieldErrors });
    const result = await deleteAccount(supabase, userId, reason.data);
    return result.ok ? redirect(`${localizedPath(locale, '/admin/members')}?deleted=1`, { headers }) : refused(result);
  }

  return reply(400, { formError: t('member.unknownIntent') });
}

export default function AdminMember() {
  const { account, activity, name } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const { t } = useTranslation('admin');
  const format = useFormat();
  const to = useLocalizedPath();
  const done = DONE.find((value) => value === searchParams.get('done'));
  const pendingIntent = navigation.state !== 'idle' ? String(navigation.formData?.get('intent') ?? '') : '';
  const replyFor = (intent: string) => (actionData?.intent === intent ? actionData : null);
  const reasonField = (intent: string, id: string) => (
    <Field
      label={t('member.reason')}
      hint={t('member.reasonHint')}
      inputProps={{ name: 'reason', id, required: true, maxLength: 1000 }}
      errors={replyFor(intent)?.fieldErrors.reason}
    />
  );
  const formError = (intent: string) => <FormErrors errors={replyFor(intent)?.formError ? [replyFor(intent)?.formError] : []} />;

  return (
    <section className="container admin-page" aria-labelledby="member-title">
      <p>
        <Link className="back-link" to={to('/admin/members')}>
          <span aria-hidden="true">‹ </span>
          {t('member.allMembers')}
        </Link>
      </p>
      <h1 id="member-title">{t('member.title', { name })}</h1>
      <p>
        {account.email} · <code>{account.user_id}</code>
      </p>
      <StatusMessage>{done ? <p>{t(`member.done.${done}`)}</p> : null}</StatusMessage>

      <section className="admin-card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t('member.profileTitle')}</h2>
        {formError('profile')}
        <Form method="post" className="admin-form" data-testid="profile-form">
          <input type="hidden" name="intent" value="profile" />
          <Field label={t('member.firstName')} inputProps={{ name: 'first_name', defaultValue: account.first_name ?? '', maxLength: 80 }} />
          <Field label={t('member.lastName')} inputProps={{ name: 'last_name', defaultValue: account.last_name ?? '', maxLength: 80 }} />
          <Field label={t('member.displayName')} inputProps={{ name: 'display_name', defaultValue: account.display_name ?? '', maxLength: 80 }} />
          <Field label={t('member.phone')} hint={t('member.phoneHint')} inputProps={{ name: 'phone', type: 'tel', defaultValue: account.phone ?? '', maxLength: 32 }} />
          <Field label={t('member.birthday')} inputProps={{ name: 'birthday', type: 'date', defaultValue: account.birthday ?? '' }} />
          <SelectField
            label={t('member.accountType')}
            selectProps={{ name: 'account_type', defaultValue: account.account_type ?? 'personal' }}
            options={[{ value: 'personal', label: t('member.personal') }, { value: 'business', label: t('member.business') }]}
          />
          <SelectField
            label={t('member.role')}
            selectProps={{ name: 'role', defaultValue: account.role ?? 'consumer' }}
            options={[{ value: 'consumer', label: t('member.consumer') }, { value: 'admin', label: t('member.admin') }]}
          />
          {reasonField('profile', 'profile-reason')}
          <SubmitButton isPending={pendingIntent === 'profile'} pendingLabel={t('member.saving')}>
            {t('member.save')}
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="enrollments-title">
        <h2 id="enrollments-title">{t('member.enrollmentsTitle')}</h2>
        {formError('reset-coupon')}
        {activity.enrollments.length === 0 ? (
          <p>{t('member.noEnrollments')}</p>
        ) : (
          <ul className="admin-enrollments">
            {activity.enrollments.map((enrollment) => (
              <li key={enrollment.id} className="admin-enrollment" data-testid="member-enrollment" data-event={enrollment.eventId}>
                <p>
                  <Link to={to(`/admin/events/${enrollment.eventId}`)}>{enrollment.eventName ?? enrollment.eventId}</Link>
                  {enrollment.startsAt ? <> · {format.dateTime(enrollment.startsAt, 'date')}</> : null} · <EnrollmentStatusBadge status={enrollment.status} />
                </p>
                {enrollment.coupon ? (
                  <p>
                    <code>{enrollment.coupon.code}</code> ·{' '}
                    {enrollment.coupon.usedAt
                      ? t('member.couponUsedAt', { date: format.dateTime(enrollment.coupon.usedAt, 'dateTime') })
                      : enrollment.coupon.voidedAt
                        ? t('member.couponVoid')
                        : t('member.couponUsable')}
                  </p>
                ) : null}
                {enrollment.coupon?.usedAt && !enrollment.coupon.voidedAt ? (
                  <Form method="post" className="admin-form">
                    <input type="hidden" name="intent" value="reset-coupon" />
                    <input type="hidden" name="couponId" value={enrollment.coupon.id} />
                    {reasonField('reset-coupon', `coupon-reason-${enrollment.coupon.id}`)}
                    <button type="submit" className="button button--small">
                      {t('member.resetCoupon')}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="orders-title">
        <h2 id="orders-title">{t('member.ordersTitle')}</h2>
        {activity.orders.length === 0 ? (
          <p>{t('member.noOrders')}</p>
        ) : (
          <ul>
            {activity.orders.map((order) => (
              <li key={order.id}>
                {t('member.orderNumber', { number: order.order_number })} · {order.status} · {format.money(order.grand_total)} · {format.dateTime(order.created_at, 'date')}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="admin-card" aria-labelledby="password-title">
        <h2 id="password-title">{t('member.passwordTitle')}</h2>
        <p>{t('member.passwordLead')}</p>
        {formError('password-reset')}
        <Form method="post" className="admin-form">
          <input type="hidden" name="intent" value="password-reset" />
          {reasonField('password-reset', 'reset-reason')}
          <SubmitButton isPending={pendingIntent === 'password-reset'} pendingLabel={t('member.saving')}>
            {t('member.sendReset')}
          </SubmitButton>
        </Form>
      </section>

      <section className="admin-card admin-card--danger" aria-labelledby="merge-title">
        <h2 id="merge-title">{t('member.mergeTitle')}</h2>
        <p>{t('member.mergeLead')}</p>
        {formError('merge')}
        <Form method="post" className="admin-form">
          <input type="hidden" name="intent" value="merge" />
          <Field
            label={t('member.mergeOther')}
            inputProps={{ name: 'otherUserId', required: true, autoComplete: 'off', spellCheck: false }}
            errors={replyFor('merge')?.fieldErrors.otherUserId}
          />
          {reasonField('merge', 'merge-reason')}
          <CheckboxField label={t('member.mergeConfirm')} inputProps={{ name: 'confirm', value: 'yes', id: 'merge-confirm' }} errors={replyFor('merge')?.fieldErrors.confirm} />
          <SubmitButton isPending={pendingIntent === 'merge'} pendingLabel={t('member.saving')}>
            {t('member.merge')}
          </SubmitButton>
        </Form>
      </section>

      <section className="admin-card admin-card--danger" aria-labelledby="delete-title">
        <h2 id="delete-title">{t('member.deleteTitle')}</h2>
        <p>{t('member.deleteLead')}</p>
        {formError('delete')}
        <Form method="post" className="admin-form">
          <input type="hidden" name="intent" value="delete" />
          {reasonField('delete', 'delete-reason')}
          <CheckboxField label={t('member.deleteConfirm')} inputProps={{ name: 'confirm', value: 'yes', id: 'delete-confirm' }} errors={replyFor('delete')?.fieldErrors.confirm} />
          <SubmitButton isPending={pendingIntent === 'delete'} pendingLabel={t('member.saving')}>
            {t('member.delete')}
          </SubmitButton>
        </Form>
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={{ 404: () => <ErrorPage status={404} /> }} />;
}
