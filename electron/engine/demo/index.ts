// The seeded synthetic demo borough: generator (pure) and writer.
export {
  DEFAULT_DEMO_HOUSEHOLDS,
  DEFAULT_DEMO_SEED,
  LOOKUP_FILE,
  TRUTH_ADDRESSES_FILE,
  TRUTH_FILE,
  TRUTH_HEADER,
  TRUTH_HOUSEHOLDS_FILE,
  type WriteDemoOptions,
  type WriteDemoResult,
  writeDemoBorough,
} from './write.js';
export {
  AS_OF_ISO,
  WINDOW_START_ISO,
  type Address,
  type Borough,
  type Household,
  type Person,
  addressAt,
  generateBorough,
} from './borough.js';
export {
  ERROR_KINDS,
  ERROR_RATES,
  EXTRACT_IDS,
  EXTRACT_SPECS,
  type ErrorKind,
  type Extract,
  type ExtractId,
  type RowTruth,
  generateExtract,
  generateExtracts,
  rowNumberOf,
} from './extracts.js';
export { type PostcodeLsoa, postcodeLookup } from './lookup.js';
export { isValidNhsNumber, isValidNino, isValidUpn } from './identifiers.js';
export { BOROUGH_NAME, COUNCIL_NAME } from './names.js';
