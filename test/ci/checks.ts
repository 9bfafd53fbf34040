// `npm test`'s first stage: the type-check (every project `tsc -b` builds), the security lint
// and the renderer build, two at a time. tsc and eslint each use one core, so run one after
// the other they leave the second core idle for about two minutes on a clean clone.
//
//   lane 1: tsc -b shared → tsc -b electron → tsc -b test
//   lane 2: eslint → vite build → (once shared is built) tsc -b renderer
//
// renderer and electron both reference shared, so renderer waits for lane 1 to finish shared:
// two builds never write the same project. Each step's output is printed when it ends; the
// run fails if any step fails (after the others have finished, so every failure is shown).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Step {
  name: string;
  command: string;
  args: string[];
}

const tsc = (project: string): Step => ({ name: `tsc -b ${project}`, command: `${root}node_modules/.bin/tsc`, args: ['-b', project] });
const npmRun = (script: string): Step => ({ name: `npm run ${script}`, command: 'npm', args: ['run', '-s', script] });

const failed: string[] = [];

function runStep(step: Step): Promise<void> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    const finish = (code: number | null, error?: Error): void => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const ok = code === 0 && !error;
      if (!ok) failed.push(step.name);
      process.stdout.write(`${ok ? '✓' : '✗'} ${step.name} (${seconds} s)\n`);
      const text = Buffer.concat(output).toString('utf8').trim();
      if (text) process.stdout.write(`${text}\n`);
      if (error) process.stdout.write(`${error.message}\n`);
      resolve();
    };
    child.on('error', (error) => finish(null, error));
    child.on('close', (code) => finish(code));
  });
}

async function inOrder(steps: Array<Step | Promise<void>>): Promise<void> {
  for (const step of steps) {
    if (step instanceof Promise) await step;
    else await runStep(step);
  }
}

let sharedBuilt: () => void = () => undefined;
const shared = new Promise<void>((resolve) => (sharedBuilt = resolve));

await Promise.all([
  (async () => {
    await runStep(tsc('shared'));
    sharedBuilt();
    await inOrder([tsc('electron'), tsc('test')]);
  })(),
  inOrder([npmRun('lint'), npmRun('build:renderer'), shared, tsc('renderer')]),
]);

if (failed.length) {
  process.stdout.write(`Failed: ${failed.join(', ')}\n`);
  process.exit(1);
}
