// Deleting an account is the one step here that cannot be undone, so it has its own page and
// asks the person to type DELETE. The database deletes the auth user (rpc delete_my_account);
// the profile and personal data cascade, orders survive without the user.
import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Field, FormErrors, SubmitButton, useIsSubmitting } from '~/components/forms';
import { deleteOwnAccount } from '~/models/profile.server';
import accountStylesHref from '~/styles/account.css';
import { AUTH_MESSAGES } from '~/utils/auth-errors';
import { httpStatusOf, toFormErrors } from '~/utils/rpc-errors';
import { DELETE_CONFIRMATION_WORD, DeleteAccountFormSchema } from '~/utils/auth-schemas';
import { requireUser } from '~/utils/auth.server';
import { readFormData } from '~/utils/form-data.server';
import { expireAuthCookies } from '~/utils/supabase.server';

export const meta: MetaFunction = () => [{ title: 'Delete your account | Audio store' }];
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountStylesHref }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, headers } = await requireUser(request);
  return json({ email: user.email }, { headers });
}

export async function action({ request }: ActionFunctionArgs) {
  const { supabase, headers } = await requireUser(request);
  const submission = parseWithZod(await readFormData(request, headers), { schema: DeleteAccountFormSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400, headers });
  try {
    const deleted = await deleteOwnAccount(supabase);
    if (!deleted.ok) {
      console.error('account delete: rpc failed', deleted.error);
      return json(submission.reply(toFormErrors(deleted.error)), { status: httpStatusOf(deleted.error), headers });
    }
  } catch (error) {
    console.error('account delete: unexpected failure', error);
    return json(submission.reply({ formErrors: [AUTH_MESSAGES.unexpected] }), { status: 500, headers });
  }
  // The user no longer exists, so Auth may refuse to end the session; the cookies go regardless.
  await supabase.auth.signOut({ scope: 'local' }).catch(() => undefined);
  expireAuthCookies(request, headers);
  return redirect('/account/deleted', { headers });
}

export default function DeleteAccountPage() {
  const { email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const isPending = useIsSubmitting('/account/delete');
  const [form, fields] = useForm({
    id: 'delete-account-form',
    lastResult,
    constraint: getZodConstraint(DeleteAccountFormSchema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DeleteAccountFormSchema }),
  });
  return (
    <section className="container account-page" aria-labelledby="delete-title">
      <h1 id="delete-title">Delete your account</h1>
      <p>
        This deletes the account <strong>{email}</strong> for good: your profile, cart and favourites go with it. Orders
        you placed are kept for our records, without your account attached. You cannot undo this.
      </p>
      <Form method="post" className="stack-form" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={`Type ${DELETE_CONFIRMATION_WORD} to confirm`}
          inputProps={{ ...getInputProps(fields.confirmation, { type: 'text' }), autoComplete: 'off', spellCheck: false }}
          errors={fields.confirmation.errors}
        />
        <div className="form-actions">
          <SubmitButton isPending={isPending} pendingLabel="Deleting…">
            Delete my account
          </SubmitButton>
          <Link to="/account">Keep my account</Link>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
