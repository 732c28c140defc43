import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Field, FormErrors, SubmitButton, useIsSubmitting } from '~/components/forms';
import { mapAuthError } from '~/utils/auth-errors';
import { LoginFormSchema } from '~/utils/auth-schemas';
import { requireAnonymous } from '~/utils/auth.server';
import { readFormData } from '~/utils/form-data.server';
import { safeRedirect } from '~/utils/redirect';

export const meta: MetaFunction = () => [{ title: 'Sign in | Audio store' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { headers } = await requireAnonymous(request);
  return json({}, { headers });
}

export async function action({ request }: ActionFunctionArgs) {
  const { supabase, headers } = await requireAnonymous(request);
  const formData = await readFormData(request, headers);
  const submission = parseWithZod(formData, { schema: LoginFormSchema });
  if (submission.status !== 'success') {
    return json(submission.reply({ hideFields: ['password'] }), { status: 400, headers });
  }
  const { email, password, redirectTo } = submission.value;
  const { error } = await supabase.auth.signInWithPassword({ email, password });
  if (error) {
    return json(submission.reply({ ...mapAuthError(error), hideFields: ['password'] }), {
      status: error.status && error.status < 500 ? error.status : 400,
      headers,
    });
  }
  return redirect(safeRedirect(redirectTo, '/'), { headers });
}

export default function LoginPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const isPending = useIsSubmitting('/login');
  const [form, fields] = useForm({
    id: 'login-form',
    lastResult,
    constraint: getZodConstraint(LoginFormSchema),
    defaultValue: { redirectTo: searchParams.get('redirectTo') ?? '' },
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginFormSchema }),
  });

  return (
    <section className="container auth-page" aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      <p className="auth-page__lead">
        New here? <Link to="/signup">Create an account</Link>.
      </p>
      <Form method="post" className="stack-form" {...getFormProps(form)}>
        <input {...getInputProps(fields.redirectTo, { type: 'hidden' })} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label="Email"
          inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }}
          errors={fields.email.errors}
        />
        <Field
          label="Password"
          inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'current-password' }}
          errors={fields.password.errors}
        />
        <SubmitButton isPending={isPending} pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
      </Form>
      <p className="auth-page__links">
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
