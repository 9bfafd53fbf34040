// The one envelope every handler returns across IPC, the browser host and the CLI's engine calls.
export const ERROR_KINDS = [
  'invalid-request', // payload failed its schema, or an unknown channel
  'forbidden', // sender or role not allowed
  'not-found',
  'bad-input', // a file or value the user gave cannot be used; message names file/sheet/row/column
  'wrong-passphrase',
  'store-locked',
  'store-missing',
  'store-too-new',
  'conflict', // e.g. the same file imported twice
  'cancelled',
  'unsupported', // not available in this host
  'internal',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface WorkbenchErrorShape {
  kind: ErrorKind;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: WorkbenchErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(kind: ErrorKind, message: string): Result<T> => ({
  ok: false,
  error: { kind, message },
});

/** An error a user can act on; anything else thrown inside the engine is reported as `internal`. */
export class WorkbenchError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'WorkbenchError';
  }
}
