import type { Role } from '../domain/roles.js';
import type { Channel } from './contract.js';
import { FEATURE_POLICY } from './features.js';

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
  ...FEATURE_POLICY,
};

export function mayCall(role: Role, channel: Channel): boolean {
  const policy = CHANNEL_POLICY[channel];
  return policy === 'open' || policy.includes(role);
}

const ROLE_NAMES: Readonly<Record<Role, string>> = { analyst: 'an analyst', 'co-ordinator': 'a co-ordinator', partner: 'a partner' };

/** The refusal both doors give when a role may not call a channel: who may, and who you are. */
export function refusal(role: Role, channel: Channel): string {
  const policy = CHANNEL_POLICY[channel];
  const who = policy === 'open' ? [] : policy.map((r) => ROLE_NAMES[r]);
  return `Only ${who.join(' or ')} can do this; your role (${role}) does not allow it.`;
}
