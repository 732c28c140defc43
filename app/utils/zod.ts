// zod, configured once for the whole app: every module imports `z` from here, never from 'zod'
// (eslint enforces it). jitless: zod 4 otherwise probes `new Function('')` the first time it
// builds an object schema, and under our Content-Security-Policy (no 'unsafe-eval') the browser
// reports that probe as a violation even though zod catches it and falls back. Parsing is the
// same either way; only the optional compiled fast path is skipped.
import { z } from 'zod';

z.config({ jitless: true });

export { z };
