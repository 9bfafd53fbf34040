import { z } from 'zod';

// Zod 4 probes `new Function('')` to decide whether to compile parsers; under our CSP
// (no 'unsafe-eval') the probe fails harmlessly but is still reported as a CSP violation.
// Jitless mode skips the probe. Imported first in main.tsx, before any schema is used.
z.config({ jitless: true });
