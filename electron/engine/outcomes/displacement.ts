// The displacement check: an area whose rate falls because its families moved out (and others
// moved in) has not improved. Between the baseline period and the latest, the area's residents
// are split into those who stayed, moved out (followed to where they live now) and moved in, and
// the change in the area's rate is set beside the change for the same people.
import type { Displacement, IndicatorDefinition } from '../../../shared/ipc/channels/outcomes.js';
import { isSmall } from '../disclosure/suppress.js';
import { inDenominatorBand, type CountedPeriod } from './compute.js';
import { householdsOn, type Frame } from './frame.js';

interface Group {
  people: number;
  before: { n: number; x: number };
  after: { n: number; x: number };
}

export function displacementCheck(frame: Frame, def: IndicatorDefinition, before: CountedPeriod, after: CountedPeriod, area: ReadonlySet<number>, controlled: boolean): Displacement {
  const was = householdsOn(frame, before.end);
  const now = householdsOn(frame, after.end);
  const make = (): Group => ({ people: 0, before: { n: 0, x: 0 }, after: { n: 0, x: 0 } });
  const g = { areaBefore: make(), areaAfter: make(), stayed: make(), movedOut: make(), movedIn: make(), same: make() };
  const add = (group: Group, person: number): void => {
    group.people++;
    const dob = frame.dob[person] ?? null;
    if (inDenominatorBand(def, dob, before.end)) {
      group.before.n++;
      group.before.x += before.personValues.get(person) ?? 0;
    }
    if (inDenominatorBand(def, dob, after.end)) {
      group.after.n++;
      group.after.x += after.personValues.get(person) ?? 0;
    }
  };
  for (let person = 0; person < frame.householdOf.length; person++) {
    const h = frame.householdOf[person] as number;
    const inBefore = area.has(was[h] as number);
    const inAfter = area.has(now[h] as number);
    if (!inBefore && !inAfter) continue;
    if (inBefore) {
      add(g.areaBefore, person);
      add(g.same, person);
    }
    if (inAfter) add(g.areaAfter, person);
    if (inBefore && inAfter) add(g.stayed, person);
    else if (inBefore) add(g.movedOut, person);
    else add(g.movedIn, person);
  }
  const rate = (c: { n: number; x: number }): number | null => {
    if (c.n === 0) return null;
    if (controlled && (c.n < 10 || isSmall(c.x))) return null;
    return (c.x / c.n) * 1000;
  };
  const people = (n: number): number | null => (controlled && isSmall(n) ? null : n);
  const view = (group: Group): Displacement['stayed'] => ({ people: people(group.people), rateBefore: rate(group.before), rateAfter: rate(group.after) });
  const areaBefore = rate(g.areaBefore.before);
  const areaAfter = rate(g.areaAfter.after);
  const diff = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : b - a);
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
    note: "Rates per 1,000 of the baseline's own people (those the extracts know), by where their household lived at each period's end. The change from moves is the area's change less the change for the people who stayed.",
  };
}
