import { useId } from 'react';
import type { JobProgressUpdate } from '../api/client.js';
import { formatCount } from './format.js';

interface ProgressBarProps {
  /** Accessible name of the bar, e.g. "Import progress". */
  label: string;
  progress: JobProgressUpdate | null;
  /** Shown before the engine reports its first phase. */
  startingText?: string;
  /** How done/total read, e.g. formatBytes when the engine counts bytes read; plain counts by default. */
  formatAmount?: (amount: number) => string;
}

/**
 * A determinate bar once the engine knows a total, indeterminate before. role=progressbar with
 * aria-valuenow (not <progress>) so tests and assistive technology read the same number.
 */
export function ProgressBar({ label, progress, startingText = 'Starting…', formatAmount = formatCount }: ProgressBarProps) {
  const labelId = useId();
  const known = progress !== null && progress.total > 0;
  const percent = known ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : undefined;
  const phase = progress?.phase || startingText;
  const detail = known ? `${formatAmount(progress.done)} of ${formatAmount(progress.total)}` : null;

  return (
    <div className="progress">
      <p className="progress__label" id={labelId}>
        {label}
      </p>
      <div
        className="progress__track"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={percent === undefined ? phase : `${percent}% – ${phase}`}
      >
        <div
          className={`progress__fill${percent === undefined ? ' progress__fill--indeterminate' : ''}`}
          // A CSSOM property, not a style attribute: allowed by the strict CSP.
          style={percent === undefined ? undefined : { width: `${percent}%` }}
        />
      </div>
      {/* Only the phase is live, so screen readers hear each step, not every row count. */}
      <p className="progress__phase" role="status" data-testid="progress-phase">
        {phase}
      </p>
      {detail ? (
        <p className="progress__detail">
          {detail} ({percent}%)
        </p>
      ) : null}
    </div>
  );
}
