import { useRef, useState } from 'react';
import type { ExportTargetKind } from '../../../shared/ipc/channels/stores.js';
import { WorkbenchError, workbench } from '../api/client.js';

/** Sends the export; `replace` is true only after the user said to replace an earlier export. */
export type SendExport = (replace: boolean) => Promise<void>;

export interface SaveTarget {
  /** The path of an earlier export waiting for "Replace it?", or null. */
  asking: string | null;
  /**
   * Checks a typed path before anything is written: a new file is saved at once, an earlier
   * export of the same kind waits for the user's answer, and a refused path throws its reason.
   */
  save(path: string, send: SendExport): Promise<void>;
  replace(): Promise<void>;
  cancel(): void;
}

/** "Choose where to save, confirm replace", the same for every export the app saves to a typed path. */
export function useSaveTarget(kind: ExportTargetKind): SaveTarget {
  const [asking, setAsking] = useState<string | null>(null);
  const pending = useRef<SendExport | null>(null);
  return {
    asking,
    async save(path, send) {
      setAsking(null);
      pending.current = null;
      const target = await workbench.call('exports:checkTarget', { path, kind });
      if (target.state === 'refused') throw new WorkbenchError('conflict', target.message ?? `${target.path} cannot be used.`);
      if (target.state === 'new') return send(false);
      pending.current = send;
      setAsking(target.path);
    },
    async replace() {
      const send = pending.current;
      pending.current = null;
      setAsking(null);
      if (send) await send(true);
    },
    cancel() {
      pending.current = null;
      setAsking(null);
    },
  };
}
