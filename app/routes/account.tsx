import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { requireUser } from '~/utils/auth.server';

export const meta: MetaFunction = () => [{ title: 'Your account | Audio store' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, headers } = await requireUser(request);
  // Profile, orders and event enrollments join here once their models exist.
  return json({ email: user.email }, { headers });
}

export default function AccountPage() {
  const { email } = useLoaderData<typeof loader>();
  return (
    <section className="container account-page" aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>
      <dl className="details">
        <div>
          <dt>Email</dt>
          <dd data-testid="account-email">{email ?? 'No email on this account'}</dd>
        </div>
      </dl>
      <p className="muted">Your profile, orders and event invitations will appear here.</p>
      <Form method="post" action="/logout">
        <button type="submit" className="button button--outline">
          Sign out
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
