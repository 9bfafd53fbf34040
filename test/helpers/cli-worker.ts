// Runs the real CLI's `main` in a worker thread, one command at a time, for test/helpers/cli.ts.
// Each command gets only the environment it is given (as a child process would), and what it
// writes to stdout and stderr is captured and sent back with its exit code.
import './kdf-memo.js';
import { parentPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { main } from '../../electron/cli/main.js';

interface Request {
  args: string[];
  env: Record<string, string>;
  done: Int32Array;
  reply: MessagePort;
}

async function run({ args, env }: Request): Promise<{ code: number; stdout: string; stderr: string }> {
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, env);
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } catch {
    return { code: 2, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

parentPort?.on('message', (request: Request) => {
  void run(request).then((result) => {
    request.reply.postMessage(result);
    request.reply.close();
    Atomics.store(request.done, 0, 1);
    Atomics.notify(request.done, 0);
  });
});
