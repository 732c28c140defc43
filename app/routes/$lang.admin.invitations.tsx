// /admin/invitations: the signup mode (open or invite-only), new invite codes (generated, with
// optional use limit, expiry and note), and every code with its use, disabled or enabled with a
// reason. Each change is one audited RPC.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Field, FormErrors, SelectField, StatusMessage } from '~/components/forms';
import { fixedT } from '~/i18n/i18n.server';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useFormat } from '~/i18n/use-locale';
import { isUuid } from '~/models/admin-events.server';
import { createInvitations, getSignupMode, listInvitations, setInvitationActive, setSignupMode } from '~/models/admin-shop.server';
import { reasonSchema } from '~/utils/admin-schemas';
import { requireAdmin } from '~/utils/admin.server';
import { readFormData } from '~/utils/form-data.server';
import { describeRpcError, httpStatusOf, type RpcResult } from '~/utils/rpc-errors';
import { z } from '~/utils/zod';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

const DONE = ['created', 'toggled', 'mode'] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers } = await requireAdmin(request, locale);
  const [invitations, mode] = await Promise.all([listInvitations(supabase), getSignupMode(supabase)]);
  return json({ invitations, mode, title: pageTitle(locale, fixedT(locale, 'admin')('invitations.title')) }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = pageLocale(params);
  const t = fixedT(locale, 'admin');
  const { supabase, headers } = await requireAdmin(request, locale);
  const formData = await readFormData(request, headers);
  const intent = String(formData.get('intent') ?? '');
  const target = String(formData.get('invitationId') ?? '');
  const reason = reasonSchema(t).safeParse(formData.get('reason') ?? '');
  const reply = (status: number, error: string | null, fieldErrors: Record<string, string[]> = {}) =>
    json({ intent, target, error, fieldErrors }, { status, headers });
  const finish = (result: RpcResult<unknown>, done: (typeof DONE)[number]) => {
    if (result.ok) return redirect(`${localizedPath(locale, '/admin/invitations')}?done=${done}`, { headers });
    const status = httpStatusOf(result.error);
    if (status >= 500) console.error(`admin invitations ${intent} failed`, result.error);
    return reply(status, describeRpcError(result.error, fixedT(locale, 'errors')));
  };
  if (!reason.success) return reply(400, null, { reason: reason.error.issues.map((issue) => issue.message) });

  if (intent === 'mode') {
    const mode = String(formData.get('mode') ?? '');
    return finish(await setSignupMode(supabase, mode, reason.data), 'mode');
  }
  if (intent === 'create') {
    const count = z.coerce.number().int().min(1).max(100).safeParse(formData.get('count') || undefined);
    const maxUsesText = String(formData.get('maxUses') ?? '').trim();
    const maxUses = maxUsesText === '' ? { success: true as const, data: null } : z.coerce.number().int().min(1).max(1_000_000).safeParse(maxUsesText);
    if (!count.success || !maxUses.success) {
      return reply(400, null, {
        ...(count.success ? {} : { count: [t('invitations.invalidCount')] }),
        ...(maxUses.success ? {} : { maxUses: [t('invitations.invalidUses')] }),
      });
    }
    const expires = String(formData.get('expiresAt') ?? '').trim();
    const note = String(formData.get('note') ?? '').trim().slice(0, 200);
    return finish(
      await createInvitations(supabase, {
        count: count.data,
        maxUses: maxUses.data,
        expiresAt: /^\d{4}-\d{2}-\d{2}$/.test(expires) ? `${expires}T23:59:59Z` : null,
        note: note || null,
        reason: reason.data,
      }),
      'created',
    );
  }
  if ((intent === 'disable' || intent === 'enable') && isUuid(target)) {
    return finish(await setInvitationActive(supabase, target, intent === 'enable', reason.data), 'toggled');
  }
  return reply(400, t('member.unknownIntent'));
}

