// Parses an address as imported ("Flat 2, 14 Acacia Rd, Wexthorpe") into the parts the address
// comparison needs: flat, house number, street (abbreviations expanded) and a token set.

export interface ParsedAddress {
  flat: string | null;
  number: string | null;
  street: string | null;
  /** distinct tokens, postcode removed, street types expanded */
  tokens: string[];
}

const STREET_TYPES: Record<string, string> = {
  RD: 'ROAD', ST: 'STREET', STR: 'STREET', AVE: 'AVENUE', AV: 'AVENUE', CRES: 'CRESCENT', CRESC: 'CRESCENT', CR: 'CRESCENT',
  DR: 'DRIVE', DRV: 'DRIVE', LN: 'LANE', GDNS: 'GARDENS', GRDNS: 'GARDENS', GRN: 'GREEN', GR: 'GROVE', GRV: 'GROVE', PL: 'PLACE', SQ: 'SQUARE',
  TER: 'TERRACE', TERR: 'TERRACE', TCE: 'TERRACE', CT: 'COURT', CRT: 'COURT', CL: 'CLOSE', CLS: 'CLOSE', PK: 'PARK', PDE: 'PARADE', WY: 'WAY',
  HTS: 'HEIGHTS', MWS: 'MEWS', VW: 'VIEW', WLK: 'WALK', BLVD: 'BOULEVARD', HWY: 'HIGHWAY', CIR: 'CIRCUIT', CCT: 'CIRCUIT',
  APT: 'FLAT', APARTMENT: 'FLAT', FLT: 'FLAT', UNIT: 'FLAT', RM: 'FLAT', ROOM: 'FLAT',
};

const POSTCODE_IN_TEXT = /\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b/g;
const NUMBER = /^\d+[A-Z]?$/;

function tokensOf(part: string): string[] {
  return part
    .split(/[^A-Z0-9]+/)
    .filter(Boolean)
    .map((t) => STREET_TYPES[t] ?? t);
}

/** Parses one address string; null for an empty one. */
export function parseAddress(address: string | null): ParsedAddress | null {
  if (!address) return null;
  const text = address
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(POSTCODE_IN_TEXT, ' ')
    .replace(/(\d+)\s*-\s*(\d+)/g, '$1-$2');
  const parts = text
    .split(/[,;\n]+/)
    .map((p) => tokensOf(p.replace(/-/g, ' ')))
    .filter((p) => p.length > 0);
  if (parts.length === 0) return null;
  let flat: string | null = null;
  let number: string | null = null;
  let street: string | null = null;
  const all: string[] = [];
  for (let pi = 0; pi < parts.length; pi++) {
    const tokens = parts[pi] as string[];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as string;
      if (t === 'FLAT' && flat === null && i + 1 < tokens.length && /^[0-9A-Z]{1,4}$/.test(tokens[i + 1] as string)) {
        flat = tokens[i + 1] as string;
        i++;
        continue;
      }
      if (number === null && NUMBER.test(t)) {
        // "9 Chestnut Close" or a part holding only the number, with the street in the next part ("8, stanley street")
        const rest = tokens.slice(i + 1).filter((w) => !NUMBER.test(w));
        if (rest.length > 0) {
          number = t;
          street = rest.join(' ');
          break;
        }
        if (i === tokens.length - 1 && pi + 1 < parts.length) {
          number = t;
          const next = (parts[pi + 1] as string[]).filter((w) => !NUMBER.test(w));
          street = next.length ? next.join(' ') : null;
          break;
        }
        // "Flat 4 9 …": a bare number after a flat number is the house number
        if (flat !== null) number = t;
      }
    }
    if (number !== null) break;
  }
  if (number === null && flat !== null) {
    // "Flat 3, Rose Court": the building name stands in for number and street
    const next = parts.find((p) => !p.includes('FLAT'));
    street = next ? next.join(' ') : null;
  }
  for (const p of parts) for (const t of p) if (t !== 'FLAT') all.push(t);
  return { flat, number, street, tokens: [...new Set(all)] };
}
