// Recognises an IoD file by its header (iod-layouts.ts) and works out its release and LSOA
// vintage. A file that fits no layout is refused with every layout tried and what it lacked.
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { matchColumns, type MatchedColumn } from './header-match.js';
import { IOD_LAYOUTS, OFFICIAL_FILES, type IodLayout } from './iod-layouts.js';
import { parseRelease, parseVintage, releaseInfo, RELEASES, type ReleaseInfo, type Vintage } from './releases.js';

export interface IodRecognition {
  layout: IodLayout;
  /** What the report says: e.g. "IoD2019 File 2 (Domains of Deprivation) + File 3 + File 6". */
  description: string;
  columns: Map<string, MatchedColumn>;
  /** Undefined only for the long format, where each row names its release. */
  release: ReleaseInfo | undefined;
  vintage: Vintage | undefined;
  releaseFrom: 'header' | 'option' | 'file name' | 'rows';
}

function satisfied(layout: IodLayout, columns: Map<string, MatchedColumn>): string[] {
  return layout.required.filter((r) => !r.fields.some((f) => columns.has(f))).map((r) => r.describe);
}

/** True when some layout's required columns are all in this row (used to find the header row). */
export function isIodHeader(cells: readonly string[]): boolean {
  return IOD_LAYOUTS.some((l) => satisfied(l, matchColumns(cells, l.columns)).length === 0);
}

export function recogniseIod(header: readonly string[], fileName: string, releaseOption?: string): IodRecognition {
  const tried: string[] = [];
  let best: { layout: IodLayout; columns: Map<string, MatchedColumn> } | undefined;
  for (const layout of IOD_LAYOUTS) {
    const columns = matchColumns(header, layout.columns);
    const missing = satisfied(layout, columns);
    if (missing.length > 0) {
      tried.push(`${layout.title}: missing ${missing.join('; ')}`);
      continue;
    }
    if (!best || columns.size > best.columns.size) best = { layout, columns };
  }
  if (!best) {
    const shown = header.slice(0, 8).map((h) => `"${h.replace(/^\uFEFF/, '')}"`).join(', ');
    throw new WorkbenchError(
      'bad-input',
      `${fileName}: not a recognised Indices of Deprivation layout (header: ${shown}${header.length > 8 ? ', …' : ''}). Tried: ${tried.join(' | ')}.`,
    );
  }
  const { layout, columns } = best;
  const optionRelease = releaseOption === undefined ? undefined : parseRelease(releaseOption);
  if (releaseOption !== undefined && !optionRelease) {
    throw new WorkbenchError('bad-input', `--release ${releaseOption}: not a release (use one of ${RELEASES.map((r) => r.id).join(', ')}).`);
  }
  const lsoaCapture = columns.get('lsoa_code')?.capture;
  const headerVintage = lsoaCapture ? parseVintage(lsoaCapture) : undefined;

  if (layout.releasePerRow) {
    return { layout, columns, release: undefined, vintage: undefined, releaseFrom: 'rows', description: layout.title };
  }

  let release: ReleaseInfo | undefined;
  let releaseFrom: IodRecognition['releaseFrom'] = 'header';
  for (const rule of layout.releaseRules) {
    const capture = columns.get(rule.field)?.capture;
    const id = capture === undefined ? undefined : rule.years[capture];
    if (id) {
      release = releaseInfo(id);
      break;
    }
  }
  let candidates = layout.candidates.map((id) => releaseInfo(id)).filter((r): r is ReleaseInfo => r !== undefined);
  if (headerVintage) candidates = candidates.filter((r) => r.vintage === headerVintage);
  if (release && optionRelease && release.id !== optionRelease.id) {
    throw new WorkbenchError('bad-input', `${fileName}: its header says ${release.id} (${describeCapture(columns)}), but --release says ${optionRelease.id}.`);
  }
  if (!release && optionRelease) {
    if (candidates.length > 0 && !candidates.some((c) => c.id === optionRelease.id)) {
      throw new WorkbenchError('bad-input', `${fileName}: --release ${optionRelease.id} cannot be right for this layout (${layout.title}; possible: ${candidates.map((c) => c.id).join(', ')}).`);
    }
    release = optionRelease;
    releaseFrom = 'option';
  }
  if (!release && candidates.length === 1) release = candidates[0];
  if (!release) {
    const years = [...fileName.matchAll(/(?:^|[^0-9])(20\d{2})(?=[^0-9]|$)/g)].map((m) => Number(m[1]));
    const fromName = candidates.filter((c) => years.includes(c.year));
    if (fromName.length === 1) {
      release = fromName[0];
      releaseFrom = 'file name';
    }
  }
  if (!release) {
    throw new WorkbenchError(
      'bad-input',
      `${fileName}: recognised as ${layout.title}, but its header does not say which release it is (one of ${candidates.map((c) => c.id).join(', ')}). Say which: choose the release when importing, or give --release on the command line.`,
    );
  }
  if (headerVintage && headerVintage !== release.vintage) {
    throw new WorkbenchError('bad-input', `${fileName}: ${release.id} is published on LSOA ${release.vintage} codes, but the header says LSOA ${headerVintage} ("${columns.get('lsoa_code')?.header}").`);
  }
  return { layout, columns, release, vintage: release.vintage, releaseFrom, description: describe(layout, columns, release) };
}

function describeCapture(columns: Map<string, MatchedColumn>): string {
  return [...columns.values()].filter((c) => c.capture).map((c) => `"${c.header}"`).slice(0, 2).join(', ');
}

function describe(layout: IodLayout, columns: Map<string, MatchedColumn>, release: ReleaseInfo): string {
  if (layout.id !== 'iod-official') return `${release.id} ${layout.title}`;
  const full = OFFICIAL_FILES.filter((f) => f.fields.every((field) => columns.has(field)));
  const maximal = full.filter((f) => !full.some((g) => g !== f && g.fields.length > f.fields.length && f.fields.every((x) => g.fields.includes(x))));
  if (maximal.length === 0) return `${release.id} published columns (no complete File 1–7 set)`;
  return `${release.id} ${maximal.map((f, i) => (i === 0 ? `File ${f.file} (${f.title})` : `File ${f.file}`)).join(' + ')}`;
}
