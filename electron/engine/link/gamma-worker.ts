// Worker entry: computes comparison levels, match weights and waterfalls for ranges of pairs,
// reading the shared Prepared columns and levels and writing into shared output buffers. The
// first message brings the data (the worker boots before it exists), a scoring task's models
// come once before its chunks; then one task in, one reply out.
import { parentPort } from 'node:worker_threads';
import { compareRange, type Plan } from './compare.js';
import { explainRange, rescoreRange, scoreRange, type Model, type ScoringModels, type SurnameLift, type TfChange } from './model.js';
import type { Prepared } from './prepare.js';

interface Pairs {
  id: number;
  a: Int32Array;
  b: Int32Array;
  from: number;
  to: number;
}

type Task =
  /** K bytes per pair for pairs [from, to) */
  | (Pairs & { kind: 'compare'; out: Uint8Array })
  | (Pairs & { kind: 'score'; gammas: Uint8Array; weight: Float32Array })
  | (Pairs & { kind: 'rescore'; gammas: Uint8Array; weight: Float32Array; lift: SurnameLift; floor: number })
  | (Pairs & { kind: 'explain'; gammas: Uint8Array; kept: Int32Array; levels: Uint8Array; weights: Float32Array });

let data: { prepared: Prepared; plan: Plan } | null = null;
let score: Model | null = null;
let change: TfChange | null = null;

function run(task: Task): number {
  switch (task.kind) {
    case 'compare':
      if (!data) throw new Error('no data');
      compareRange(data.prepared, data.plan, task.a, task.b, task.from, task.to, task.out);
      return 0;
    case 'score':
      if (!score) throw new Error('no model');
      scoreRange(score, task.gammas, task.a, task.b, task.from, task.to, task.weight);
      return 0;
    case 'rescore':
      if (!change) throw new Error('no model');
      return rescoreRange(change, task.lift, task.floor, task.gammas, task.a, task.b, task.from, task.to, task.weight);
    case 'explain':
      if (!score) throw new Error('no model');
      explainRange(score, task.gammas, task.a, task.b, task.kept, task.from, task.to, task.levels, task.weights);
      return 0;
  }
}

parentPort?.on('message', (message: { init: { prepared: Prepared; plan: Plan } } | { models: ScoringModels } | Task) => {
  if ('init' in message) {
    data = message.init;
    return;
  }
  if ('models' in message) {
    if ('score' in message.models) score = message.models.score;
    else change = message.models.change;
    return;
  }
  try {
    parentPort?.postMessage({ id: message.id, ok: true, value: run(message) });
  } catch (error) {
    parentPort?.postMessage({ id: message.id, ok: false, message: error instanceof Error ? error.name : 'error' });
  }
});
