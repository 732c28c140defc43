// The admin API (/admin/users[/id]) that supabase.auth.admin calls with the service_role key.
import { z } from 'zod';
import { mergeMetadata, setConfirmedEmail } from '../confirmed-email.ts';
import { createUser } from '../create-user.ts';
import { failingAs, inTransaction, isUniqueViolation } from '../db.ts';
import { AuthError, validationFailed } from '../errors.ts';
import { hashPassword } from '../password-hash.ts';
import { assertStrongPassword, type PasswordPolicy } from '../password-rules.ts';
import { readJson, requireServiceRole, type AuthReply, type AuthRequest } from '../request.ts';
import { findUserByEmail, findUserById, userColumns, userJson, type UserRow } from '../users.ts';
import { MetadataSchema, validEmail } from './signup.ts';
import { emailExists } from './user.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const AdminUserSchema = z.object({
  email: z.string().nullish(),
  password: z.string().nullish(),
  phone: z.string().nullish(),
  email_confirm: z.boolean().nullish(),
  user_metadata: MetadataSchema.nullish(),
  app_metadata: MetadataSchema.nullish(),
});

const DeleteUserSchema = z.object({ should_soft_delete: z.boolean().nullish() });

function throwUserNotFound(): never {
  throw new AuthError(404, 'user_not_found', 'User not found');
}

function passwordPolicy(request: AuthRequest): PasswordPolicy {
  const { minimumPasswordLength, passwordRequirements } = request.context.config.auth;
  return { minimumLength: minimumPasswordLength, requirements: passwordRequirements };
}

function refusePhone(phone: string | null | undefined): void {
  if (phone) throw validationFailed('The local Auth stand-in does not support phone users');
}

async function userFromPath(request: AuthRequest): Promise<UserRow> {
  const id = request.params[0];
  // GoTrue's loadUser (admin.go) answers a path that is no UUID this way, before any lookup.
  if (!UUID.test(id)) throw new AuthError(404, 'validation_failed', 'user_id must be an UUID');
  return (await findUserById(request.context.authPool, id)) ?? throwUserNotFound();
}

export async function adminCreateUser(request: AuthRequest): Promise<AuthReply> {
  await requireServiceRole(request);
  const body = await readJson(request, AdminUserSchema);
  refusePhone(body.phone);
  if (!body.email) throw validationFailed('An email address is required (phone users are not supported locally)');
  const email = validEmail(body.email);
  if (typeof body.password === 'string') assertStrongPassword(body.password, passwordPolicy(request));
  if (await findUserByEmail(request.context.authPool, email)) throw emailExists();
  const newUser = {
    email,
    password: body.password ?? null,
    userMetadata: body.user_metadata ?? {},
    appMetadata: body.app_metadata ?? {},
    emailConfirmed: body.email_confirm === true,
    isAnonymous: false,
  };
  const user = await createUser(request, newUser, emailExists, (client, created) => userJson(client, created));
  return { status: 200, body: user };
}

const maxOffset = 2n ** 63n - 1n;

/**
 * `page` / `per_page` as GoTrue's paginate reads them: strconv.ParseUint, so anything but digits
 * (a sign, a fraction, a huge number) is 400 "Bad Pagination Parameters".
 */
function paginationParameter(request: AuthRequest, name: string, fallback: number): number {
  const raw = request.url.searchParams.get(name);
  if (!raw) return fallback;
  const problem = !/^\d+$/.test(raw) ? 'invalid syntax' : BigInt(raw) >= 2n ** 64n ? 'value out of range' : null;
  if (problem) {
    throw new AuthError(400, 'validation_failed', `Bad Pagination Parameters: strconv.ParseUint: parsing ${JSON.stringify(raw)}: ${problem}`);
  }
  // Beyond 2^53 the exact number no longer matters: such a page is past every user anyway.
  return Math.min(Number(raw), Number.MAX_SAFE_INTEGER);
}

