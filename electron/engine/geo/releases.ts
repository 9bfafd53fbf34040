// The IoD releases and LSOA vintages (DOMAIN §2.1, §2.5): facts as data, nothing else.

export type Vintage = 2001 | 2011 | 2021;
export const VINTAGES: readonly Vintage[] = [2001, 2011, 2021];

export type ReleaseId = 'IoD2004' | 'IoD2007' | 'IoD2010' | 'IoD2015' | 'IoD2019' | 'IoD2025';

export interface ReleaseInfo {
  id: ReleaseId;
  year: number;
  vintage: Vintage;
  /** LSOAs ranked in England: the denominator of every rank and decile of the release. */
  nationalLsoas: number;
}

export const RELEASES: readonly ReleaseInfo[] = [
  { id: 'IoD2004', year: 2004, vintage: 2001, nationalLsoas: 32_482 },
  { id: 'IoD2007', year: 2007, vintage: 2001, nationalLsoas: 32_482 },
  { id: 'IoD2010', year: 2010, vintage: 2001, nationalLsoas: 32_482 },
  { id: 'IoD2015', year: 2015, vintage: 2011, nationalLsoas: 32_844 },
  { id: 'IoD2019', year: 2019, vintage: 2011, nationalLsoas: 32_844 },
  { id: 'IoD2025', year: 2025, vintage: 2021, nationalLsoas: 33_755 },
];

export function releaseInfo(id: string): ReleaseInfo | undefined {
  return RELEASES.find((r) => r.id === id);
}

/** Accepts "IoD2019", "iod2019", "IMD2019", "2019". */
export function parseRelease(text: string): ReleaseInfo | undefined {
  const m = /^(?:iod|imd)?\s*(\d{4})$/i.exec(text.trim());
  return m ? RELEASES.find((r) => r.year === Number(m[1])) : undefined;
}

export function parseVintage(text: string | number): Vintage | undefined {
  const n = typeof text === 'number' ? text : Number(String(text).trim().replace(/^lsoa\s*/i, ''));
  const full = n < 100 ? 2000 + n : n;
  return (VINTAGES as readonly number[]).includes(full) ? (full as Vintage) : undefined;
}

/** Decile from a national rank, as published: decile = ceil(rank / (N / 10)). */
export function decileFromRank(rank: number, nationalLsoas: number): number {
  return Math.min(10, Math.max(1, Math.ceil(rank / (nationalLsoas / 10))));
}

/** English or Welsh LSOA code (E01/W01 + 6 digits). */
export const LSOA_CODE = /^[EW]01\d{6}$/;
export const isLsoaCode = (value: string): boolean => LSOA_CODE.test(value);
