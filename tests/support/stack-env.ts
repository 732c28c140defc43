// The env of the stack the tests run against: the `test` profile unless STACK_PROFILE says
// otherwise. `npm test` starts that stack; `npm run stack -- --profile=test` does it by hand.
import { readSigningKeys, readStackEnv, signingKeysPath, type StackEnv } from '../../scripts/lib/env-file.ts';
import { profileFromArgs } from '../../scripts/lib/profile.ts';
import { loadTokenKeys, type TokenKeys } from '../../scripts/local-stack/api/jwt.ts';

function testStackProfile() {
  return profileFromArgs([`--profile=${process.env.STACK_PROFILE ?? 'test'}`]);
}

export function stackEnv(): StackEnv {
  return readStackEnv(testStackProfile());
}

/** The stack's signing key and legacy secret, to mint tokens as its Auth would. */
export function stackTokenKeys(): TokenKeys {
  return loadTokenKeys(readSigningKeys(signingKeysPath(testStackProfile())), stackEnv().SUPABASE_JWT_SECRET);
}
