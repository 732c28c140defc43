// The signed-in person's account: their details (profile), a new password, and the way to
// delete the account. Two forms post here, told apart by `intent`; each redirects back with a
// `saved` flag on success so a reload never re-posts and the message survives without JavaScript.
import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Field, FormErrors, SelectField, StatusMessage, SubmitButton } from '~/components/forms';
import { getOwnProfile, updateOwnProfile } from '~/models/profile.server';
import accountStylesHref from '~/styles/account.css';
import { AUTH_MESSAGES, mapAuthError } from '~/utils/auth-errors';
import { toFormErrors } from '~/utils/rpc-errors';
import {
  ACCOUNT_TYPE_OPTIONS,
  BIRTHDAY_MIN,
  getTodayIsoDate,
  NAME_MAX_LENGTH,
  NewPasswordFormSchema,
  PASSWORD_MIN_LENGTH,
  ProfileFormSchema,
} from '~/utils/auth-schemas';
import { requireUser } from '~/utils/auth.server';
import { readFormData } from '~/utils/form-data.server';

export const meta: MetaFunction = () => [{ title: 'Your account | Audio store' }];
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountStylesHref }];

const SAVED_MESSAGES = {
  profile: 'Your details are saved.',
  password: 'Your password is changed.',
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request);
  const profile = await getOwnProfile(supabase, user.id);
  return json({ email: user.email, profile }, { headers });
}

type Intent = 'update-profile' | 'change-password';

/** Pending for this one form: both forms post to /account, so tell them apart by intent. */
function useIsSubmittingIntent(intent: Intent): boolean {
  const navigation = useNavigation();
  return navigation.state !== 'idle' && navigation.formMethod === 'POST' && navigation.formData?.get('intent') === intent;
}

interface AccountReply {
  intent: Intent;
  result: SubmissionResult<string[]>;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, supabase, headers } = await requireUser(request);
  const formData = await readFormData(request, headers);
  const intent = formData.get('intent');
  const reply = (body: AccountReply, status = 400) => json(body, { status, headers });

  try {
    if (intent === 'change-password') {
      const hidden = { hideFields: ['password', 'confirmPassword'] };
      const submission = parseWithZod(formData, { schema: NewPasswordFormSchema });
      if (submission.status !== 'success') return reply({ intent, result: submission.reply(hidden) });
      const { error } = await supabase.auth.updateUser({ password: submission.value.password });
      if (error) {
        if (!error.status || error.status >= 500) console.error('account: password change failed', error);
        return reply({ intent, result: submission.reply({ ...mapAuthError(error), ...hidden }) });
      }
      return redirect('/account?saved=password', { headers });
    }

    const submission = parseWithZod(formData, { schema: ProfileFormSchema });
    if (submission.status !== 'success') return reply({ intent: 'update-profile', result: submission.reply() });
    const saved = await updateOwnProfile(supabase, user.id, submission.value);
    if (!saved.ok) {
      console.error('account: profile update failed', saved.error);
      return reply({ intent: 'update-profile', result: submission.reply(toFormErrors(saved.error)) });
    }
    return redirect('/account?saved=profile', { headers });
  } catch (error) {
    console.error('account: unexpected failure', error);
    const failed: Intent = intent === 'change-password' ? 'change-password' : 'update-profile';
    return reply({ intent: failed, result: { status: 'error', error: { '': [AUTH_MESSAGES.unexpected] } } }, 500);
  }
}

