// Step one of a password reset: ask Auth to mail a recovery link. The answer is the same whether
// or not the address has an account, so this page cannot be used to find out who shops here.
// Checked on the server only (app/components/form-reply.tsx): no zod or conform in the page.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react';
import { Trans, useTranslation } from '~/i18n/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { asFormReply, ErrorSummary, fieldErrors, fieldId, fieldValue } from '~/components/form-reply';
import { Field, StatusMessage, SubmitButton, useIsSubmitting } from '~/components/forms';
import { fixedT } from '~/i18n/i18n.server';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useLocalizedPath } from '~/i18n/use-locale';
import { mapAuthError } from '~/utils/auth-errors';
import { getForgotPasswordFormSchema } from '~/utils/auth-schemas.server';
import { requireAnonymous } from '~/utils/auth.server';
import { readFormData } from '~/utils/form-data.server';
import { parseWithZod } from '~/utils/form-parse.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

const FORM_ID = 'forgot-password-form';

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
  const reply = asFormReply(useActionData<typeof action>());
  const [searchParams] = useSearchParams();
  const { t } = useTranslation('account');
  const to = useLocalizedPath();
  const sentTo = searchParams.get('sent');
  const isPending = useIsSubmitting(to('/forgot-password'));

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
      <Form method="post" id={FORM_ID} className="stack-form" noValidate>
        {/* One field, still a summary: it takes focus and reads the problem out after a refused submit. */}
        <ErrorSummary reply={reply} formId={FORM_ID} title={t('forgotPassword.problemsTitle')} fields={[{ name: 'email', label: t('fields.email') }]} />
        <Field
          label={t('fields.email')}
          inputProps={{
            id: fieldId(FORM_ID, 'email'),
            name: 'email',
            type: 'email',
            autoComplete: 'email',
            required: true,
            // After a refused submit what was typed; after a sent link the address it went to.
            defaultValue: fieldValue(reply, 'email') ?? sentTo ?? undefined,
          }}
          errors={fieldErrors(reply, 'email')}
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
