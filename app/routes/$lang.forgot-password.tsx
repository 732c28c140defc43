// Step one of a password reset: ask Auth to mail a recovery link. The answer is the same whether
// or not the address has an account, so this page cannot be used to find out who shops here.
import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Field, FormErrors, StatusMessage, SubmitButton, useIsSubmitting } from '~/components/forms';
import { AUTH_MESSAGES, mapAuthError } from '~/utils/auth-errors';
import { ForgotPasswordFormSchema } from '~/utils/auth-schemas';
import { requireAnonymous } from '~/utils/auth.server';
import { readFormData } from '~/utils/form-data.server';

export const meta: MetaFunction = () => [{ title: 'Forgot your password? | Audio store' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { headers } = await requireAnonymous(request);
  return json({}, { headers });
}

export async function action({ request }: ActionFunctionArgs) {
  const { supabase, headers } = await requireAnonymous(request);
  const submission = parseWithZod(await readFormData(request, headers), { schema: ForgotPasswordFormSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400, headers });
  const { email } = submission.value;
  try {
    const { error } = await supabase.auth.resetPasswordForEmail(email, {
      redirectTo: new URL('/reset-password', request.url).toString(),
    });
    if (error) {
      if (!error.status || error.status >= 500) console.error('forgot-password: Auth error', error);
      return json(submission.reply(mapAuthError(error)), { status: 400, headers });
    }
  } catch (error) {
    console.error('forgot-password: unexpected failure', error);
    return json(submission.reply({ formErrors: [AUTH_MESSAGES.unexpected] }), { status: 500, headers });
  }
  return redirect(`/forgot-password?${new URLSearchParams({ sent: email })}`, { headers });
}

export default function ForgotPasswordPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const sentTo = searchParams.get('sent');
  const isPending = useIsSubmitting('/forgot-password');
  const [form, fields] = useForm({
    id: 'forgot-password-form',
    lastResult,
    defaultValue: { email: sentTo ?? '' },
    constraint: getZodConstraint(ForgotPasswordFormSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordFormSchema }),
  });

  return (
    <section className="container auth-page" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Forgot your password?</h1>
      <p className="auth-page__lead">Enter the email you signed up with and we will send you a link to choose a new one.</p>
      <StatusMessage>
        {sentTo ? (
          <>
            If <strong>{sentTo}</strong> has an account, a reset link is on its way. Open it on this device; it works once
            and for a limited time.
          </>
        ) : null}
      </StatusMessage>
      <Form method="post" className="stack-form" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label="Email"
          inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }}
          errors={fields.email.errors}
        />
        <SubmitButton isPending={isPending} pendingLabel="Sending…">
          {sentTo ? 'Send another link' : 'Send reset link'}
        </SubmitButton>
      </Form>
      <p className="auth-page__links">
        Remembered it? <Link to="/login">Sign in</Link>.
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
