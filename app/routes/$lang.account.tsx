// The signed-in person's account: their details (profile), a new password, redeeming an invite
// code (in invite-only mode, for an account that is not a member yet, e.g. one made by a LINE or
// Kakao sign-in), and the way to delete the account. The forms post here, told apart by
// `intent`; each redirects back with a `saved` flag on success so a reload never re-posts and the
// message survives without JavaScript. The forms are checked on the server only (form-reply.tsx):
// the page loads no zod or conform code.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import type { ReactElement } from 'react';
import { useTranslation } from '~/i18n/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Field, FormErrors, StatusMessage, SubmitButton } from '~/components/forms';
import { asFormReply, ErrorSummary, fieldErrors, fieldId, fieldValue, formLevelErrors, type FormReply } from '~/components/form-reply';
import { asksFamilyNameFirst } from '~/i18n/format';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { useFormat, useLocale, useLocalizedPath } from '~/i18n/use-locale';
import accountStylesHref from '~/styles/account.css';
import { mapAuthError } from '~/utils/auth-errors';
import { describeInvitationReason, toFormErrors } from '~/utils/rpc-errors';
import { INVITE_CODE_MAX_LENGTH, NAME_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '~/utils/account-rules';
import { ProfileDetailFields } from '~/components/profile-detail-fields';
import { canRedeemInvitation } from '~/utils/membership';
import {
  fixedT,
  pageTitle,
  pageLocale,
  redeemInvitation,
  getOwnProfile,
  updateOwnProfile,
  getSignupMode,
  parseNewPasswordForm,
  parseProfileForm,
  parseRedeemForm,
  requireUser,
  readFormData,
} from '~/server-deps/account-page.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountStylesHref }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request);
  const locale = pageLocale(params);
  const [profile, mode] = await Promise.all([getOwnProfile(supabase, user.id), getSignupMode(supabase)]);
  const offersRedeem = canRedeemInvitation({
    mode,
    invitationId: profile?.invitation_id,
    role: profile?.role,
    inviteExempt: user.inviteExempt,
  });
  return json(
    { email: user.email, profile, offersRedeem, title: pageTitle(locale, fixedT(locale, 'account')('accountPage.title')) },
    { headers },
  );
}

type Intent = 'update-profile' | 'change-password' | 'redeem-invitation';
const SAVED_FLAGS = ['profile', 'password', 'invitation'] as const;

/** Pending for this one form: both forms post to /account, so tell them apart by intent. */
function useIsSubmittingIntent(intent: Intent): boolean {
  const navigation = useNavigation();
  return navigation.state !== 'idle' && navigation.formMethod === 'POST' && navigation.formData?.get('intent') === intent;
}

interface AccountReply {
  intent: Intent;
  result: FormReply;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request);
  const locale = pageLocale(params);
  const t = fixedT(locale, 'account');
  const formData = await readFormData(request, headers);
  const intent = formData.get('intent');
  const reply = (body: AccountReply, status = 400) => json(body, { status, headers });

  try {
    if (intent === 'change-password') {
      const hidden = { hideFields: ['password', 'confirmPassword'] };
      const submission = parseNewPasswordForm(formData, locale);
      if (submission.status !== 'success') return reply({ intent, result: submission.reply(hidden) });
      const { error } = await supabase.auth.updateUser({ password: submission.value.password });
      if (error) {
        if (!error.status || error.status >= 500) console.error('account: password change failed', error);
        return reply({ intent, result: submission.reply({ ...mapAuthError(error, t), ...hidden }) });
      }
      return redirect(localizedPath(locale, '/account?saved=password'), { headers });
    }

    if (intent === 'redeem-invitation') {
      const submission = parseRedeemForm(formData, locale);
      if (submission.status !== 'success') return reply({ intent, result: submission.reply() });
      const redeemed = await redeemInvitation(supabase, submission.value.inviteCode);
      const tErrors = fixedT(locale, 'errors');
      if (!redeemed.ok) return reply({ intent, result: submission.reply(toFormErrors(redeemed.error, tErrors)) });
      if (!redeemed.data.redeemed) {
        const message = describeInvitationReason(redeemed.data.reason, tErrors);
        return reply({ intent, result: submission.reply({ fieldErrors: { inviteCode: [message] } }) });
      }
      return redirect(localizedPath(locale, '/account?saved=invitation'), { headers });
    }

    const submission = parseProfileForm(formData, locale);
    if (submission.status !== 'success') return reply({ intent: 'update-profile', result: submission.reply() });
    const saved = await updateOwnProfile(supabase, user.id, submission.value);
    if (!saved.ok) {
      console.error('account: profile update failed', saved.error);
      return reply({ intent: 'update-profile', result: submission.reply(toFormErrors(saved.error, fixedT(locale, 'errors'))) });
    }
    return redirect(localizedPath(locale, '/account?saved=profile'), { headers });
  } catch (error) {
    console.error('account: unexpected failure', error);
    const failed: Intent = intent === 'change-password' || intent === 'redeem-invitation' ? intent : 'update-profile';
    return reply({ intent: failed, result: { status: 'error', error: { '': [t('authErrors.unexpected')] } } }, 500);
  }
}

