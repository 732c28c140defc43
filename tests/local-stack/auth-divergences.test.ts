// /auth/v1 cases where the stand-in used to answer success where GoTrue refuses (issue #17,
// item 4): email addresses are held to GoTrue's checkmail.ValidateFormat (internal/api/mail.go
// validateEmail), and pagination to its strconv.ParseUint (internal/api/pagination.go).
import { describe, expect, it } from 'vitest';
import { adminClient, authFetch, uniqueEmail } from './auth-support.ts';

// GoTrue's checkmail (badoux/checkmail d0a7596) accepts exactly these addresses.
const refused = ['xx:;x@x.x', 'a b@example.com', 'a@-example.com', 'a@example-.com', 'a@exa_mple.com', 'a@example..com', 'ü@example.com', 'a@'];

describe('email addresses GoTrue refuses', () => {
  it('refuses them on sign-up with 400 validation_failed "invalid format"', async () => {
    for (const email of refused) {
      const { status, json } = await authFetch('/signup', { method: 'POST', body: { email, password: 'correct horse 1' } });
      expect({ email, status }).toEqual({ email, status: 400 });
      expect(json).toEqual({ code: 'validation_failed', message: 'Unable to validate email address: invalid format' });
    }
  });

  it('refuses them from the admin API and answers a too long address with GoTrue\'s message', async () => {
    const admin = adminClient();
    const created = await admin.auth.admin.createUser({ email: 'xx:;x@x.x', password: 'correct horse 1' });
    expect(created.error?.status).toBe(400);
    expect(created.error?.message).toBe('Unable to validate email address: invalid format');
    const long = await authFetch('/signup', { method: 'POST', body: { email: `${'a'.repeat(250)}@example.com`, password: 'correct horse 1' } });
    expect(long.status).toBe(400);
    expect(long.json).toEqual({ code: 'validation_failed', message: 'An email address is too long' });
  });

  it('still takes the addresses GoTrue takes, including a domain without a dot', async () => {
    for (const email of [uniqueEmail('plus+tag'), `o'brien.${Date.now()}@sub.example-shop.com`, `Mixed.${Date.now()}@Localhost`]) {
      const { status, json } = await authFetch('/signup', { method: 'POST', body: { email, password: 'correct horse 1' } });
      expect({ email, status }).toEqual({ email, status: 200 });
      expect((json as { user?: { email: string } }).user?.email ?? (json as { email: string }).email).toBe(email.toLowerCase());
    }
  });
});

describe('admin user list pagination', () => {
  it('refuses page=-1 with 400 as GoTrue, through supabase-js', async () => {
    const { data, error } = await adminClient().auth.admin.listUsers({ page: -1, perPage: 10 });
    expect(error?.status).toBe(400);
    expect(error?.message).toBe('Bad Pagination Parameters: strconv.ParseUint: parsing "-1": invalid syntax');
    expect(data.users).toEqual([]);
  });
});
