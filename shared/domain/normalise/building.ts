// Named buildings in an address: "Priestley House", "Ashdown Court", "Church View House". A
// building is told by its shape — a name ending in a building word — and by where it stands:
// before the street, or alone after the door. After the street the same words are a place
// ("14 Kilnfield Road, Mansion House"). Pure.

/** Words that end a building's name and never a street's (abbreviations spelled out first). */
const BUILDING_ONLY = new Set(['HOUSE', 'TOWER', 'LODGE', 'MANSIONS', 'FLATS', 'POINT', 'CHAMBERS', 'HALL', 'COTTAGE', 'FARM', 'APARTMENTS']);
/** Words that end a building's name or a street's: "Ashdown Court" is a block of flats or a cul-de-sac of houses. */
const BUILDING_OR_STREET = new Set(['COURT', 'HEIGHTS', 'MEWS', 'BUILDINGS', 'COTTAGES']);

export type BuildingWord = 'building' | 'either';

/** Whether a (spelled-out) word ends a building's name: only a building's, or a building's or a street's. */
function buildingWord(word: string): BuildingWord | null {
  if (BUILDING_ONLY.has(word)) return 'building';
  if (BUILDING_OR_STREET.has(word)) return 'either';
  return null;
}

export interface BuildingPrefix {
  /** words of the building's name, its building word last */
  end: number;
  kind: BuildingWord;
}

/**
 * The longest run of words at the start that is a building's name: at least one word, then a
 * building word that no street type follows ("Mill House Lane" is a street), with no street
 * type two or more words before it ("Kilnfield Road Mansion House" is a street and a place;
 * "Church View House" is a building). `spelled` gives each word spelled out; `isStreetType`
 * tells the street types. Null when the words do not start with a building.
 */
export function buildingPrefix(spelled: readonly string[], isStreetType: (word: string) => boolean): BuildingPrefix | null {
  let best: BuildingPrefix | null = null;
  let lastStreetType = -1;
  for (let k = 1; k < spelled.length; k++) {
    const w = spelled[k]!;
    const kind = buildingWord(w);
    // a word that may end a street's name as well as a building's does not carry a building
    // already ended by a building-only word further on ("HALLEY TOWER ACKROYD MEWS", written
    // without commas, is a tower in a mews), only straight after it ("LODGE COURT")
    const ended = best !== null && best.kind === 'building' && kind === 'either' && k - best.end >= 1;
    if (kind && !ended && (lastStreetType < 1 || k - lastStreetType < 2)) {
      const next = spelled[k + 1];
      if (next === undefined || !isStreetType(next)) best = { end: k + 1, kind };
    }
    if (!kind && isStreetType(w)) lastStreetType = k;
  }
  return best;
}
