// The app's pages, in the order data flows through them (import → link → baseline → areas →
// families → outcomes → packs). Adding a page is its feature folder (with a page.ts defining it)
// and one entry here.
import { SOURCES_PAGE } from '../features/sources/page.js';
import { MATCHING_PAGE } from '../features/matching/page.js';
import { BASELINE_PAGE } from '../features/baseline/page.js';
import { AREAS_PAGE } from '../features/areas/page.js';
import { FAMILIES_PAGE } from '../features/families/page.js';
import { OUTCOMES_PAGE } from '../features/outcomes/page.js';
import { PACKS_PAGE } from '../features/packs/page.js';
import { AUDIT_PAGE } from '../features/settings/page.js';

export const PAGES = [
  SOURCES_PAGE,
  MATCHING_PAGE,
  BASELINE_PAGE,
  AREAS_PAGE,
  FAMILIES_PAGE,
  OUTCOMES_PAGE,
  PACKS_PAGE,
  AUDIT_PAGE,
] as const;

export type PageId = (typeof PAGES)[number]['id'];

export function pageOf(id: PageId): (typeof PAGES)[number] {
  return PAGES.find((page) => page.id === id) ?? PAGES[0];
}

export function pageLabel(id: PageId): string {
  return pageOf(id).label;
}
