// Which header row a reference table is searched for. A name, not a function, because the
// search runs in a worker thread and only data crosses to it.
import { isIodHeader } from './iod-recognise.js';
import { isLookupHeader } from './lookup-layouts.js';

export const HEADER_TESTS = {
  iod: isIodHeader,
  lookup: isLookupHeader,
  /** Either: a file given without saying what it is. */
  reference: (cells: readonly string[]): boolean => isIodHeader(cells) || isLookupHeader(cells),
} as const;

export type HeaderKind = keyof typeof HEADER_TESTS;
