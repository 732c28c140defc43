// Step two of a password reset: the recovery link (/auth/confirm) signed the person in; here
// they choose the new password. Without that session there is nothing to reset, so the page
// says how to get a fresh link instead of sending them to a sign-in they cannot complete.
import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { useTranslation } from '~/i18n/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Field, FormErrors, SubmitButton, useIsSubmitting } from '~/components/forms';
import { fixedT } from '~/i18n/i18n.server';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useLocalizedPath } from '~/i18n/use-locale';
import { mapAuthError } from '~/utils/auth-errors';
import { getNewPasswordFormSchema, PASSWORD_MIN_LENGTH } from '~/utils/auth-schemas';
import { getSignedInUser } from '~/utils/auth.server';
import { readFormData } from '~/utils/form-data.server';
import { createSupabaseServerClient } from '~/utils/supabase.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

const PASSWORD_FIELDS = ['password', 'confirmPassword'];

/**
 * A recovery link may also land here directly, in either form Supabase offers: `?code=` (PKCE:
 * Auth verified the link; the verifier is the cookie the forgot-password page set in this
 * browser) or `?token_hash=…&type=recovery` (an email template pointing at this page). Either
 * signs the person in, then the page reloads without it, so a reload never spends it twice.
 */
async function redeemRecoveryLink(request: Request, locale: ReturnType<typeof pageLocale>): Promise<Response | 'failed' | null> {
  const url = new URL(request.url);
  const code = url.searchParams.get('code');
  const tokenHash = url.searchParams.get('token_hash');
  if (!code && !(tokenHash && url.searchParams.get('type') === 'recovery')) return null;
  const { supabase, headers } = createSupabaseServerClient(request);
  const { error } = code
    ? await supabase.auth.exchangeCodeForSession(code)
    : await supabase.auth.verifyOtp({ type: 'recovery', token_hash: tokenHash ?? '' });
  if (error) return 'failed';
  return redirect(localizedPath(locale, '/reset-password'), { headers });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const redeemed = await redeemRecoveryLink(request, locale);
  if (redeemed instanceof Response) return redeemed;
  const { user, headers } = await getSignedInUser(request);
  const hasAccount = Boolean(user && !user.isAnonymous) && redeemed !== 'failed';
  const title = pageTitle(locale, fixedT(locale, 'account')(hasAccount ? 'resetPassword.title' : 'resetPassword.expiredTitle'));
  return json({ email: hasAccount ? user?.email ?? null : null, hasAccount, linkFailed: redeemed === 'failed', title }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, supabase, headers } = await getSignedInUser(request);
  const locale = pageLocale(params);
  const t = fixedT(locale, 'account');
  const schema = getNewPasswordFormSchema(fixedT(locale, 'validation'));
  const submission = parseWithZod(await readFormData(request, headers), { schema });
  if (submission.status !== 'success') {
    return json(submission.reply({ hideFields: PASSWORD_FIELDS }), { status: 400, headers });
  }
  if (!user || user.isAnonymous) {
    return json(submission.reply({ formErrors: [t('authErrors.sessionExpired')], hideFields: PASSWORD_FIELDS }), {
      status: 401,
      headers,
    });
  }
  try {
    const { error } = await supabase.auth.updateUser({ password: submission.value.password });
    if (error) {
      if (!error.status || error.status >= 500) console.error('reset-password: Auth error', error);
      return json(submission.reply({ ...mapAuthError(error, t), hideFields: PASSWORD_FIELDS }), { status: 400, headers });
    }
  } catch (error) {
    console.error('reset-password: unexpected failure', error);
    return json(submission.reply({ formErrors: [t('authErrors.unexpected')], hideFields: PASSWORD_FIELDS }), {
      status: 500,
      headers,
    });
  }
  return redirect(localizedPath(locale, '/account?saved=password'), { headers });
}

export default function ResetPasswordPage() {
  const { email, hasAccount, linkFailed } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation('account');
  const { t: tValidation } = useTranslation('validation');
  const to = useLocalizedPath();
  const schema = useMemo(() => getNewPasswordFormSchema(tValidation), [tValidation]);
  const isPending = useIsSubmitting(to('/reset-password'));
  const [form, fields] = useForm({
    id: 'reset-password-form',
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });

  if (!hasAccount) {
    return (
      <section className="container auth-page" aria-labelledby="reset-title">
        <h1 id="reset-title">{t('resetPassword.expiredTitle')}</h1>
        <p>{t('resetPassword.expiredBody')}</p>
        {linkFailed ? <p role="alert">{t('resetPassword.linkFailedHint')}</p> : null}
        <p>
          <Link className="button" to={to('/forgot-password')}>
            {t('resetPassword.sendNewLink')}
          </Link>
        </p>
      </section>
    );
  }

  return (
    <section className="container auth-page" aria-labelledby="reset-title">
      <h1 id="reset-title">{t('resetPassword.title')}</h1>
      {email ? <p className="auth-page__lead">{t('resetPassword.forEmail', { email })}</p> : null}
      <Form method="post" className="stack-form" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={t('fields.newPassword')}
          hint={t('hints.password', { min: PASSWORD_MIN_LENGTH })}
          inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password', autoFocus: true }}
          errors={fields.password.errors}
        />
        <Field
          label={t('fields.confirmNewPassword')}
          inputProps={{ ...getInputProps(fields.confirmPassword, { type: 'password' }), autoComplete: 'new-password' }}
          errors={fields.confirmPassword.errors}
        />
        <SubmitButton isPending={isPending} pendingLabel={t('shared.saving')}>
          {t('resetPassword.submit')}
        </SubmitButton>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