export default function AccountPage() {
  const { email, profile, offersRedeem } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation('account');
  const locale = useLocale();
  const to = useLocalizedPath();
  const format = useFormat();
  const saved = searchParams.get('saved');
  const savedFlag = SAVED_FLAGS.find((flag) => flag === saved);
  const savedMessage = savedFlag ? t(`accountPage.saved.${savedFlag}`) : null;
  const resultFor = (intent: Intent) => (actionData?.intent === intent ? asFormReply(actionData.result) : undefined);
  const name = profile ? format.personName({ givenName: profile.first_name, familyName: profile.last_name }) : '';

  return (
    <section className="container account-page" aria-labelledby="account-title">
      <h1 id="account-title">{t('accountPage.title')}</h1>
      <StatusMessage>{savedMessage}</StatusMessage>
      <dl className="details">
        {name ? (
          <div>
            <dt>{t('accountPage.name')}</dt>
            <dd data-testid="account-name">{name}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('fields.email')}</dt>
          <dd data-testid="account-email">{email ?? t('accountPage.noEmail')}</dd>
        </div>
        {profile?.birthday ? (
          <div>
            <dt>{t('accountPage.birthday')}</dt>
            <dd>
              {/* One date format everywhere a birthday is typed or shown: ISO yyyy-mm-dd, as the date input takes it. */}
              <time dateTime={profile.birthday}>{profile.birthday}</time>
            </dd>
          </div>
        ) : null}
      </dl>
      <Form method="post" action="/logout">
        <input type="hidden" name="lang" value={locale} />
        <button type="submit" className="button button--outline">
          {t('accountPage.signOut')}
        </button>
      </Form>

      {offersRedeem ? <RedeemInvitationSection reply={resultFor('redeem-invitation')} /> : null}
      <ProfileSection profile={profile} reply={resultFor('update-profile')} />
      <PasswordSection reply={resultFor('change-password')} />

      <section className="account-section" aria-labelledby="export-title">
        <h2 id="export-title">{t('accountPage.export.title')}</h2>
        <p>{t('accountPage.export.body')}</p>
        {/* A file download, not a page: reloadDocument lets the browser save it. */}
        <Link className="button button--outline" to="/account/export" reloadDocument download>
          {t('accountPage.export.download')}
        </Link>
      </section>

      <section className="account-section account-section--danger" aria-labelledby="delete-title">
        <h2 id="delete-title">{t('accountPage.delete.title')}</h2>
        <p>{t('accountPage.delete.body')}</p>
        <Link className="button button--outline" to={to('/account/delete')}>
          {t('accountPage.delete.link')}
        </Link>
      </section>
    </section>
  );
}

type OwnProfile = ReturnType<typeof useLoaderData<typeof loader>>['profile'];

function ProfileSection({ profile, reply }: { profile: OwnProfile; reply: FormReply | undefined }) {
  const { t } = useTranslation('account');
  const locale = useLocale();
  const isPending = useIsSubmittingIntent('update-profile');
  const formId = 'profile-form';
  const saved: Record<string, string> = {
    firstName: profile?.first_name ?? '',
    lastName: profile?.last_name ?? '',
    displayName: profile?.display_name ?? '',
    phone: profile?.phone ?? '',
    birthday: profile?.birthday ?? '',
    accountType: profile?.account_type ?? 'personal',
  };
  // After a refused save (a new page without JavaScript) the form shows what was typed.
  const valueOf = (name: string) => (reply ? (fieldValue(reply, name) ?? '') : saved[name]);
  const input = (name: string, type: string, autoComplete: string) => ({ id: fieldId(formId, name), name, type, autoComplete, defaultValue: valueOf(name) });
  const label: Record<string, string> = {
    firstName: t('fields.firstName'),
    lastName: t('fields.lastName'),
    displayName: t('fields.displayName'),
    phone: t('fields.phone'),
    birthday: t('fields.birthday'),
    accountType: t('fields.accountType'),
  };
  // Korean and Chinese ask for the family name first.
  const nameOrder = asksFamilyNameFirst(locale) ? ['lastName', 'firstName'] : ['firstName', 'lastName'];
  const nameFields: ReactElement[] = nameOrder.map((name) => (
    <Field
      key={name}
      label={label[name]}
      inputProps={{ ...input(name, 'text', name === 'firstName' ? 'given-name' : 'family-name'), maxLength: NAME_MAX_LENGTH }}
      errors={fieldErrors(reply, name)}
    />
  ));
  return (
    <section className="account-section" aria-labelledby="profile-title">
      <h2 id="profile-title">{t('accountPage.profile.title')}</h2>
      <Form method="post" className="stack-form" id={formId} noValidate>
        <input type="hidden" name="intent" value="update-profile" />
        <ErrorSummary
          reply={reply}
          formId={formId}
          title={t('accountPage.summaryTitle')}
          fields={[...nameOrder, 'displayName', 'phone', 'birthday', 'accountType'].map((name) => ({ name, label: label[name] }))}
        />
        <div className="field-row">{nameFields}</div>
        <Field
          label={label.displayName}
          hint={t('hints.displayName')}
          inputProps={{ ...input('displayName', 'text', 'nickname'), maxLength: NAME_MAX_LENGTH }}
          errors={fieldErrors(reply, 'displayName')}
        />
        <ProfileDetailFields formId={formId} reply={reply} input={input} accountType={valueOf('accountType') || 'personal'} />
        <div className="form-actions">
          <SubmitButton isPending={isPending} pendingLabel={t('shared.saving')}>
            {t('accountPage.profile.submit')}
          </SubmitButton>
        </div>
      </Form>
    </section>
  );
}

/** Anchored (#redeem) so the event page's "redeem an invite code" link lands on it. */
function RedeemInvitationSection({ reply }: { reply: FormReply | undefined }) {
  const { t } = useTranslation('account');
  const isPending = useIsSubmittingIntent('redeem-invitation');
  const formId = 'redeem-form';
  return (
    <section className="account-section" id="redeem" aria-labelledby="redeem-title">
      <h2 id="redeem-title">{t('accountPage.redeem.title')}</h2>
      <p>{t('accountPage.redeem.body')}</p>
      <Form method="post" className="stack-form" id={formId} noValidate>
        <input type="hidden" name="intent" value="redeem-invitation" />
        <FormErrors errors={formLevelErrors(reply)} />
        <Field
          label={t('fields.inviteCode')}
          inputProps={{
            id: fieldId(formId, 'inviteCode'),
            name: 'inviteCode',
            type: 'text',
            required: true,
            defaultValue: fieldValue(reply, 'inviteCode') ?? '',
            autoComplete: 'off',
            autoCapitalize: 'characters',
            spellCheck: false,
            maxLength: INVITE_CODE_MAX_LENGTH,
            ...(fieldErrors(reply, 'inviteCode') ? { autoFocus: true } : {}),
          }}
          errors={fieldErrors(reply, 'inviteCode')}
        />
        <div className="form-actions">
          <SubmitButton isPending={isPending} pendingLabel={t('accountPage.redeem.pending')}>
            {t('accountPage.redeem.submit')}
          </SubmitButton>
        </div>
      </Form>
    </section>
  );
}

function PasswordSection({ reply }: { reply: FormReply | undefined }) {
  const { t } = useTranslation('account');
  const isPending = useIsSubmittingIntent('change-password');
  const formId = 'password-form';
  const label = { password: t('fields.newPassword'), confirmPassword: t('fields.confirmNewPassword') };
  return (
    <section className="account-section" aria-labelledby="password-title">
      <h2 id="password-title">{t('accountPage.password.title')}</h2>
      <Form method="post" className="stack-form" id={formId} noValidate>
        <input type="hidden" name="intent" value="change-password" />
        <ErrorSummary
          reply={reply}
          formId={formId}
          title={t('accountPage.summaryTitle')}
          fields={Object.entries(label).map(([name, text]) => ({ name, label: text }))}
        />
        <Field
          label={label.password}
          hint={t('hints.password', { min: PASSWORD_MIN_LENGTH })}
          inputProps={{ id: fieldId(formId, 'password'), name: 'password', type: 'password', autoComplete: 'new-password', required: true }}
          errors={fieldErrors(reply, 'password')}
        />
        <Field
          label={label.confirmPassword}
          inputProps={{ id: fieldId(formId, 'confirmPassword'), name: 'confirmPassword', type: 'password', autoComplete: 'new-password', required: true }}
          errors={fieldErrors(reply, 'confirmPassword')}
        />
        <div className="form-actions">
          <SubmitButton isPending={isPending} pendingLabel={t('accountPage.password.pending')}>
            {t('accountPage.password.submit')}
          </SubmitButton>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
