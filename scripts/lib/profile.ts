// Where each local stack lives. `dev` uses the ports `supabase start` uses, so the app cannot
// tell the two apart; `test` is a second, independent stack so `npm test` never touches the
// developer's data and can run while a dev stack is up.
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');

export type ProfileName = 'dev' | 'test';

export interface StackProfile {
  name: ProfileName;
  apiPort: number;
  dbPort: number;
  mailPort: number;
  appPort: number;
  /** Git-ignored folder holding the cluster, logs and pid files of this stack. */
  dir: string;
  /** The env file the stack writes and the app and tests read. */
  envFile: string;
}

const profiles: Record<ProfileName, Omit<StackProfile, 'name' | 'dir' | 'envFile'>> = {
  dev: { apiPort: 54321, dbPort: 54322, mailPort: 54324, appPort: 3000 },
  test: { apiPort: 54331, dbPort: 54332, mailPort: 54334, appPort: 3001 },
};

export function getProfile(name: ProfileName = 'dev'): StackProfile {
  const dir = path.join(projectRoot, '.local', name);
  return {
    name,
    ...profiles[name],
    dir,
    envFile: name === 'dev' ? path.join(projectRoot, '.env') : path.join(dir, '.env'),
  };
}

export function profileFromArgs(argv: string[]): StackProfile {
  const flag = argv.find((arg) => arg.startsWith('--profile='));
  const name = flag?.split('=')[1] ?? process.env.STACK_PROFILE ?? 'dev';
  if (name !== 'dev' && name !== 'test') throw new Error(`Unknown stack profile "${name}" (use dev or test).`);
  return getProfile(name);
}

/** Every local role's password is `postgres`, as in `supabase start`. */
export function databaseUrl(profile: StackProfile, user = 'postgres'): string {
  return `postgresql://${user}:postgres@127.0.0.1:${profile.dbPort}/postgres`;
}
