import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useMemo } from 'react';
import { Trans, useTranslation } from '~/i18n/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Field, FormErrors, SubmitButton, useIsSubmitting } from '~/components/forms';
import { OAuthButtons } from '~/components/oauth-buttons';
import { fixedT } from '~/i18n/i18n.server';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useLocale, useLocalizedPath } from '~/i18n/use-locale';
import { claimCartTransfer, serializeMovedCart, startCartTransfer } from '~/models/cart-transfer.server';
import { mapAuthError } from '~/utils/auth-errors';
import { getLoginFormSchema } from '~/utils/auth-schemas';
import { requireAnonymous } from '~/utils/auth.server';
import { readFormData } from '~/utils/form-data.server';
import { parseOAuthErrorKind } from '~/utils/oauth';
import { safeRedirect } from '~/utils/redirect';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

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
  const lastResult = useActionData<typeof action>();
  const { oauthError } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const locale = useLocale();
  const { t } = useTranslation('account');
  const { t: tValidation } = useTranslation('validation');
  const to = useLocalizedPath();
  const schema = useMemo(() => getLoginFormSchema(tValidation), [tValidation]);
  const isPending = useIsSubmitting(to('/login'));
  const [form, fields] = useForm({
    id: 'login-form',
    lastResult,
    constraint: getZodConstraint(schema),
    defaultValue: { redirectTo: searchParams.get('redirectTo') ?? '' },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });

  return (
    <section className="container auth-page" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <p className="auth-page__lead">
        <Trans t={t} i18nKey="login.lead" components={{ signUp: <Link to={to('/signup')} /> }} />
      </p>
      <FormErrors errors={oauthError ? [t(`oauth.errors.${oauthError}`)] : undefined} />
      <OAuthButtons next={safeRedirect(searchParams.get('redirectTo'), localizedPath(locale, '/'))} />
      <Form method="post" className="stack-form" {...getFormProps(form)}>
        <input {...getInputProps(fields.redirectTo, { type: 'hidden' })} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={t('fields.email')}
          inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }}
          errors={fields.email.errors}
        />
        <Field
          label={t('fields.password')}
          inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'current-password' }}
          errors={fields.password.errors}
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
