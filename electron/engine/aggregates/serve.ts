// A co-ordinator's session answers every channel from the aggregates store: the answers an
// analyst's session prepared (refresh.ts), the board packs rendered from the prepared documents,
// and a plain refusal for anything that would need the main store. A request nobody prepared is
// noted, so the next analyst session prepares it.
import type { Channel, RequestOf } from '../../../shared/ipc/contract.js';
import type { PackDocument } from '../../../shared/ipc/channels/packs.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { AuditAction } from '../../../shared/ipc/audit-actions.js';
import type { EngineContext } from '../handlers/context.js';
import { packShelf } from '../handlers/pack-shelf.js';
import { DEFAULT_DISCLOSURE } from '../packs/disclosure.js';
import { deleteTemplate, listTemplates, saveTemplate } from '../packs/templates.js';
import type { AuditPayload } from '../store/audit.js';
import type { Store } from '../store/store.js';
import { answerKey } from './refresh.js';
import { notPreparedMessage } from './not-prepared.js';

/** Channels a co-ordinator's session answers with the engine's own handlers (they need no store data). */
export const COORDINATOR_OWN_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['users:changePassphrase', 'exports:checkTarget', 'jobs:cancel']);

/** Channels answered from prepared answers (refresh.ts): aggregates only. */
export const PREPARED_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([
  'sources:list', 'matching:summary', 'matching:model', 'matching:histogram', 'matching:counts', 'geo:status', 'areas:list', 'areas:wards', 'areas:profile',
  'areas:map', 'areas:show', 'programme:list', 'programme:show', 'cohort:evaluate', 'outcomes:families', 'outcomes:indicators', 'outcomes:areas', 'outcomes:map',
  'packs:build', 'packs:export', 'model:exportSplink', 'baseline:streets', 'baseline:wards',
]);

const NOT_PREPARED =
  'These figures have not been prepared for co-ordinators yet. Co-ordinators see figures an analyst\'s session has prepared (after each link run, and whenever an analyst looks at them); this request has been noted and will be ready after an analyst next signs in.';

