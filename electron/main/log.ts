// Main-process log lines. They go to stderr and must never hold personal data: no URLs with
// query strings, no file paths from the renderer, no payloads. Schemes, counts, channel names
// and error kinds only.
export type Log = (scope: string, message: string) => void;

export const log: Log = (scope, message) => {
  console.warn(`[${scope}] ${message}`);
};