export default function AdminInvitations() {
  const { invitations, mode } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation('admin');
  const format = useFormat();
  const done = DONE.find((value) => value === searchParams.get('done'));
  const errorsFor = (intent: string, target = '') => (actionData && actionData.intent === intent && actionData.target === target ? actionData : null);
  const reasonField = (intent: string, id: string, target = '') => (
    <Field label={t('invitations.reason')} inputProps={{ name: 'reason', id, required: true, maxLength: 1000 }} errors={errorsFor(intent, target)?.fieldErrors.reason} />
  );
  return (
    <section className="container admin-page" aria-labelledby="invitations-title">
      <h1 id="invitations-title">{t('invitations.title')}</h1>
      <p>{t('invitations.lead')}</p>
      <StatusMessage>{done ? <p>{t(`invitations.done.${done}`)}</p> : null}</StatusMessage>

      <section className="admin-card" aria-labelledby="mode-title">
        <h2 id="mode-title">{t('invitations.modeTitle')}</h2>
        <FormErrors errors={errorsFor('mode')?.error ? [errorsFor('mode')?.error] : []} />
        <Form method="post" className="admin-form">
          <input type="hidden" name="intent" value="mode" />
          <SelectField
            label={t('invitations.mode')}
            selectProps={{ name: 'mode', defaultValue: mode, id: 'signup-mode' }}
            options={[{ value: 'open', label: t('invitations.modeOpen') }, { value: 'invite_only', label: t('invitations.modeInviteOnly') }]}
          />
          {reasonField('mode', 'mode-reason')}
          <button type="submit" className="button button--small">
            {t('invitations.saveMode')}
          </button>
        </Form>
      </section>

      <section className="admin-card" aria-labelledby="create-codes-title">
        <h2 id="create-codes-title">{t('invitations.createTitle')}</h2>
        <FormErrors errors={errorsFor('create')?.error ? [errorsFor('create')?.error] : []} />
        <Form method="post" className="admin-form">
          <input type="hidden" name="intent" value="create" />
          <Field label={t('invitations.count')} inputProps={{ name: 'count', type: 'number', min: 1, max: 100, defaultValue: 1, required: true }} errors={errorsFor('create')?.fieldErrors.count} />
          <Field label={t('invitations.maxUses')} inputProps={{ name: 'maxUses', type: 'number', min: 1 }} errors={errorsFor('create')?.fieldErrors.maxUses} />
          <Field label={t('invitations.expiresAt')} inputProps={{ name: 'expiresAt', type: 'date' }} />
          <Field label={t('invitations.note')} inputProps={{ name: 'note', maxLength: 200 }} />
          {reasonField('create', 'create-reason')}
          <button type="submit" className="button button--small">
            {t('invitations.create')}
          </button>
        </Form>
      </section>

      <ul className="admin-enrollments">
        {invitations.map((invitation) => {
          const intent = invitation.active ? 'disable' : 'enable';
          const reply = errorsFor(intent, invitation.id);
          return (
            <li key={invitation.id} className="admin-enrollment" data-testid="admin-invitation" data-code={invitation.code}>
              <p>
                <code>{invitation.code}</code> · {invitation.active ? t('invitations.active') : t('invitations.inactive')} · {t('invitations.uses')}: {invitation.use_count}
                {invitation.max_uses !== null ? ` / ${invitation.max_uses}` : ''}
                {invitation.expires_at ? ` · ${t('invitations.expires')} ${format.dateTime(invitation.expires_at, 'date')}` : ''}
                {invitation.note ? ` · ${invitation.note}` : ''}
              </p>
              <FormErrors errors={reply?.error ? [reply.error] : []} />
              <Form method="post" className="admin-form admin-form--inline">
                <input type="hidden" name="intent" value={intent} />
                <input type="hidden" name="invitationId" value={invitation.id} />
                {reasonField(intent, `invitation-reason-${invitation.id}`, invitation.id)}
                <button type="submit" className="button button--small button--secondary">
                  {invitation.active ? t('invitations.disable') : t('invitations.enable')}
                </button>
              </Form>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
