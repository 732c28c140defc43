// Checked on the server only (app/components/form-reply.tsx): the page loads neither zod nor
// conform's client, and without JavaScript the same form and messages come back in the page.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { Trans, useTranslation } from '~/i18n/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { asFormReply, ErrorSummary, fieldErrors, fieldId, fieldValue } from '~/components/form-reply';
import { Field, FormErrors, SubmitButton, useIsSubmitting } from '~/components/forms';
import { OAuthButtons } from '~/components/oauth-buttons';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { useLocale, useLocalizedPath } from '~/i18n/use-locale';
import { mapAuthError } from '~/utils/auth-errors';
import { parseOAuthErrorKind } from '~/utils/oauth-rules';
import { safeRedirect } from '~/utils/redirect';
import {
  fixedT,
  pageTitle,
  pageLocale,
  claimCartTransfer,
  serializeMovedCart,
  startCartTransfer,
  getLoginFormSchema,
  requireAnonymous,
  readFormData,
  parseWithZod,
} from '~/server-deps/login-page.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

const FORM_ID = 'login-form';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { headers } = await requireAnonymous(request);
  const locale = pageLocale(params);
  // A LINE or Kakao sign-in that came back with an error (/auth/confirm sends it here).
  const oauthError = parseOAuthErrorKind(new URL(request.url).searchParams.get('oauth_error'));
  return json({ title: pageTitle(locale, fixedT(locale, 'account')('login.title')), oauthError }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { supabase, headers, user } = await requireAnonymous(request);
  const locale = pageLocale(params);
  const formData = await readFormData(request, headers);
  const submission = parseWithZod(formData, { schema: getLoginFormSchema(fixedT(locale, 'validation')) });
  if (submission.status !== 'success') {
    return json(submission.reply({ hideFields: ['password'] }), { status: 400, headers });
  }
  const { email, password, redirectTo } = submission.value;
  // A guest's cart comes along: the token is taken while this request is still the guest's.
  const transfer = user?.isAnonymous ? await startCartTransfer(supabase) : null;
  if (transfer && !transfer.ok) console.error('[login] could not start the cart transfer:', transfer.error);
  const { error } = await supabase.auth.signInWithPassword({ email, password });
  if (error) {
    return json(submission.reply({ ...mapAuthError(error, fixedT(locale, 'account')), hideFields: ['password'] }), {
      status: error.status && error.status < 500 ? error.status : 400,
      headers,
    });
  }
  if (transfer?.ok) {
    // Now the member's session: the guest's holds move in, and the cart page says what moved.
    const moved = await claimCartTransfer(supabase, transfer.data);
    if (!moved.ok) console.error('[login] could not move the guest cart:', moved.error);
    else if (moved.data.length > 0) headers.append('Set-Cookie', await serializeMovedCart(moved.data));
  }
  // redirectTo is the page the person came from (already in its language); else this language's home.
  return redirect(safeRedirect(redirectTo, localizedPath(locale, '/')), { headers });
}

export default function LoginPage() {
  const reply = asFormReply(useActionData<typeof action>());
  const { oauthError } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const locale = useLocale();
  const { t } = useTranslation('account');
  const to = useLocalizedPath();
  const isPending = useIsSubmitting(to('/login'));
  const fields = [
    { name: 'email', label: t('fields.email') },
    { name: 'password', label: t('fields.password') },
  ];

  return (
    <section className="container auth-page" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <p className="auth-page__lead">
        <Trans t={t} i18nKey="login.lead" components={{ signUp: <Link to={to('/signup')} /> }} />
      </p>
      <FormErrors errors={oauthError ? [t(`oauth.errors.${oauthError}`)] : undefined} />
      <OAuthButtons next={safeRedirect(searchParams.get('redirectTo'), localizedPath(locale, '/'))} />
      <Form method="post" id={FORM_ID} className="stack-form" noValidate>
        <ErrorSummary reply={reply} formId={FORM_ID} title={t('login.problemsTitle')} fields={fields} />
        <input type="hidden" name="redirectTo" value={fieldValue(reply, 'redirectTo') ?? searchParams.get('redirectTo') ?? ''} />
        <Field
          label={t('fields.email')}
          inputProps={{
            id: fieldId(FORM_ID, 'email'),
            name: 'email',
            type: 'email',
            autoComplete: 'email',
            required: true,
            defaultValue: fieldValue(reply, 'email'),
          }}
          errors={fieldErrors(reply, 'email')}
        />
        <Field
          label={t('fields.password')}
          inputProps={{ id: fieldId(FORM_ID, 'password'), name: 'password', type: 'password', autoComplete: 'current-password', required: true }}
          errors={fieldErrors(reply, 'password')}
        />
        <SubmitButton isPending={isPending} pendingLabel={t('login.pending')}>
          {t('login.submit')}
        </SubmitButton>
      </Form>
      <p className="auth-page__links">
        <Link to={to('/forgot-password')}>{t('login.forgotPassword')}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
