// What every request handler of the stand-in shares: database pools connected as the roles the
// real services use, the JWT secret, the config and the outgoing mail box.
import pg from 'pg';
import type { StandInConfig } from './config.ts';
import type { MailBox } from './mail.ts';

export interface ApiContext {
  /** Connected as `authenticator`, like PostgREST; each request switches role in its transaction. */
  restPool: pg.Pool;
  /** Connected as `supabase_auth_admin`, like GoTrue. */
  authPool: pg.Pool;
  jwtSecret: string;
  config: StandInConfig;
  mail: MailBox;
  /** Public base URL of the API, e.g. http://127.0.0.1:54321 (used in email links). */
  apiUrl: string;
}

export function createPools(dbPort: number): Pick<ApiContext, 'restPool' | 'authPool'> {
  // Idle connections stay a minute: a fresh one re-plans every function on first use.
  const base = { host: '127.0.0.1', port: dbPort, database: 'postgres', password: 'postgres', max: 20, idleTimeoutMillis: 60_000 };
  return {
    restPool: new pg.Pool({ ...base, user: 'authenticator', application_name: 'local-rest' }),
    authPool: new pg.Pool({ ...base, user: 'supabase_auth_admin', application_name: 'local-auth' }),
  };
}
