import { useState } from 'react';
import type { MatchingSettings } from '../../../../shared/ipc/channels/matching.js';
import { workbench } from '../../api/client.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { NotificationBanner } from '../../components/NotificationBanner.js';
import { plainErrorMessage } from '../../components/error-message.js';
import { formatCount } from '../../components/format.js';
import { useDebounced } from './use-debounced.js';
import { useEngineValue } from './use-engine-value.js';
import { WeightHistogramChart } from './WeightHistogramChart.js';
import { formatProbability, formatWeight, probabilityOf, sliderRange, thresholdFromWeight } from './weight-scale.js';

export interface BandWeights {
  linkWeight: number;
  reviewWeight: number;
}

interface ThresholdSectionProps {
  run: number;
  settings: MatchingSettings;
  /** the run's own threshold, to say whether a saved one differs from it */
  runThreshold: number;
  band: BandWeights;
  onBandChange(band: BandWeights): void;
  canSave: boolean;
  onSaved(): void;
  refreshKey: number;
}

interface SliderProps {
  id: string;
  label: string;
  hint: string;
  value: number;
  min: number;
  max: number;
  onChange(value: number): void;
}

function WeightSlider({ id, label, hint, value, min, max, onChange }: SliderProps) {
  const text = `match weight ${formatWeight(value)}, probability ${formatProbability(probabilityOf(value))}`;
  return (
    <div className="form-group">
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <div className="hint" id={`${id}-hint`}>
        {hint}
      </div>
      <input
        className="slider"
        type="range"
        id={id}
        min={min}
        max={max}
        step={0.1}
        value={value}
        aria-describedby={`${id}-hint ${id}-value`}
        aria-valuetext={text}
        onChange={(event) => onChange(Number(event.target.value))}
      />
      <p className="body slider__value" id={`${id}-value`}>
        Match weight <strong>{formatWeight(value)}</strong>, a match probability of <strong>{formatProbability(probabilityOf(value))}</strong>
      </p>
    </div>
  );
}

export function ThresholdSection({ run, settings, runThreshold, band, onBandChange, canSave, onSaved, refreshKey }: ThresholdSectionProps) {
  const histogram = useEngineValue('matching:histogram', {}, refreshKey);
  const settled = useDebounced(band, 120);
  const request = { threshold: thresholdFromWeight(settled.linkWeight), reviewFrom: thresholdFromWeight(settled.reviewWeight) };
  const counts = useEngineValue('matching:counts', request, refreshKey);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<MatchingSettings | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  if (histogram.state.status === 'loading') return <p className="body" role="status">Loading the scored pairs…</p>;
  if (histogram.state.status === 'failed') return <ErrorSummary title="The scored pairs could not be loaded" errors={[{ message: histogram.state.message }]} />;
  const data = histogram.state.value;
  if (data === null) return null;
  const range = sliderRange(data.bins, data.width, data.floorWeight);
  const setLink = (w: number) => onBandChange({ linkWeight: w, reviewWeight: Math.min(band.reviewWeight, w) });
  const setReview = (w: number) => onBandChange({ linkWeight: Math.max(band.linkWeight, w), reviewWeight: w });
  const threshold = thresholdFromWeight(band.linkWeight);
  const reviewFrom = thresholdFromWeight(band.reviewWeight);

  const save = async () => {
    setSaving(true);
    setProblem(null);
    try {
      setSaved(await workbench.call('matching:saveSettings', { threshold, reviewFrom }));
      onSaved();
    } catch (error) {
      setProblem(plainErrorMessage(error, 'Only analysts can change the threshold.'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="section" aria-labelledby="threshold-heading">
      <h2 className="heading-m" id="threshold-heading">
        Choose the threshold
      </h2>
      <p className="body">
        Each pair of records compared in run {run} has a match weight: above zero, the evidence says they are more likely the same person
        than not. Move the sliders to see how many pairs would be linked automatically, sent to you for review, or kept apart. The
        counts come from the pairs run {run} scored, so nothing is run again.
      </p>
      <WeightHistogramChart histogram={data} linkWeight={band.linkWeight} reviewWeight={band.reviewWeight} />
      <WeightSlider
        id="link-threshold"
        label="Link pairs automatically from"
        hint="Pairs at or above this are joined into one person."
        value={band.linkWeight}
        min={range.min}
        max={range.max}
        onChange={setLink}
      />
      <WeightSlider
        id="review-from"
        label="Send pairs for review from"
        hint="Pairs from here up to the link threshold go to the review list below."
        value={band.reviewWeight}
        min={range.min}
        max={range.max}
        onChange={setReview}
      />
      <div className="counts" role="status" aria-live="polite" data-testid="threshold-counts">
        {counts.state.status === 'loaded' && counts.state.value ? (
          <ul className="counts__list">
            <li className="counts__item counts__item--link">
              <span className="counts__number" data-testid="count-link">
                {formatCount(counts.state.value.autoLink)}
              </span>{' '}
              {counts.state.value.autoLink === 1 ? 'pair' : 'pairs'} would link automatically
            </li>
            <li className="counts__item counts__item--review">
              <span className="counts__number" data-testid="count-review">
                {formatCount(counts.state.value.review)}
              </span>{' '}
              would go to review
            </li>
            <li className="counts__item counts__item--apart">
              <span className="counts__number" data-testid="count-apart">
                {formatCount(counts.state.value.apart)}
              </span>{' '}
              would stay apart
            </li>
          </ul>
        ) : counts.state.status === 'failed' ? (
          <p className="body">{counts.state.message}</p>
        ) : (
          <p className="body">Counting…</p>
        )}
      </div>
      {problem ? <ErrorSummary title="The threshold was not saved" errors={[{ message: problem }]} /> : null}
      {saved ? (
        <NotificationBanner title="Success" heading="Threshold saved">
          <p className="body">
            The next matching run links pairs from {formatProbability(saved.threshold)}. The people and households you see now do not change
            until matching runs again.
          </p>
        </NotificationBanner>
      ) : null}
      {canSave ? (
        <>
          <p className="body">
            Saving does not change the current people and households: run {run} linked pairs from {formatProbability(runThreshold)}
            {settings.saved && settings.threshold !== runThreshold ? `, and the next run will use the saved ${formatProbability(settings.threshold)}` : ''}. The
            threshold you save is used from the next run.
          </p>
          <button type="button" className="button button--secondary" onClick={() => void save()} disabled={saving}>
            {saving ? 'Saving…' : 'Use this threshold from the next run'}
          </button>
        </>
      ) : null}
    </section>
  );
}
