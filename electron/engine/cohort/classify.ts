// What an imported Event says for programme criteria, whatever words the partner used: benefit
// codes (JSA, ESA, IS, UC, "Income Support"), exclusion types ("Fixed", "FTE", "Suspension",
// "Permanent"), offence outcomes (a caution or a sentence is a proven offence; "awaiting outcome",
// "no further action" or a community resolution is not), an involvement (a victim or witness of
// ASB is not its cause). Pure: the store's event kind, category and detail cells in, facts out.
import type { Fact } from '../../../shared/ipc/channels/cohort.js';
import { unknownHeading } from '../import/event-cells.js';

export interface EventInput {
  kind: string;
  category: string | null;
  /** The event's other cells by header. */
  detail: Record<string, string | number>;
}

const norm = (s: string): string => ` ${s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;

const OUT_OF_WORK = /\b(jsa|jobseeker s|jobseekers|job seekers?|esa|employment and support|is|income support|uc|universal credit|ib|incapacity benefit|sda|severe disablement|out of work|lone parent)\b/;
const IN_WORK = /\b(working tax|wtc|child tax|ctc|child benefit|pension credit|state pension|housing benefit|council tax|pip|personal independence|dla|disability living|attendance allowance|carer s allowance|carers allowance)\b/;

const PERMANENT = /\b(perm|permanent|permanently|pex|pe)\b/;
const FIXED = /\b(fixed|fte|fpe|fixed term|fixed period|suspension|suspended|fte\d*|temporary)\b/;

const UNPROVEN = /\b(awaiting|pending|await|no further action|nfa|not guilty|acquitted|dismissed|withdrawn|discontinued|no crime|not proven|no action|community resolution|cr|outcome 22|deferred prosecution|undetected|released under investigation|rui|bail|bailed)\b/;
const PROVEN = /\b(caution|cautioned|reprimand|final warning|conviction|convicted|guilty|referral order|rehabilitation order|yro|detention|dto|custody|custodial|discharge|fine|fined|reparation|sentence|sentenced|supervision order|community order|order)\b/;

/** A disposal named on its own (the outcome as the event's type). */
const DISPOSAL = /\b(caution|cautioned|reprimand|final warning|conviction|convicted|referral order|rehabilitation order|yro|detention and training|dto|custodial sentence|conditional discharge|absolute discharge|reparation order)\b/;
const ASB_ORDER = /\b(asbo|cbo|criminal behaviour order|asb injunction|injunction|acceptable behaviour|abc|asb contract|behaviour contract|cpn|community protection|dispersal|closure order|parenting order|demotion)\b/;
const ASB = /\b(asb|anti social|antisocial|nuisance|rowdy|inconsiderate)\b/;
const DOMESTIC = /\b(domestic|da|dash|marac|dv)\b/;
const NOT_CAUSE = /\b(victim|witness|complainant|informant|reporting person|caller|injured party|aggrieved|rp|reporter)\b/;
const MENTAL = /\b(mental|self harm|selfharm|overdose|suicid|psychiatric|anxiety|depress|psychosis)\b/;
const SUBSTANCE = /\b(alcohol|intoxicat|drunk|drug|overdose|substance|opioid|cannabis)\b/;

const INVOLVEMENT_WORD = /\b(suspect|victim|witness|offender|perpetrator|complainant|informant|accused|arrested|reporting person|injured party)\b/;
const TYPE_HEADER = /\b(incident|occurrence|crime|offence|classification|nature|category|type)\b/;
/** Cells whose header speaks of involvement: "Involvement", "Role", "Person Type"… */
const INVOLVEMENT_HEADER = /\b(involvement|involved|role|person type|party|capacity|status)\b/;
const OUTCOME_HEADER = /\b(outcome|disposal|result|sentence|verdict)\b/;

function cellsWhere(detail: Record<string, string | number>, header: RegExp): string {
  let out = '';
  for (const [k, v] of Object.entries(detail)) if (header.test(norm(k))) out += norm(String(v));
  return out;
}


/**
 * Cells of columns that had no heading, short enough to be a code rather than a note, that match
 * `vocabulary`: with no heading to say which cell is the outcome or the involvement, a cell that
 * is one of those words says it itself. A free-text note ("both parties spoken to") is too long.
 */
function unnamedCellsLike(detail: Record<string, string | number>, vocabulary: (cell: string) => boolean, maxWords = 6): string {
  let out = '';
  for (const [k, v] of Object.entries(detail)) {
    if (!unknownHeading(k)) continue;
    const cell = norm(String(v));
    if (cell.trim().split(' ').length <= maxWords && vocabulary(cell)) out += cell;
  }
  return out;
}

/** The facts one Event gives (usually one; an A&E visit for self-harm is also a mental-health fact). */
export function classifyEvent(e: EventInput): Fact[] {
  let category = norm(e.category ?? '');
  switch (e.kind) {
    case 'attendance':
      return ['attendance'];
    case 'alternative-provision':
      return ['alternative-provision'];
    case 'exclusion': {
      const text = category + cellsWhere(e.detail, /\b(type|category|kind)\b/);
      if (/\b(pru|alternative provision)\b/.test(text)) return ['alternative-provision'];
      if (PERMANENT.test(text) && !FIXED.test(text)) return ['permanent-exclusion'];
      return ['fixed-exclusion'];
    }
    case 'offence': {
      const outcome = cellsWhere(e.detail, OUTCOME_HEADER) || unnamedCellsLike(e.detail, (c) => PROVEN.test(c) || UNPROVEN.test(c));
      if (outcome.trim() === '') {
        // no outcome column beside the offence: the category may be the disposal itself
        // ("Youth Caution"), but an offence's name ("Breach of order") is no outcome
        if (UNPROVEN.test(category)) return ['offence-unproven'];
        return DISPOSAL.test(category) ? ['offence-proven'] : ['offence-unproven'];
      }
      if (UNPROVEN.test(outcome)) return ['offence-unproven'];
      return PROVEN.test(outcome) ? ['offence-proven'] : ['offence-unproven'];
    }
    case 'asb-case':
      return ['housing-asb'];
    case 'tenancy': {
      const facts: Fact[] = [];
      if (ASB.test(category) || ASB_ORDER.test(category)) facts.push('housing-asb');
      return facts;
    }
    case 'benefit-spell': {
      const text = category + cellsWhere(e.detail, /\b(type|benefit|category|code)\b/) + unnamedCellsLike(e.detail, (c) => OUT_OF_WORK.test(c) || IN_WORK.test(c));
      if (OUT_OF_WORK.test(text) && !IN_WORK.test(text)) return ['benefit-out-of-work'];
      return ['benefit-other'];
    }
    case 'ae-attendance': {
      const text = category + cellsWhere(e.detail, /\b(complaint|diagnosis|reason|presenting|chief)\b/) + unnamedCellsLike(e.detail, (c) => MENTAL.test(c) || SUBSTANCE.test(c));
      const facts: Fact[] = ['ae-attendance'];
      if (MENTAL.test(text)) facts.push('ae-mental-health');
      if (SUBSTANCE.test(text)) facts.push('ae-substance');
      return facts;
    }
    case 'asb-incident':
    case 'event': {
      let involvement = cellsWhere(e.detail, INVOLVEMENT_HEADER) + unnamedCellsLike(e.detail, (c) => INVOLVEMENT_WORD.test(c) || NOT_CAUSE.test(c), 3);
      // "Involvement Type" taken as the event's type: the incident's type is then a detail cell
      if (INVOLVEMENT_WORD.test(category) && !ASB.test(category) && !DOMESTIC.test(category)) {
        involvement += category;
        category = cellsWhere(e.detail, TYPE_HEADER);
      }
      const cause = !NOT_CAUSE.test(involvement);
      if (DOMESTIC.test(category)) return ['domestic-abuse'];
      if (ASB_ORDER.test(category)) return cause ? ['asb-order'] : [];
      if (ASB.test(category)) return cause ? ['asb-perpetrator'] : [];
      if (e.kind === 'asb-incident' && category.trim() === '') return cause ? ['asb-perpetrator'] : [];
      return cause && category.trim() !== '' ? ['crime-suspect'] : [];
    }
    default:
      return [];
  }
}
