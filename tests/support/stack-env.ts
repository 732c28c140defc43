// The env of the stack the tests run against: the `test` profile unless STACK_PROFILE says
// otherwise. `npm test` starts that stack; `npm run stack -- --profile=test` does it by hand.
import { readStackEnv, type StackEnv } from '../../scripts/lib/env-file.ts';
import { profileFromArgs } from '../../scripts/lib/profile.ts';

export function stackEnv(): StackEnv {
  return readStackEnv(profileFromArgs([`--profile=${process.env.STACK_PROFILE ?? 'test'}`]));
}
