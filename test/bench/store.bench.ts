// Store open costs: passphrase unlock (scrypt key slot) versus raw-key open.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readKeyFile, unwrapDataKey } from '../../electron/engine/store/keyslots.js';
import { Store } from '../../electron/engine/store/store.js';

const repeats = Number(process.argv[process.argv.indexOf('--repeats') + 1] ?? '5') || 5;
const dir = mkdtempSync(join(tmpdir(), 'bw-bench-'));
try {
  const path = join(dir, 'baseline.db');
  const pass = 'benchmark passphrase';
  Store.create(path, pass).close();
  const key = unwrapDataKey(readKeyFile(`${path}.keys`), pass, 'k');
  let t = performance.now();
  for (let i = 0; i < repeats; i++) Store.unlock(path, pass).close();
  const unlockMs = (performance.now() - t) / repeats;
  t = performance.now();
  for (let i = 0; i < repeats * 20; i++) Store.openWithKey(path, key, false).close();
  const rawOpenMs = (performance.now() - t) / (repeats * 20);
  process.stdout.write(`${JSON.stringify({ unlockMs, rawOpenMs })}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
