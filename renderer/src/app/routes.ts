/** The pipeline in the order data flows through it (DESIGN: import → link → baseline → …). */
export const PAGES = [
  { id: 'sources', label: 'Sources' },
  { id: 'matching', label: 'Matching' },
  { id: 'baseline', label: 'Baseline' },
  { id: 'areas', label: 'Areas & IMD' },
  { id: 'families', label: 'Families' },
  { id: 'outcomes', label: 'Outcomes' },
  { id: 'packs', label: 'Board packs' },
  { id: 'audit', label: 'Audit & settings' },
] as const;

export type PageId = (typeof PAGES)[number]['id'];

export function pageLabel(id: PageId): string {
  return PAGES.find((page) => page.id === id)?.label ?? id;
}
