// Pack templates: the built-in default (every section, in the order a board reads them) and the
// ones users save. A template names sections only; what they show comes from the store at build.
import { DisclosureSettings, PackTemplate, SECTION_IDS, type SectionId } from '../../../shared/ipc/channels/packs.js';
import { WorkbenchError } from '../../../shared/ipc/result.js';
import type { Db } from '../store/database.js';
import { DEFAULT_DISCLOSURE } from './disclosure.js';

export const DEFAULT_TEMPLATE: PackTemplate = {
  name: 'default',
  title: 'Programme board pack',
  sections: [...SECTION_IDS],
  disclosure: DEFAULT_DISCLOSURE,
  builtIn: true,
};

interface TemplateRow {
  name: string;
  title: string;
  sections_json: string;
  disclosure_json: string;
}

const fromRow = (r: TemplateRow): PackTemplate => ({
  name: r.name,
  title: r.title,
  sections: JSON.parse(r.sections_json) as SectionId[],
  disclosure: DisclosureSettings.parse(JSON.parse(r.disclosure_json)),
  builtIn: false,
});

export function listTemplates(db: Db): PackTemplate[] {
  const saved = (db.prepare('SELECT * FROM pack_template ORDER BY name').all() as TemplateRow[]).map(fromRow);
  return [DEFAULT_TEMPLATE, ...saved];
}

export function findTemplate(db: Db, name: string | undefined): PackTemplate {
  if (name === undefined || name.toLowerCase() === DEFAULT_TEMPLATE.name) return DEFAULT_TEMPLATE;
  const row = db.prepare('SELECT * FROM pack_template WHERE name = ?').get(name) as TemplateRow | undefined;
  if (!row) {
    const known = listTemplates(db).map((t) => t.name).join(', ');
    throw new WorkbenchError('not-found', `There is no pack template "${name}". Templates: ${known}.`);
  }
  return fromRow(row);
}

export function saveTemplate(db: Db, user: string, t: { name: string; title: string; sections: SectionId[]; disclosure?: Partial<DisclosureSettings> | undefined }): PackTemplate {
  if (t.name.toLowerCase() === DEFAULT_TEMPLATE.name) throw new WorkbenchError('conflict', 'The default template is built in; save yours under another name.');
  const sections = [...new Set(t.sections)];
  if (sections.length !== t.sections.length) throw new WorkbenchError('bad-input', 'A section can appear only once in a template.');
  const disclosure = DisclosureSettings.parse({ ...DEFAULT_DISCLOSURE, ...(t.disclosure ?? {}) });
  db.prepare(
    `INSERT INTO pack_template (name, title, sections_json, disclosure_json, saved_by, saved_at) VALUES (@name, @title, @sections, @disclosure, @user, @at)
     ON CONFLICT(name) DO UPDATE SET title = excluded.title, sections_json = excluded.sections_json, disclosure_json = excluded.disclosure_json, saved_by = excluded.saved_by, saved_at = excluded.saved_at`,
  ).run({ name: t.name, title: t.title, sections: JSON.stringify(sections), disclosure: JSON.stringify(disclosure), user, at: new Date().toISOString() });
  return PackTemplate.parse({ name: t.name, title: t.title, sections, disclosure, builtIn: false });
}

export function deleteTemplate(db: Db, name: string): void {
  if (name.toLowerCase() === DEFAULT_TEMPLATE.name) throw new WorkbenchError('conflict', 'The default template is built in and cannot be deleted.');
  const r = db.prepare('DELETE FROM pack_template WHERE name = ?').run(name);
  if (r.changes === 0) throw new WorkbenchError('not-found', `There is no pack template "${name}".`);
}
