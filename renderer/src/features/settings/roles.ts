import type { Role } from '../../../../shared/domain/roles.js';
import { ROLES } from '../../../../shared/domain/roles.js';
import type { Session } from '../../app/session.js';

export { ROLES, type Role };

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  analyst: 'Analyst',
  'co-ordinator': 'Co-ordinator',
  partner: 'Partner',
};

/** What each role can see, in the words used beside the role choice (DESIGN §6). */
export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  analyst:
    'Sees and does everything: imports files, sees every record with names and addresses, and manages users and the audit trail.',
  'co-ordinator':
    'Sees counts, cohorts under family IDs without names, dates of birth, addresses or identifiers, and board packs. Cannot import files or see records.',
  partner:
    'Imports files for their own organisation, and sees only the files imported for that organisation and the records in them.',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleLabel(role: string): string {
  return isRole(role) ? ROLE_LABELS[role] : role;
}

/** "Signed in as Sam Patel (co-ordinator)"; a partner's organisation is named too. */
export function signedInText(session: Session): string {
  const detail = session.role === 'partner' && session.organisation ? `partner, ${session.organisation}` : session.role;
  return `Signed in as ${session.user} (${detail})`;
}
