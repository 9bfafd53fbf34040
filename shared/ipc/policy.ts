import type { Role } from '../domain/roles.js';
import type { Channel } from './contract.js';
import { AREA_POLICY } from './channels/areas.js';
import { GOVERNANCE_POLICY } from './channels/governance.js';
import { IMPORT_POLICY } from './channels/imports.js';
import { MATCHING_POLICY } from './channels/matching.js';
import { STORE_POLICY } from './channels/stores.js';

/**
 * Who may call each channel once a store is open. `open` channels work before unlocking. Partners
 * are further limited to their own organisation's sources inside the handlers.
 */
export const CHANNEL_POLICY: { readonly [C in Channel]: 'open' | readonly Role[] } = {
  'app:info': 'open',
  'store:create': 'open',
  'store:unlock': 'open',
  'store:lock': 'open',
  'files:choose': ['analyst', 'partner'],
  'files:fromPath': ['analyst', 'partner'],
  'import:preview': ['analyst', 'partner'],
  'import:start': ['analyst', 'partner'],
  'demo:create': ['analyst'],
  'jobs:cancel': ['analyst', 'co-ordinator', 'partner'],
  'sources:list': ['analyst', 'co-ordinator', 'partner'],
  'records:page': ['analyst', 'partner'],
  'users:list': ['analyst'],
  'users:add': ['analyst'],
  'users:remove': ['analyst'],
  'users:changePassphrase': ['analyst', 'co-ordinator', 'partner'],
  'audit:page': ['analyst'],
  'audit:verify': ['analyst'],
  ...IMPORT_POLICY,
  ...MATCHING_POLICY,
  ...AREA_POLICY,
  ...GOVERNANCE_POLICY,
  ...STORE_POLICY,
};

export function mayCall(role: Role, channel: Channel): boolean {
  const policy = CHANNEL_POLICY[channel];
  return policy === 'open' || policy.includes(role);
}
