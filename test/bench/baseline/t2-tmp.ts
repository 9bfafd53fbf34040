import { Store } from '../../../electron/engine/store/store.js';
const store = Store.unlock('/tmp/baseline2/b300k.db', 'baseline bench passphrase');
const db = store.reader;
const t = (label: string, f: () => unknown) => { const s = performance.now(); const r = f(); console.log(label, (performance.now() - s).toFixed(1), 'ms', JSON.stringify(r).slice(0, 80)); };
for (let i = 0; i < 2; i++) {
t('js iterate', () => { let n = 0; for (const r of db.prepare('SELECT surname AS k, id FROM baseline_person INDEXED BY baseline_person_sort_surname ORDER BY surname, id').raw(true).iterate()) n++; return n; });
t('window', () => db.prepare('SELECT k, id, n FROM (SELECT surname AS k, id, row_number() OVER (ORDER BY surname, id) AS n FROM baseline_person INDEXED BY baseline_person_sort_surname) WHERE n % 100 = 0').raw(true).all().length);
t('offset', () => db.prepare('SELECT surname AS k, id FROM baseline_person INDEXED BY baseline_person_sort_surname ORDER BY surname, id LIMIT 1 OFFSET 150000').raw(true).all());
t('offset src', () => db.prepare('SELECT surname AS k, id FROM baseline_person INDEXED BY baseline_person_sort_surname WHERE EXISTS (SELECT 1 FROM baseline_person_source s WHERE s.source_id = 2 AND s.id = baseline_person.id) ORDER BY surname, id LIMIT 1 OFFSET 150000').raw(true).all());
t('window src', () => db.prepare('SELECT k, id, n FROM (SELECT surname AS k, id, row_number() OVER (ORDER BY surname, id) AS n FROM baseline_person INDEXED BY baseline_person_sort_surname WHERE EXISTS (SELECT 1 FROM baseline_person_source s WHERE s.source_id = 2 AND s.id = baseline_person.id)) WHERE n % 100 = 0').raw(true).all().length);
t('count src', () => db.prepare('SELECT count(*) FROM baseline_person_source WHERE source_id = 2').pluck().get());
t('count all', () => db.prepare('SELECT count(*) FROM baseline_person').pluck().get());
}
console.log(db.prepare('EXPLAIN QUERY PLAN SELECT k, id, n FROM (SELECT surname AS k, id, row_number() OVER (ORDER BY surname, id) AS n FROM baseline_person INDEXED BY baseline_person_sort_surname) WHERE n % 100 = 0').all());
store.close();
