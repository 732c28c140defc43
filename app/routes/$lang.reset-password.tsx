// Step two of a password reset: the recovery link (/auth/confirm) signed the person in; here
// they choose the new password. Without that session there is nothing to reset, so the page
// says how to get a fresh link instead of sending them to a sign-in they cannot complete.
import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Field, FormErrors, SubmitButton, useIsSubmitting } from '~/components/forms';
import { AUTH_MESSAGES, mapAuthError } from '~/utils/auth-errors';
import { NewPasswordFormSchema, PASSWORD_MIN_LENGTH } from '~/utils/auth-schemas';
import { getSignedInUser } from '~/utils/auth.server';
import { readFormData } from '~/utils/form-data.server';

export const meta: MetaFunction = () => [{ title: 'Choose a new password | Audio store' }];

const PASSWORD_FIELDS = ['password', 'confirmPassword'];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, headers } = await getSignedInUser(request);
  const hasAccount = Boolean(user && !user.isAnonymous);
  return json({ email: hasAccount ? user?.email ?? null : null, hasAccount }, { headers });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, supabase, headers } = await getSignedInUser(request);
  const submission = parseWithZod(await readFormData(request, headers), { schema: NewPasswordFormSchema });
  if (submission.status !== 'success') {
    return json(submission.reply({ hideFields: PASSWORD_FIELDS }), { status: 400, headers });
  }
  if (!user || user.isAnonymous) {
    return json(submission.reply({ formErrors: [AUTH_MESSAGES.sessionExpired], hideFields: PASSWORD_FIELDS }), {
      status: 401,
      headers,
    });
  }
  try {
    const { error } = await supabase.auth.updateUser({ password: submission.value.password });
    if (error) {
      if (!error.status || error.status >= 500) console.error('reset-password: Auth error', error);
      return json(submission.reply({ ...mapAuthError(error), hideFields: PASSWORD_FIELDS }), { status: 400, headers });
    }
  } catch (error) {
    console.error('reset-password: unexpected failure', error);
    return json(submission.reply({ formErrors: [AUTH_MESSAGES.unexpected], hideFields: PASSWORD_FIELDS }), {
      status: 500,
      headers,
    });
  }
  return redirect('/account?saved=password', { headers });
}

export default function ResetPasswordPage() {
  const { email, hasAccount } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const isPending = useIsSubmitting('/reset-password');
  const [form, fields] = useForm({
    id: 'reset-password-form',
    lastResult,
    constraint: getZodConstraint(NewPasswordFormSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewPasswordFormSchema }),
  });

  if (!hasAccount) {
    return (
      <section className="container auth-page" aria-labelledby="reset-title">
        <h1 id="reset-title">Your reset link has expired</h1>
        <p>Reset links work once and for a limited time. Ask for a new one and open it on this device.</p>
        <p>
          <Link className="button" to="/forgot-password">
            Send a new link
          </Link>
        </p>
      </section>
    );
  }

  return (
    <section className="container auth-page" aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      {email ? <p className="auth-page__lead">For {email}.</p> : null}
      <Form method="post" className="stack-form" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label="New password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password', autoFocus: true }}
          errors={fields.password.errors}
        />
        <Field
          label="Confirm new password"
          inputProps={{ ...getInputProps(fields.confirmPassword, { type: 'password' }), autoComplete: 'new-password' }}
          errors={fields.confirmPassword.errors}
        />
        <SubmitButton isPending={isPending} pendingLabel="Saving…">
          Save new password
        </SubmitButton>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
