import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Field, FormErrors, SubmitButton, useIsSubmitting } from '~/components/forms';
import { mapAuthError } from '~/utils/auth-errors';
import { NAME_MAX_LENGTH, PASSWORD_MIN_LENGTH, SignupFormSchema } from '~/utils/auth-schemas';
import { requireAnonymous } from '~/utils/auth.server';

export const meta: MetaFunction = () => [{ title: 'Create an account | Audio store' }];

const PASSWORD_FIELDS = ['password', 'confirmPassword'];

export async function loader({ request }: LoaderFunctionArgs) {
  const { headers } = await requireAnonymous(request);
  return json({}, { headers });
}

export async function action({ request }: ActionFunctionArgs) {
  const { supabase, headers } = await requireAnonymous(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: SignupFormSchema });
  if (submission.status !== 'success') {
    return json(submission.reply({ hideFields: PASSWORD_FIELDS }), { status: 400, headers });
  }
  const { email, password, firstName, lastName } = submission.value;
  const { data, error } = await supabase.auth.signUp({
    email,
    password,
    options: {
      // The profile is created from these keys by a trigger on auth.users, in the same transaction.
      data: { first_name: firstName, last_name: lastName },
      emailRedirectTo: new URL('/auth/confirm', request.url).toString(),
    },
  });
  if (error) {
    return json(submission.reply({ ...mapAuthError(error), hideFields: PASSWORD_FIELDS }), {
      status: error.status && error.status < 500 ? error.status : 400,
      headers,
    });
  }
  // With email confirmations on, Auth returns the user without a session and sends a link.
  if (!data.session) {
    return redirect(`/check-email?${new URLSearchParams({ email })}`, { headers });
  }
  return redirect('/account', { headers });
}

export default function SignupPage() {
  const lastResult = useActionData<typeof action>();
  const isPending = useIsSubmitting('/signup');
  const [form, fields] = useForm({
    id: 'signup-form',
    lastResult,
    constraint: getZodConstraint(SignupFormSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupFormSchema }),
  });

  return (
    <section className="container auth-page" aria-labelledby="signup-title">
      <h1 id="signup-title">Create an account</h1>
      <p className="auth-page__lead">
        Already have one? <Link to="/login">Sign in</Link>.
      </p>
      <Form method="post" className="stack-form" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="field-row">
          <Field
            label="First name"
            inputProps={{ ...getInputProps(fields.firstName, { type: 'text' }), autoComplete: 'given-name', maxLength: NAME_MAX_LENGTH }}
            errors={fields.firstName.errors}
          />
          <Field
            label="Last name"
            inputProps={{ ...getInputProps(fields.lastName, { type: 'text' }), autoComplete: 'family-name', maxLength: NAME_MAX_LENGTH }}
            errors={fields.lastName.errors}
          />
        </div>
        <Field
          label="Email"
          inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }}
          errors={fields.email.errors}
        />
        <Field
          label="Password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password' }}
          errors={fields.password.errors}
        />
        <Field
          label="Confirm password"
          inputProps={{ ...getInputProps(fields.confirmPassword, { type: 'password' }), autoComplete: 'new-password' }}
          errors={fields.confirmPassword.errors}
        />
        <SubmitButton isPending={isPending} pendingLabel="Creating your account…">
          Create account
        </SubmitButton>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
