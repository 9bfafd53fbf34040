// Handlers for neighbourhood outcomes (shared/ipc/channels/outcomes.ts). Roles are checked by the
// policy before these run; here analysts get exact figures and everyone else disclosure control.
import type { OUTCOME_CHANNELS } from '../../../shared/ipc/channels/outcomes.js';
import { defaultBorough } from '../geo/geo-status.js';
import { listIndicators, saveIndicator } from '../outcomes/indicators.js';
import { outcomesMap } from '../outcomes/map.js';
import { areaIndicatorSeries, type Disclosure } from '../outcomes/series.js';
import type { Store } from '../store/store.js';
import type { EngineContext, HandlersFor } from './context.js';

const disclosureFor = (store: Store): Disclosure => (store.session.role === 'analyst' ? 'exact' : 'controlled');
/** The writer, so a first question that finds the outcomes' compact copy stale writes it again. */
const keepOn = (store: Store) => (store.readOnly ? null : store.writer);

export function outcomeHandlers(context: EngineContext): HandlersFor<keyof typeof OUTCOME_CHANNELS> {
  return {
    'outcomes:indicators': () => listIndicators(context.requireStore().reader),
    'outcomes:saveIndicator': (request) => {
      const store = context.requireStore();
      const row = saveIndicator(store.writer, request, context.user());
      store.audit(context.user(), 'indicator-save', { indicator: row.name, version: row.version });
      return row;
    },
    'outcomes:areas': (request) => {
      const store = context.requireStore();
      const results = areaIndicatorSeries(store.reader, {
        period: request.period ?? 'quarter',
        disclosure: request.published ? 'controlled' : disclosureFor(store),
        borough: defaultBorough(store),
        keep: keepOn(store),
        ...(request.indicator ? { indicator: request.indicator } : {}),
        ...(request.area ? { area: request.area } : {}),
      });
      return { results };
    },
    'outcomes:map': (request) => {
      const store = context.requireStore();
      return outcomesMap(store.reader, { indicator: request.indicator, period: request.period ?? 'quarter', measure: request.measure ?? 'rate', disclosure: disclosureFor(store), borough: defaultBorough(store), keep: keepOn(store) });
    },
  };
}
