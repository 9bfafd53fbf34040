// Global options may stand before or after the command (DESIGN §4); both `--x v` and `--x=v` work.
export interface ParsedArgs {
  words: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

const FLAGS = new Set(['json', 'help', 'version', 'published', 'force', 'per-family', 'submit-only', 'reads-own']);
const VALUED = new Set(['db', 'user', 'source', 'kind', 'mapping', 'as-of', 'out', 'households', 'seed', 'threshold', 'role', 'organisation', 'spec', 'threads', 'min-probability', 'run',
  // areas and deprivation (area-commands.ts)
  'release', 'vintage', 'lsoa', 'ward', 'ward-year', 'effective', 'borough',
  // data protection record on import
  'dsa', 'lawful-basis', 'retention-until',
  // mapping presets on import
  'save-mapping',
  // programmes, cohorts and family outcomes (cohort-commands.ts)
  'preset', 'programme', 'version', 'attached', 'family', 'limit',
  // neighbourhood outcomes (outcomes-commands.ts)
  'indicator', 'period', 'area',
  // board packs
  'template',
  // audit verify: a checkpoint kept outside the store
  'checkpoint',
  // model export (model-commands.ts)
  'format',
  // review queue (baseline-commands.ts)
  'note', 'order',
  // baseline grid export (baseline-grid-commands.ts)
  'sort', 'columns', 'age-band', 'flag', 'imd-decile', 'cohort', 'text']);

export class UsageError extends Error {}

export function parseArgs(argv: string[]): ParsedArgs {
  const words: string[] = [];
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      words.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.add('help');
      continue;
    }
    if (!arg.startsWith('--')) {
      words.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    if (FLAGS.has(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags.add(name);
      continue;
    }
    if (!VALUED.has(name)) throw new UsageError(`Unknown option --${name}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    options.set(name, [...(options.get(name) ?? []), value]);
  }
  return { words, options, flags };
}

export function single(args: ParsedArgs, name: string): string | undefined {
  const values = args.options.get(name);
  if (values && values.length > 1) throw new UsageError(`--${name} given more than once`);
  return values?.[0];
}

export function integer(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = single(args, name);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number, not "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}`);
  return n;
}

/** Command nouns accept singular and plural. */
export const noun = (word: string | undefined): string | undefined => word?.replace(/s$/, '');
