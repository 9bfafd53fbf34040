// What a page of the app is: its id, its label in the navigation and its view. Each feature
// folder defines its page once (features/<feature>/page.ts); app/pages.ts lists them in order.
import type { ComponentType } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract.js';

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

export interface Page<Id extends string = string> {
  id: Id;
  label: string;
  view: ComponentType<PageProps>;
}

/** Keeps the page's id as a literal, so the list of pages gives the type of a page id. */
export function definePage<const Id extends string>(page: Page<Id>): Page<Id> {
  return page;
}