export async function adminListUsers(request: AuthRequest): Promise<AuthReply> {
  await requireServiceRole(request);
  const page = Math.max(1, paginationParameter(request, 'page', 1));
  const perPage = Math.min(1000, Math.max(1, paginationParameter(request, 'per_page', 50)));
  // A page past any possible offset is simply empty (PostgreSQL's offset is a bigint).
  const offset = BigInt(page - 1) * BigInt(perPage);
  const db = request.context.authPool;
  const { rows: counted } = await db.query<{ total: number }>(
    'select count(*)::int as total from auth.users where deleted_at is null',
  );
  const total = counted[0].total;
  const { rows } = await db.query<UserRow>(
    `select ${userColumns} from auth.users where deleted_at is null
      order by created_at desc, id limit $1 offset $2`,
    [perPage, String(offset > maxOffset ? maxOffset : offset)],
  );
  const users = [];
  for (const row of rows) users.push(await userJson(db, row));
  // GoTrue's pagination headers, which supabase-js turns into nextPage / lastPage / total.
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const link = (target: number, rel: string) => `</admin/users?page=${target}&per_page=${perPage}>; rel="${rel}"`;
  const links = [...(page < lastPage ? [link(page + 1, 'next')] : []), link(lastPage, 'last')];
  return {
    status: 200,
    body: { users, aud: 'authenticated' },
    headers: { 'X-Total-Count': String(total), Link: links.join(', ') },
  };
}

export async function adminGetUser(request: AuthRequest): Promise<AuthReply> {
  await requireServiceRole(request);
  const user = await userFromPath(request);
  return { status: 200, body: await userJson(request.context.authPool, user) };
}

export async function adminUpdateUser(request: AuthRequest): Promise<AuthReply> {
  await requireServiceRole(request);
  const target = await userFromPath(request);
  const body = await readJson(request, AdminUserSchema);
  refusePhone(body.phone);
  const email = body.email ? validEmail(body.email) : null;
  if (typeof body.password === 'string') assertStrongPassword(body.password, passwordPolicy(request));
  const newPasswordHash = typeof body.password !== 'string' ? null : await hashPassword(body.password);
  const updated = await failingAs('Database error updating user', () =>
    inTransaction(request.context.authPool, async (client) => {
      const user = (await findUserById(client, target.id, { lock: true })) ?? throwUserNotFound();
      if (email && email !== user.email) await setConfirmedEmail(client, user, email);
      if (newPasswordHash) {
        await client.query('update auth.users set encrypted_password = $2 where id = $1', [user.id, newPasswordHash]);
      }
      if (body.user_metadata) {
        await client.query('update auth.users set raw_user_meta_data = $2 where id = $1', [
          user.id,
          mergeMetadata(user.raw_user_meta_data, body.user_metadata),
        ]);
      }
      if (body.app_metadata) {
        await client.query('update auth.users set raw_app_meta_data = $2 where id = $1', [
          user.id,
          mergeMetadata(user.raw_app_meta_data, body.app_metadata),
        ]);
      }
      if (body.email_confirm === true) {
        await client.query('update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()) where id = $1', [user.id]);
      }
      await client.query('update auth.users set updated_at = now() where id = $1', [user.id]);
      const saved = (await findUserById(client, user.id)) ?? user;
      return userJson(client, saved);
    }).catch((error: unknown) => {
      throw isUniqueViolation(error, 'users_email_partial_key') ? emailExists() : error;
    }),
  );
  return { status: 200, body: updated };
}

export async function adminDeleteUser(request: AuthRequest): Promise<AuthReply> {
  await requireServiceRole(request);
  const user = await userFromPath(request);
  const body = await readJson(request, DeleteUserSchema);
  if (body.should_soft_delete) {
    throw validationFailed('Soft deletion is not supported by the local Auth stand-in; delete the user instead');
  }
  await failingAs('Database error deleting user', () =>
    inTransaction(request.context.authPool, async (client) => {
      // flow_state has no foreign key to users, so it is cleaned up by hand.
      await client.query('delete from auth.flow_state where user_id = $1', [user.id]);
      await client.query('delete from auth.users where id = $1', [user.id]);
    }),
  );
  return { status: 200, body: {} };
}
