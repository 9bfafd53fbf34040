import { toWorkbenchError } from '../api/client-core.js';

/**
 * The message to show for a failed engine call. The engine's own message is already plain
 * English and names what went wrong (e.g. "The last analyst cannot be removed…"), so it is
 * shown as given; `whenForbidden` replaces it where the screen can say more plainly what the
 * user's role does not allow. Controls are hidden by role, but a call can still be refused (a
 * stale screen, or a role changed elsewhere), so every caller handles `forbidden`.
 */
export function plainErrorMessage(error: unknown, whenForbidden?: string): string {
  const problem = toWorkbenchError(error);
  if (problem.kind === 'forbidden') {
    return whenForbidden ?? (problem.message.trim() || 'Your role does not allow this.');
  }
  return problem.message;
}