export default function AccountPage() {
  const { email, profile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = searchParams.get('saved');
  const savedMessage = saved === 'profile' || saved === 'password' ? SAVED_MESSAGES[saved] : null;
  const resultFor = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined);

  return (
    <section className="container account-page" aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>
      <StatusMessage>{savedMessage}</StatusMessage>
      <dl className="details">
        <div>
          <dt>Email</dt>
          <dd data-testid="account-email">{email ?? 'No email on this account'}</dd>
        </div>
      </dl>
      <Form method="post" action="/logout">
        <button type="submit" className="button button--outline">
          Sign out
        </button>
      </Form>

      <ProfileSection profile={profile} lastResult={resultFor('update-profile')} />
      <PasswordSection lastResult={resultFor('change-password')} />

      <section className="account-section" aria-labelledby="export-title">
        <h2 id="export-title">Your data</h2>
        <p>
          Download everything we keep about you (profile, consents, orders, cart and favourites) as one JSON file.
        </p>
        {/* A file download, not a page: reloadDocument lets the browser save it. */}
        <Link className="button button--outline" to="/account/export" reloadDocument download>
          Download my data
        </Link>
      </section>

      <section className="account-section account-section--danger" aria-labelledby="delete-title">
        <h2 id="delete-title">Delete your account</h2>
        <p>
          Your profile, cart and favourites are removed for good. Orders you placed are kept for our records, without
          your name on the account.
        </p>
        <Link className="button button--outline" to="/account/delete">
          Delete my account…
        </Link>
      </section>
    </section>
  );
}

type OwnProfile = ReturnType<typeof useLoaderData<typeof loader>>['profile'];

function ProfileSection({ profile, lastResult }: { profile: OwnProfile; lastResult: SubmissionResult<string[]> | undefined }) {
  const isPending = useIsSubmittingIntent('update-profile');
  const [form, fields] = useForm({
    id: 'profile-form',
    lastResult,
    defaultValue: {
      firstName: profile?.first_name ?? '',
      lastName: profile?.last_name ?? '',
      displayName: profile?.display_name ?? '',
      phone: profile?.phone ?? '',
      birthday: profile?.birthday ?? '',
      accountType: profile?.account_type ?? 'personal',
    },
    constraint: getZodConstraint(ProfileFormSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileFormSchema }),
  });
  return (
    <section className="account-section" aria-labelledby="profile-title">
      <h2 id="profile-title">Your details</h2>
      <Form method="post" className="stack-form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="update-profile" />
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
          label="Display name (optional)"
          hint="Shown in the store. Leave empty to use your first and last name."
          inputProps={{ ...getInputProps(fields.displayName, { type: 'text' }), autoComplete: 'nickname', maxLength: NAME_MAX_LENGTH }}
          errors={fields.displayName.errors}
        />
        <Field
          label="Phone (optional)"
          hint="With the country code, e.g. +44 20 7946 0958."
          inputProps={{ ...getInputProps(fields.phone, { type: 'tel' }), autoComplete: 'tel' }}
          errors={fields.phone.errors}
        />
        <Field
          label="Birthday (optional)"
          hint="YYYY-MM-DD"
          inputProps={{ ...getInputProps(fields.birthday, { type: 'date' }), autoComplete: 'bday', min: BIRTHDAY_MIN, max: getTodayIsoDate() }}
          errors={fields.birthday.errors}
        />
        <SelectField
          label="Account type"
          selectProps={getSelectProps(fields.accountType)}
          options={ACCOUNT_TYPE_OPTIONS}
          errors={fields.accountType.errors}
        />
        <div className="form-actions">
          <SubmitButton isPending={isPending} pendingLabel="Saving…">
            Save details
          </SubmitButton>
        </div>
      </Form>
    </section>
  );
}

function PasswordSection({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const isPending = useIsSubmittingIntent('change-password');
  const [form, fields] = useForm({
    id: 'password-form',
    lastResult,
    constraint: getZodConstraint(NewPasswordFormSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewPasswordFormSchema }),
  });
  return (
    <section className="account-section" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <Form method="post" className="stack-form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="change-password" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label="New password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password' }}
          errors={fields.password.errors}
        />
        <Field
          label="Confirm new password"
          inputProps={{ ...getInputProps(fields.confirmPassword, { type: 'password' }), autoComplete: 'new-password' }}
          errors={fields.confirmPassword.errors}
        />
        <div className="form-actions">
          <SubmitButton isPending={isPending} pendingLabel="Changing…">
            Change password
          </SubmitButton>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
