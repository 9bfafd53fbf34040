// Handlers for the areas feature's channels (shared/ipc/channels/areas.ts): reference files
// imported as jobs, areas built from LSOAs, the area profile and the map. Roles are checked by
// the policy before any of these run; co-ordinators get counts with disclosure control.
import { AreaProfile, type AREA_CHANNELS } from '../../../shared/ipc/channels/areas.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import { addLsoas, createArea, deleteArea, getArea, inferVintage, listAreas, removeLsoas, wardLsoas, type Area } from '../geo/areas.js';
import type { Disclosure } from '../geo/disclosure.js';
import { BOROUGH_META, defaultBorough, geoStatus, listWards } from '../geo/geo-status.js';
import { placeHouseholds } from '../geo/household-placement.js';
import { mapData } from '../geo/map-data.js';
import { placeRecords, postcodeVintages } from '../geo/placement.js';
import { areaProfile } from '../geo/profile.js';
import { importReference } from '../geo/reference-import.js';
import type { Store } from '../store/store.js';
import type { EngineContext, HandlersFor } from './context.js';

/** Analysts see exact counts; every other role sees counts under 10 withheld and the rest rounded. */
const disclosureFor = (store: Store): Disclosure => (store.session.role === 'analyst' ? 'exact' : 'rounded');

const allAreas = (store: Store): Area[] => listAreas(store.reader).map((a) => getArea(store.reader, a.name));

export function areaHandlers(context: EngineContext): HandlersFor<keyof typeof AREA_CHANNELS> {
  return {
    'geo:import': (request) => {
      const store = context.requireStore();
      const path = context.pathOf(request.token);
      const user = context.user();
      return {
        job: context.jobs.start('geo:import', (job) =>
          importReference(
            store,
            path,
            { kind: request.kind ?? 'auto', user, ...(request.release ? { release: request.release } : {}), ...(request.vintage ? { vintage: request.vintage } : {}) },
            job,
          ),
        ),
      };
    },
    'geo:status': () => geoStatus(context.requireStore()),
    'geo:setBorough': ({ borough }) => {
      const store = context.requireStore();
      const known = store.reader.prepare('SELECT 1 FROM lsoa_lad WHERE lad_code = @a OR lad_name = @a COLLATE NOCASE LIMIT 1').get({ a: borough });
      if (!known) throw new WorkbenchError('not-found', `No district "${borough}" in the imported IoD files or lookups (give its code, e.g. E08000018, or its name).`);
      store.setMeta(BOROUGH_META, borough);
      return { borough };
    },
    'areas:list': () => allAreas(context.requireStore()),
    'areas:wards': ({ borough }) => {
      const store = context.requireStore();
      return listWards(store.reader, borough ?? defaultBorough(store));
    },
    'areas:create': (request) => {
      const store = context.requireStore();
      const db = store.writer;
      let codes = request.lsoas ?? [];
      let vintage = request.vintage;
      let origin: string | undefined;
      if (request.ward) {
        const w = wardLsoas(db, request.ward, request.wardYear, request.borough ?? defaultBorough(store) ?? undefined, request.effectiveDate);
        if (vintage && vintage !== w.vintage) throw new WorkbenchError('bad-input', `The ${w.year} ward lookup is on LSOA ${w.vintage} codes, not ${vintage}.`);
        codes = [...codes, ...w.lsoas];
        vintage = w.vintage;
        origin = `ward ${w.code}${w.name ? ` ${w.name}` : ''} (${w.year} ward lookup)`;
      }
      if (codes.length === 0) throw new WorkbenchError('bad-input', 'Choose at least one LSOA (on the map or from the list), or a ward.');
      vintage ??= inferVintage(db, codes.map((c) => c.toUpperCase()));
      const { area, warnings } = createArea(db, {
        name: request.name,
        kind: request.kind,
        vintage,
        lsoas: codes,
        user: context.user(),
        ...(request.effectiveDate ? { effectiveDate: request.effectiveDate } : {}),
        ...(origin ? { origin } : {}),
      });
      store.audit(context.user(), 'area-create', { areaId: area.id, lsoas: area.lsoas.length, vintage });
      return { area, warnings };
    },
    'areas:addLsoas': ({ name, lsoas }) => {
      const store = context.requireStore();
      const r = addLsoas(store.writer, name, lsoas);
      store.audit(context.user(), 'area-add-lsoa', { areaId: r.area.id, added: r.added.length });
      return { area: r.area, warnings: r.warnings, added: r.added };
    },
    'areas:removeLsoas': ({ name, lsoas }) => {
      const store = context.requireStore();
      const r = removeLsoas(store.writer, name, lsoas);
      store.audit(context.user(), 'area-remove-lsoa', { areaId: r.area.id, removed: r.removed.length });
      return { area: r.area, warnings: [], removed: r.removed };
    },
    'areas:delete': ({ name }) => {
      const store = context.requireStore();
      const area = getArea(store.reader, name);
      deleteArea(store.writer, name);
      store.audit(context.user(), 'area-delete', { areaId: area.id });
      return { deleted: area.name };
    },
    'areas:profile': ({ name, borough, detail }) => {
      const store = context.requireStore();
      const district = borough || defaultBorough(store) || undefined;
      const disclosure = disclosureFor(store);
      const profile = areaProfile(store.reader, name, { disclosure, ...(district ? { borough: district } : {}) });
      store.audit(context.user(), 'area-profile', { areaId: getArea(store.reader, name).id });
      // Exact per-LSOA record counts only for an analyst who asks (the command line's report);
      // everyone else gets the contract's shape, with disclosure control applied.
      if (detail && disclosure === 'exact') return profile;
      return AreaProfile.parse(profile);
    },
    'areas:show': ({ name }) => getArea(context.requireStore().reader, name),
    'areas:map': ({ measure }) => {
      const store = context.requireStore();
      return mapData(store.reader, measure, disclosureFor(store));
    },
    'areas:unplaced': ({ vintage }) => {
      const p = placeHouseholds(context.requireStore().reader, vintage);
      const { byLsoa: _byLsoa, persons: _persons, placedPersons: _placed, ...counts } = p;
      return { ...counts, unmatchedPostcodes: p.unmatched.length, unmatched: p.unmatched.slice(0, 200) };
    },
    'geo:unmatched': ({ vintage: given }) => {
      const store = context.requireStore();
      const vintages = postcodeVintages(store.reader);
      const vintage = given ?? vintages[vintages.length - 1];
      if (vintage === undefined) throw new WorkbenchError('bad-input', 'No postcode → LSOA lookup has been imported (lookup import FILE).');
      const p = placeRecords(store.reader, vintage);
      const { byLsoa: _byLsoa, ...households } = placeHouseholds(store.reader, vintage);
      store.audit(context.user(), 'lookup-unmatched', { vintage, unmatched: p.unmatched.length });
      return { vintage, recordsWithPostcode: p.recordsWithPostcode, placed: p.placed, unmatched: p.unmatched, households };
    },
  };
}
