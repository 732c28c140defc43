// Step one of a password reset: ask Auth to mail a recovery link. The answer is the same whether
// or not the address has an account, so this page cannot be used to find out who shops here.
import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react';
import { useMemo } from 'react';
import { Trans, useTranslation } from '~/i18n/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Field, FormErrors, StatusMessage, SubmitButton, useIsSubmitting } from '~/components/forms';
import { fixedT } from '~/i18n/i18n.server';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useLocalizedPath } from '~/i18n/use-locale';
import { mapAuthError } from '~/utils/auth-errors';
import { getForgotPasswordFormSchema } from '~/utils/auth-schemas';
import { requireAnonymous } from '~/utils/auth.server';
import { readFormData } from '~/utils/form-data.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { headers } = await requireAnonymous(request);
  const locale = pageLocale(params);
  return json({ title: pageTitle(locale, fixedT(locale, 'account')('forgotPassword.title')) }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { supabase, headers } = await requireAnonymous(request);
  const locale = pageLocale(params);
  const t = fixedT(locale, 'account');
  const schema = getForgotPasswordFormSchema(fixedT(locale, 'validation'));
  const submission = parseWithZod(await readFormData(request, headers), { schema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400, headers });
  const { email } = submission.value;
  try {
    // The link goes through /auth/confirm (it signs the person in, PKCE code or token hash) and
    // lands on the reset page in this page's language.
    const confirm = new URL('/auth/confirm', request.url);
    confirm.searchParams.set('next', localizedPath(locale, '/reset-password'));
    const { error } = await supabase.auth.resetPasswordForEmail(email, { redirectTo: confirm.toString() });
    if (error) {
      if (!error.status || error.status >= 500) console.error('forgot-password: Auth error', error);
      return json(submission.reply(mapAuthError(error, t)), { status: 400, headers });
    }
  } catch (error) {
    console.error('forgot-password: unexpected failure', error);
    return json(submission.reply({ formErrors: [t('authErrors.unexpected')] }), { status: 500, headers });
  }
  return redirect(localizedPath(locale, `/forgot-password?${new URLSearchParams({ sent: email })}`), { headers });
}

export default function ForgotPasswordPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation('account');
  const { t: tValidation } = useTranslation('validation');
  const to = useLocalizedPath();
  const schema = useMemo(() => getForgotPasswordFormSchema(tValidation), [tValidation]);
  const sentTo = searchParams.get('sent');
  const isPending = useIsSubmitting(to('/forgot-password'));
  const [form, fields] = useForm({
    id: 'forgot-password-form',
    lastResult,
    defaultValue: { email: sentTo ?? '' },
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });

  return (
    <section className="container auth-page" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t('forgotPassword.title')}</h1>
      <p className="auth-page__lead">{t('forgotPassword.lead')}</p>
      <StatusMessage>
        {sentTo ? (
          // The address comes from the URL: it goes in as an element's text, never through the
          // message's markup.
          <Trans t={t} i18nKey="forgotPassword.sent" components={{ email: <strong>{sentTo}</strong> }} />
        ) : null}
      </StatusMessage>
      <Form method="post" className="stack-form" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={t('fields.email')}
          inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }}
          errors={fields.email.errors}
        />
        <SubmitButton isPending={isPending} pendingLabel={t('forgotPassword.pending')}>
          {sentTo ? t('forgotPassword.sendAnother') : t('forgotPassword.submit')}
        </SubmitButton>
      </Form>
      <p className="auth-page__links">
        <Trans t={t} i18nKey="forgotPassword.remembered" components={{ signIn: <Link to={to('/login')} /> }} />
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