export function aggregatesServer(context: EngineContext): (store: Store, channel: Channel, request: unknown) => unknown {
  const shelf = packShelf(context);

  const lookUp = (store: Store, channel: Channel, request: unknown): { response_json: string; audit_json: string } | undefined =>
    store.reader.prepare('SELECT response_json, audit_json FROM agg_answer WHERE channel = ? AND request_key = ?').get(channel, answerKey(channel, request)) as { response_json: string; audit_json: string } | undefined;

  /**
   * One indicator or one area of the neighbourhood outcomes is the whole answer cut down: the
   * figures, and their disclosure control (worked out over every area), are the same.
   */
  const outcomesPart = (store: Store, request: RequestOf<'outcomes:areas'>): unknown => {
    if (request.indicator === undefined && request.area === undefined) return undefined;
    const whole = lookUp(store, 'outcomes:areas', { period: request.period, published: request.published });
    if (!whole) return undefined;
    const answer = JSON.parse(whole.response_json) as { ok: boolean; value?: { results: Array<{ indicator: { name: string }; areas: Array<{ name: string }> }> } };
    if (!answer.ok || !answer.value) return undefined;
    const results = answer.value.results.filter((r) => request.indicator === undefined || r.indicator.name === request.indicator);
    if (results.length === 0) return undefined;
    const area = request.area?.toLowerCase();
    if (area !== undefined && !results.some((r) => r.areas.some((a) => a.name.toLowerCase() === area))) {
      throw new WorkbenchError('not-found', `There is no area named "${request.area ?? ''}" (see areas list).`);
    }
    return { results: results.map((r) => ({ ...r, areas: r.areas.filter((a) => area === undefined || a.name.toLowerCase() === area) })) };
  };

  const prepared = (store: Store, channel: Channel, request: unknown): unknown => {
    const db = store.reader;
    const key = answerKey(channel, request);
    const row = lookUp(store, channel, request);
    if (!row && channel === 'outcomes:areas') {
      const part = outcomesPart(store, request as RequestOf<'outcomes:areas'>);
      if (part !== undefined) return part;
    }
    if (!row) {
      db.prepare('INSERT INTO agg_request(channel, request_key, request_json, wanted) VALUES (?, ?, ?, 1) ON CONFLICT(channel, request_key) DO UPDATE SET wanted = 1').run(channel, key, JSON.stringify(request));
      throw new WorkbenchError('not-found', notPreparedMessage(db, channel, request) ?? NOT_PREPARED);
    }
    // Recorded as the handler would have recorded it, with the co-ordinator as the actor.
    for (const event of JSON.parse(row.audit_json) as Array<{ action: string; payload: AuditPayload }>) store.audit(context.user(), event.action as AuditAction, event.payload);
    const answer = JSON.parse(row.response_json) as { ok: true; value: unknown } | { ok: false; kind: string; message: string };
    if (!answer.ok) throw new WorkbenchError(answer.kind as never, answer.message);
    if (channel === 'cohort:evaluate') {
      const limit = (request as { limit?: number }).limit ?? 0;
      const summary = answer.value as { families?: unknown[] };
      return { ...summary, families: (summary.families ?? []).slice(0, limit) };
    }
    return answer.value;
  };

  const preparedPack = (store: Store, name: string): PackDocument | null => {
    const row = store.reader.prepare('SELECT document_json FROM agg_pack WHERE template = ?').get(name.toLowerCase()) as { document_json: string } | undefined;
    return row ? (JSON.parse(row.document_json) as PackDocument) : null;
  };

  /**
   * A template a co-ordinator saved in this store (not yet moved into the main store) takes its
   * sections from the prepared default pack, whose figures passed the default disclosure control.
   */
  const composedPack = (store: Store, name: string): PackDocument | null => {
    const template = listTemplates(store.reader).find((t) => !t.builtIn && t.name.toLowerCase() === name.toLowerCase());
    const base = template ? preparedPack(store, 'default') : null;
    if (!template || !base) return null;
    const sections = template.sections.flatMap((id) => base.sections.filter((s) => s.id === id));
    const withheld = sections.reduce(
      (n, s) => n + s.blocks.reduce((m, b) => m + (b.type === 'table' ? b.rows.reduce((k, r) => k + r.cells.filter((c) => c.c).length, 0) : b.type === 'figures' ? b.items.filter((i) => i.value.c).length : 0), 0),
      0,
    );
    return { ...base, record: { ...base.record, template: template.name, title: template.title, sections: [...template.sections], disclosure: DEFAULT_DISCLOSURE, suppressedCells: withheld }, sections };
  };

  const buildPack = (store: Store, request: RequestOf<'packs:build'>): { job: string } => {
    const name = request.template ?? 'default';
    const document = composedPack(store, name) ?? preparedPack(store, name);
    if (!document) {
      const known = (store.reader.prepare('SELECT template FROM agg_pack ORDER BY template').all() as Array<{ template: string }>).map((r) => r.template);
      throw new WorkbenchError('not-found', known.length === 0 ? NOT_PREPARED : `There is no pack template "${name}" prepared for co-ordinators. Templates: ${known.join(', ')}.`);
    }
    return shelf.build(store, request, document.record.template, () => document);
  };

  const templates = (store: Store, request: unknown): unknown => {
    const main = prepared(store, 'packs:templates', request) as Array<{ name: string }>;
    const own = listTemplates(store.reader).filter((t) => !t.builtIn);
    return [...main.filter((t) => !own.some((o) => o.name.toLowerCase() === t.name.toLowerCase())), ...own];
  };

  return (store, channel, request) => {
    if (channel === 'packs:templates') return templates(store, request);
    if (channel === 'packs:saveTemplate') {
      const saved = saveTemplate(store.writer, context.user(), request as RequestOf<'packs:saveTemplate'>);
      store.audit(context.user(), 'pack-template-saved', { sections: saved.sections.length, threshold: saved.disclosure.threshold });
      return saved;
    }
    if (channel === 'packs:deleteTemplate') {
      const { name } = request as RequestOf<'packs:deleteTemplate'>;
      deleteTemplate(store.writer, name);
      store.audit(context.user(), 'pack-template-deleted', {});
      return { deleted: name };
    }
    if (!PREPARED_CHANNELS.has(channel)) throw new WorkbenchError('forbidden', 'This needs the records themselves, which a co-ordinator\'s key does not open: ask an analyst.');
    if (channel === 'packs:build') return buildPack(store, request as RequestOf<'packs:build'>);
    if (channel === 'packs:export') return shelf.export(store, request as RequestOf<'packs:export'>);
    if (channel === 'cohort:evaluate' && (request as { definition?: unknown }).definition !== undefined) {
      throw new WorkbenchError('forbidden', 'A what-if needs every record, so only an analyst can run one. Co-ordinators see the saved programme versions\' figures.');
    }
    return prepared(store, channel, request);
  };
}
