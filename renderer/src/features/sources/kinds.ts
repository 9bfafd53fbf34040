import { SOURCE_KINDS, type SourceKind } from '../../../../shared/domain/record-fields.js';

export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  school: 'School',
  police: 'Police',
  'youth-justice': 'Youth justice',
  benefits: 'Benefits',
  housing: 'Housing',
  health: 'Health',
  other: 'Other',
};

export const SOURCE_KIND_OPTIONS = SOURCE_KINDS.map((kind) => ({ value: kind, label: SOURCE_KIND_LABELS[kind] }));

export function isSourceKind(value: string): value is SourceKind {
  return (SOURCE_KINDS as readonly string[]).includes(value);
}
