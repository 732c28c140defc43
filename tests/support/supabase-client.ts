// supabase-js clients for tests, against the stack the tests run on (tests/support/stack-env.ts).
// One place for what every test client needs on Node 20: supabase-js builds a Realtime client in
// its constructor and Node 20 has no global WebSocket. No test subscribes, so the transport only
// has to exist, and it fails loudly if a test ever tries to open a socket.
import { createClient, type SupabaseClient, type SupabaseClientOptions, type WebSocketLikeConstructor } from '@supabase/supabase-js';
import { stackEnv } from './stack-env.ts';

class NoRealtimeInTests {
  constructor() {
    throw new Error('Tests do not use Realtime; Node 20 has no WebSocket to open one with.');
  }
}

/** Realtime options for clients built some other way (e.g. @supabase/ssr's createServerClient). */
export const realtime = {
  transport: (globalThis.WebSocket ?? NoRealtimeInTests) as unknown as WebSocketLikeConstructor,
};

export interface TestClientOptions extends Omit<SupabaseClientOptions<'public'>, 'realtime'> {
  /** API base URL; the stack's SUPABASE_URL unless a test runs its own stand-in. */
  url?: string;
}

/**
 * A client with `key` (SUPABASE_PUBLISHABLE_KEY or SUPABASE_SECRET_KEY; the legacy anon and
 * service_role keys work too) that never persists or refreshes a session on its
 * own, so tests stay independent. `auth` and `global` options are merged over those defaults.
 * Untyped by default, like createClient (the stand-in suites use fixture tables the generated
 * types do not know); pass the Database type for typed queries: createTestClient<Database>(key).
 */
export function createTestClient(key: string, options?: TestClientOptions): SupabaseClient;
export function createTestClient<DB>(key: string, options?: TestClientOptions): SupabaseClient<DB>;
export function createTestClient(key: string, { url, auth, ...rest }: TestClientOptions = {}): SupabaseClient {
  return createClient(url ?? stackEnv().SUPABASE_URL, key, {
    ...rest,
    realtime,
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false, ...auth },
  });
}
