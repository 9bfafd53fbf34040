import { WorkbenchError } from '../../shared/ipc/result.js';

/**
 * BASELINE_PASSPHRASE, else a hidden prompt on a terminal. With neither, fail at once rather
 * than hang waiting for input that will never come (CI, scripts).
 */
export async function obtainPassphrase(purpose: 'unlock' | 'create', storePath: string): Promise<string> {
  const fromEnv = process.env.BASELINE_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new WorkbenchError('bad-input', `No passphrase: set BASELINE_PASSPHRASE or run in a terminal to be asked for it (store ${storePath}).`);
  }
  const first = await promptHidden(purpose === 'create' ? `New passphrase for ${storePath} (10+ characters): ` : `Passphrase for ${storePath}: `);
  if (purpose === 'create') {
    const again = await promptHidden('Type it again: ');
    if (again !== first) throw new WorkbenchError('bad-input', 'The two passphrases differ; nothing was created.');
  }
  return first;
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const done = (error?: Error): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new WorkbenchError('cancelled', 'Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** A new user's passphrase: BASELINE_NEW_PASSPHRASE, else asked twice on a terminal. */
export async function obtainNewPassphrase(user: string): Promise<string> {
  const fromEnv = process.env.BASELINE_NEW_PASSPHRASE;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new WorkbenchError('bad-input', `No passphrase for ${user}: set BASELINE_NEW_PASSPHRASE or run in a terminal to be asked for it.`);
  }
  const first = await promptHidden(`Passphrase for ${user} (10+ characters): `);
  if ((await promptHidden('Type it again: ')) !== first) throw new WorkbenchError('bad-input', 'The two passphrases differ; nothing was changed.');
  return first;
}

/** A recovery code: BASELINE_RECOVERY_CODE, else asked on a terminal (hidden, like a passphrase). */
export async function obtainRecoveryCode(storePath: string): Promise<string> {
  const fromEnv = process.env.BASELINE_RECOVERY_CODE;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new WorkbenchError('bad-input', `No recovery code: set BASELINE_RECOVERY_CODE or run in a terminal to be asked for it (store ${storePath}).`);
  }
  return promptHidden(`Recovery code for ${storePath}: `);
}
