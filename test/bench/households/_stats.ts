import { loadTruthRecords } from './load.js';
import type { LinkRecord } from '../../../electron/engine/link/types.js';
const { records, personIds, householdIds } = loadTruthRecords('/tmp/h.db', '/tmp/h-files', 'a long passphrase', process.argv[2] ?? '/tmp/h20k.json');
const per = new Map<string, { h: string; rs: LinkRecord[] }>();
records.forEach((r, i) => { const p = personIds[i]!; let e = per.get(p); if (!e) per.set(p, e = { h: householdIds[i]!, rs: [] }); e.rs.push(r); });
const hh = new Map<string, string[]>();
for (const [p, e] of per) hh.set(e.h, [...(hh.get(e.h) ?? []), p]);
const anchored = (p: string) => per.get(p)!.rs.some((r) => r.address);
const pcOf = (p: string) => per.get(p)!.rs.find((r) => r.postcode)?.postcode ?? null;
let unanch = 0, unanchWithAnchoredHH = 0, surnameMatch = 0, noPc = 0;
const sn = (p: string) => new Set(per.get(p)!.rs.map((r) => r.surname?.toUpperCase()));
for (const [p, e] of per) {
  if (anchored(p)) continue;
  unanch++;
  if (!pcOf(p)) noPc++;
  const mates = hh.get(e.h)!.filter((q) => q !== p && anchored(q));
  if (mates.length) { unanchWithAnchoredHH++; const s = sn(p); if (mates.some((q) => [...sn(q)].some((x) => s.has(x)))) surnameMatch++; }
}
console.log({ persons: per.size, unanch, noPc, unanchWithAnchoredHH, surnameMatch });
// household size distribution (observed persons)
const sizes = new Map<number, number>(); for (const m of hh.values()) sizes.set(m.length, (sizes.get(m.length) ?? 0) + 1);
console.log('observed hh sizes', [...sizes.entries()].sort((a, b) => a[0] - b[0]));
// households per postcode in observed data (truth hh by pc of any member)
const pcH = new Map<string, Set<string>>();
for (const [p, e] of per) { for (const r of e.rs) if (r.postcode) { let s = pcH.get(r.postcode); if (!s) pcH.set(r.postcode, s = new Set()); s.add(e.h); } }
const d = new Map<number, number>(); for (const s of pcH.values()) { const k = Math.min(s.size, 30); d.set(k, (d.get(k) ?? 0) + 1); }
console.log('households seen per postcode', [...d.entries()].sort((a, b) => a[0] - b[0]));
// persons with multiple distinct postcodes
let multiPc = 0; for (const e of per.values()) if (new Set(e.rs.map((r) => r.postcode).filter(Boolean)).size > 1) multiPc++;
console.log({ multiPc });
