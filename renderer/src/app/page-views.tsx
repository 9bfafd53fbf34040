// Which view each page shows: one line per page that exists. A page listed in routes.ts without a
// view here shows its placeholder, so the navigation always shows the whole pipeline.
import type { ComponentType } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract.js';
import { AreasPage } from '../features/areas/AreasPage.js';
import { MatchingPage } from '../features/matching/MatchingPage.js';
import { SettingsPage } from '../features/settings/SettingsPage.js';
import { SourcesPage } from '../features/sources/SourcesPage.js';
import { FamiliesPage } from '../features/families/FamiliesPage.js';
import { OutcomesPage } from '../features/outcomes/OutcomesPage.js';
import { PacksPage } from '../features/packs/PacksPage.js';
import { BaselinePage } from '../features/baseline/BaselinePage.js';
import type { PageId } from './routes.js';

/** What the shell gives every page. */
export interface PageProps {
  info: AppInfo;
  /** Something may have changed the store's status (e.g. demo data made it synthetic). */
  onStoreChanged(): void;
  /** Opens a person's page on the Baseline page (from another page's evidence). */
  openPerson?(personId: string): void;
  /** The person the Baseline page opens on, when another page sent the user there. */
  personTarget?: string | null;
}

export const PAGE_VIEWS: Partial<Record<PageId, ComponentType<PageProps>>> = {
  sources: SourcesPage,
  matching: MatchingPage,
  areas: AreasPage,
  families: FamiliesPage,
  outcomes: OutcomesPage,
  packs: PacksPage,
  baseline: BaselinePage,
  audit: SettingsPage,
};
