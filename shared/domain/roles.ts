// Roles (DESIGN §6), enforced in the engine on every channel, not in the UI.
export const ROLES = ['analyst', 'co-ordinator', 'partner'] as const;
export type Role = (typeof ROLES)[number];
