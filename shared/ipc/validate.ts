import { CHANNELS, type Channel } from './contract.js';
import { fail, ok, type Result } from './result.js';

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(CHANNELS, name);
}

/**
 * Checks a call before any handler runs: the channel must be in the contract and the payload
 * must match its schema. The message names the first offending field, never its value.
 */
export function parseRequest(channel: unknown, payload: unknown): Result<{ channel: Channel; request: unknown }> {
  if (!isChannel(channel)) return fail('invalid-request', `Unknown channel: ${String(channel).slice(0, 80)}`);
  const parsed = CHANNELS[channel].request.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'request';
    return fail('invalid-request', `Invalid ${channel} request: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return ok({ channel, request: parsed.data });
}
