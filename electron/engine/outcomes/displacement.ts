// The displacement check: an area whose rate falls because its families moved out (and others
// moved in) has not improved. Between the baseline period and the latest, the area's residents
// are split into those who stayed, moved out (followed to where they live now) and moved in, and
// the change in the area's rate is set beside the change for the same people. One pass over the
// persons serves every area.
import type { Displacement, IndicatorDefinition } from '../../../shared/ipc/channels/outcomes.js';
import { isSmall } from '../disclosure/suppress.js';
import { inDenominatorBand, type CountedPeriod } from './compute.js';
import { dateNumber, householdsOn, type Frame } from './frame.js';

interface Tally {
  n: number;
  x: number;
}
interface Group {
  people: number;
  before: Tally;
  after: Tally;
}
type Groups = Record<'areaBefore' | 'areaAfter' | 'stayed' | 'movedOut' | 'movedIn' | 'same', Group>;

function add(g: Group, b0: boolean, b1: boolean, v0: number, v1: number): void {
  g.people++;
  if (b0) {
    g.before.n++;
    g.before.x += v0;
  }
  if (b1) {
    g.after.n++;
    g.after.x += v1;
  }
}

const NOTE = "Rates per 1,000 of the baseline's own people (those the extracts know), by where their household lived at each period's end. The change from moves is the area's change less the change for the people who stayed.";

export function displacementChecks(frame: Frame, def: IndicatorDefinition, before: CountedPeriod, after: CountedPeriod, areas: ReadonlyArray<readonly number[]>, controlled: boolean): Displacement[] {
  const was = householdsOn(frame, before.end);
  const now = householdsOn(frame, after.end);
  const d0 = dateNumber(before.end);
  const d1 = dateNumber(after.end);
  const areasOf: number[][] = Array.from({ length: frame.lsoaCodes.length }, () => []);
  areas.forEach((lsoas, a) => {
    for (const l of lsoas) (areasOf[l] as number[]).push(a);
  });
  const make = (): Group => ({ people: 0, before: { n: 0, x: 0 }, after: { n: 0, x: 0 } });
  const groups: Groups[] = areas.map(() => ({ areaBefore: make(), areaAfter: make(), stayed: make(), movedOut: make(), movedIn: make(), same: make() }));
  const none: number[] = [];
  for (let person = 0; person < frame.persons; person++) {
    const h = frame.householdOf[person] as number;
    const lw = was[h] as number;
    const ln = now[h] as number;
    const fromAreas = lw >= 0 ? (areasOf[lw] as number[]) : none;
    const toAreas = ln >= 0 ? (areasOf[ln] as number[]) : none;
    if (fromAreas.length === 0 && toAreas.length === 0) continue;
    const dob = frame.dob[person] as number;
    const b0 = inDenominatorBand(def, dob, d0);
    const b1 = inDenominatorBand(def, dob, d1);
    const v0 = before.personValues.get(person) ?? 0;
    const v1 = after.personValues.get(person) ?? 0;
    for (const a of fromAreas) {
      const g = groups[a] as Groups;
      add(g.areaBefore, b0, b1, v0, v1);
      add(g.same, b0, b1, v0, v1);
      add(toAreas.includes(a) ? g.stayed : g.movedOut, b0, b1, v0, v1);
    }
    for (const a of toAreas) {
      const g = groups[a] as Groups;
      add(g.areaAfter, b0, b1, v0, v1);
      if (!fromAreas.includes(a)) add(g.movedIn, b0, b1, v0, v1);
    }
  }
  const rate = (c: Tally): number | null => {
    if (c.n === 0) return null;
    if (controlled && (c.n < 10 || isSmall(c.x))) return null;
    return (c.x / c.n) * 1000;
  };
  const people = (n: number): number | null => (controlled && isSmall(n) ? null : n);
  const view = (group: Group): Displacement['stayed'] => ({ people: people(group.people), rateBefore: rate(group.before), rateAfter: rate(group.after) });
  const diff = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : b - a);
  return groups.map((g) => {
    const areaBefore = rate(g.areaBefore.before);
    const areaAfter = rate(g.areaAfter.after);
    const changeInArea = diff(areaBefore, areaAfter);
    const stayedChange = diff(rate(g.stayed.before), rate(g.stayed.after));
    return {
      baselinePeriod: before.key,
      latestPeriod: after.key,
      areaBefore: { people: people(g.areaBefore.people), rateBefore: areaBefore, rateAfter: null },
      areaAfter: { people: people(g.areaAfter.people), rateBefore: null, rateAfter: areaAfter },
      stayed: view(g.stayed),
      movedOut: view(g.movedOut),
      movedIn: view(g.movedIn),
      samePeople: view(g.same),
      changeInArea,
      changeSamePeople: diff(rate(g.same.before), rate(g.same.after)),
      changeFromMoves: changeInArea === null || stayedChange === null ? null : changeInArea - stayedChange,
      note: NOTE,
    };
  });
}
