import type { Channel, StoreStatus } from '../../../shared/ipc/contract.js';
import { mayCall } from '../../../shared/ipc/policy.js';

/** Who unlocked the store, as the engine reports it in `app:info` → `store.session`. */
export type Session = NonNullable<StoreStatus['session']>;

/**
 * Whether to offer a control that calls `channel`, from the same policy table the engine
 * enforces (shared/ipc/policy.ts). Hiding is only a convenience: the engine refuses a role on
 * every call regardless. With no session reported, offer it and let the engine decide.
 */
export function mayUse(session: Session | null | undefined, channel: Channel): boolean {
  return session ? mayCall(session.role, channel) : true;
}
