// Words and choices for the Areas page, kept apart from the components so they can be tested.
import type { GeoImportResult, GeoStatus, Indicator, MapMeasure, ReleaseId, Vintage } from '../../../../shared/ipc/channels/areas.js';
import { formatCount } from '../../components/format.js';

const KIND_WORDS: Record<GeoImportResult['kind'], string> = { imd: 'Indices of Deprivation', lookup: 'ONS lookup', boundaries: 'LSOA boundaries' };

/** "Indices of Deprivation: IoD2025 on LSOA 2021 codes, 170 LSOAs." */
export function describeImport(r: GeoImportResult): string {
  const releases = r.releases.length > 0 ? ` ${r.releases.join(', ')}` : '';
  const vintages = r.vintages.length > 0 ? ` on LSOA ${r.vintages.join(', ')} codes` : '';
  return `${KIND_WORDS[r.kind]}:${releases}${vintages}, ${formatCount(r.lsoas)} LSOAs.`;
}

export const INDICATOR_LABELS: ReadonlyArray<{ value: Indicator; label: string }> = [
  { value: 'imd', label: 'Index of Multiple Deprivation' },
  { value: 'income', label: 'Income' },
  { value: 'employment', label: 'Employment' },
  { value: 'education', label: 'Education, Skills and Training' },
  { value: 'health', label: 'Health Deprivation and Disability' },
  { value: 'crime', label: 'Crime' },
  { value: 'barriers', label: 'Barriers to Housing and Services' },
  { value: 'living_environment', label: 'Living Environment' },
  { value: 'idaci', label: 'Income Deprivation Affecting Children (IDACI)' },
  { value: 'idaopi', label: 'Income Deprivation Affecting Older People (IDAOPI)' },
];

export interface LayerChoice {
  /** "IoD2025" or "households-2021" / "persons-2021". */
  value: string;
  label: string;
}

/** What the map can show: each imported release whose LSOA vintage has boundaries, then baseline counts per boundary vintage. */
export function layerChoices(status: GeoStatus): LayerChoice[] {
  const drawn = new Set(status.boundaries.map((b) => b.vintage));
  const releases = status.releases.filter((r) => drawn.has(r.vintage)).reverse();
  return [
    ...releases.map((r) => ({ value: r.release, label: `${r.release} (LSOA ${r.vintage})` })),
    ...[...drawn].sort((a, b) => b - a).flatMap((v) => [
      { value: `households-${v}`, label: `Households in the baseline (LSOA ${v})` },
      { value: `persons-${v}`, label: `Persons in the baseline (LSOA ${v})` },
    ]),
  ];
}

/** The map request for a layer and (for a release) an index or "population". */
export function measureFor(layer: string, index: string): MapMeasure | null {
  const counts = /^(households|persons)-(2001|2011|2021)$/.exec(layer);
  if (counts) return { kind: counts[1] as 'households' | 'persons', vintage: Number(counts[2]) as Vintage };
  if (!/^IoD(2004|2007|2010|2015|2019|2025)$/.test(layer)) return null;
  const release = layer as ReleaseId;
  if (index === 'population') return { kind: 'population', release };
  const indicator = INDICATOR_LABELS.find((i) => i.value === index)?.value ?? 'imd';
  return { kind: 'decile', release, indicator };
}

/** What hovering or focusing an LSOA says, e.g. "Rotherham 016A (E01007715): decile 1, rank 15 of 33,755". */
export function lsoaSummary(
  feature: { lsoa: string; name: string | null; value: number | null; rank: number | null; withheld: boolean },
  scale: 'decile' | 'count',
  nationalLsoas: number | null,
): string {
  const who = feature.name ? `${feature.name} (${feature.lsoa})` : feature.lsoa;
  if (feature.withheld) return `${who}: fewer than 10`;
  if (feature.value === null) return `${who}: no value`;
  if (scale === 'decile') {
    const rank = feature.rank === null ? '' : `, rank ${formatCount(feature.rank)}${nationalLsoas ? ` of ${formatCount(nationalLsoas)}` : ''}`;
    return `${who}: decile ${feature.value}${rank}`;
  }
  return `${who}: ${formatCount(feature.value)}`;
}

/** Legend entries for deciles. */
export function decileLegend(colour: (decile: number) => string): Array<{ colour: string; label: string }> {
  return Array.from({ length: 10 }, (_, i) => ({
    colour: colour(i + 1),
    label: i === 0 ? '1 – most deprived 10%' : i === 9 ? '10 – least deprived 10%' : String(i + 1),
  }));
}

/** "+3 deciles (less deprived)" / "−1 decile (more deprived)" / "no change". */
export function decileChangeText(change: number): string {
  if (change === 0) return 'no change';
  const size = Math.abs(change);
  return `${change > 0 ? '+' : '−'}${size} ${size === 1 ? 'decile' : 'deciles'} (${change > 0 ? 'less' : 'more'} deprived)`;
}

/** A short file name for an exported map, e.g. "iod2025-imd-deciles-lsoa2021". */
export function mapFileBase(measure: MapMeasure, vintage: Vintage): string {
  const what = measure.kind === 'decile' ? `${measure.release}-${measure.indicator}-deciles` : measure.kind === 'population' ? `${measure.release}-population` : measure.kind;
  return `${what}-lsoa${vintage}`.toLowerCase().replace(/_/g, '-');
}
