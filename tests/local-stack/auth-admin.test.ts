// Conformance of the Auth stand-in's admin API (supabase.auth.admin with the service_role key).
import { describe, expect, it } from 'vitest';
import { adminClient, anonClient, authFetch, countUsersWithEmail, env, strongPassword, uniqueEmail } from './auth-support.ts';

describe('admin users API', () => {
  it('creates, reads, lists, updates and deletes users', async () => {
    const admin = adminClient().auth.admin;
    const email = uniqueEmail('admin');
    const password = strongPassword();
    const created = await admin.createUser({ email, password, email_confirm: true, user_metadata: { full_name: 'Op' }, app_metadata: { tier: 'gold' } });
    expect(created.error).toBeNull();
    const user = created.data.user!;
    expect(user).toMatchObject({
      email,
      user_metadata: { full_name: 'Op' },
      app_metadata: { provider: 'email', providers: ['email'], tier: 'gold' },
      is_anonymous: false,
    });
    expect(user.email_confirmed_at).toEqual(expect.any(String));
    expect((await anonClient().auth.signInWithPassword({ email, password })).error).toBeNull();

    expect((await admin.getUserById(user.id)).data.user).toMatchObject({ id: user.id, email });

    const firstPage = await admin.listUsers({ page: 1, perPage: 1 });
    expect(firstPage.error).toBeNull();
    expect(firstPage.data.users).toHaveLength(1);
    expect(firstPage.data).toMatchObject({ nextPage: 2, total: expect.any(Number) });
    expect((firstPage.data as unknown as { total: number }).total).toBeGreaterThanOrEqual(1);
    // Newest first: the user just created leads the list.
    expect(firstPage.data.users[0].id).toBe(user.id);

    const newPassword = strongPassword();
    const updated = await admin.updateUserById(user.id, { password: newPassword, user_metadata: { nickname: 'o' }, app_metadata: { tier: null } });
    expect(updated.error).toBeNull();
    expect(updated.data.user).toMatchObject({ user_metadata: { full_name: 'Op', nickname: 'o' } });
    expect(updated.data.user!.app_metadata).not.toHaveProperty('tier');
    expect((await anonClient().auth.signInWithPassword({ email, password: newPassword })).error).toBeNull();

    expect((await admin.deleteUser(user.id)).error).toBeNull();
    expect(await countUsersWithEmail(email)).toBe(0);
    expect((await admin.getUserById(user.id)).error).toMatchObject({ status: 404, code: 'user_not_found' });
  });

  it('refuses an email in use (422 email_exists), weak passwords and soft deletion', async () => {
    const admin = adminClient().auth.admin;
    const email = uniqueEmail('admin-dup');
    expect((await admin.createUser({ email, password: strongPassword() })).error).toBeNull();
    expect((await admin.createUser({ email, password: strongPassword() })).error).toMatchObject({ status: 422, code: 'email_exists' });
    expect((await admin.createUser({ email: uniqueEmail('admin-weak'), password: 'short' })).error).toMatchObject({
      status: 422,
      code: 'weak_password',
    });
    const { data } = await admin.listUsers({ perPage: 1000 });
    const id = data.users.find((u) => u.email === email)!.id;
    expect((await admin.deleteUser(id, true)).error).toMatchObject({ status: 422, code: 'validation_failed' });
  });

  it('is closed to users and to the anon key', async () => {
    const { data } = await anonClient().auth.signUp({ email: uniqueEmail('not-admin'), password: strongPassword() });
    const asUser = await authFetch('/admin/users', { token: data.session!.access_token });
    expect([asUser.status, asUser.json?.code]).toEqual([403, 'not_admin']);
    const asAnon = await authFetch('/admin/users', { token: env.SUPABASE_ANON_KEY });
    expect([asAnon.status, asAnon.json?.code]).toEqual([403, 'not_admin']);
    // The publishable key alone reaches Auth as the anon JWT (the gateway's mapping).
    const asPublishable = await authFetch('/admin/users');
    expect([asPublishable.status, asPublishable.json?.code]).toEqual([403, 'not_admin']);
    expect((await fetch(`${env.SUPABASE_URL}/auth/v1/admin/users`)).status).toBe(401);
  });
});
