import { useCallback, useState } from 'react';
import type { AppInfo } from '../../../../shared/ipc/contract.js';
import { mayUse } from '../../app/session.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { KeyboardReview } from '../baseline/KeyboardReview.js';
import { BlockingSection } from './BlockingSection.js';
import { LatestRunSummary } from './LatestRunSummary.js';
import { ModelSection } from './ModelSection.js';
import { RunSection } from './RunSection.js';
import { ThresholdSection, type BandWeights } from './ThresholdSection.js';
import { useEngineValue } from './use-engine-value.js';
import { weightOf } from './weight-scale.js';
import './matching.css';

interface MatchingPageProps {
  info: AppInfo;
}

export function MatchingPage({ info }: MatchingPageProps) {
  const session = info.store.session;
  const canSee = mayUse(session, 'matching:summary');
  const canRun = mayUse(session, 'matching:run');
  const canReview = mayUse(session, 'matching:reviewList');
  const canSeeBlocking = mayUse(session, 'matching:blocking');
  const canSave = mayUse(session, 'matching:saveSettings');
  // One counter refreshes every section after a run, a saved threshold or a decision.
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => setRefreshKey((n) => n + 1), []);
  const summary = useEngineValue('matching:summary', canSee ? {} : null, refreshKey);
  const [chosen, setChosen] = useState<BandWeights | null>(null);
  const settings = summary.state.status === 'loaded' ? summary.state.value.settings : null;
  const band: BandWeights | null =
    chosen ?? (settings ? { linkWeight: round1(weightOf(settings.threshold)), reviewWeight: round1(weightOf(settings.reviewFrom)) } : null);

  return (
    <>
      <h1 className="heading-l" tabIndex={-1}>
        Matching
      </h1>
      <p className="body lead">
        Matching finds the same person, and the same household, across the files you import, and says how sure it is about each link.
      </p>
      {!canSee ? (
        <p className="body" data-testid="matching-role-note">
          Matching spans every partner’s records, so it is for analysts and co-ordinators. As a {session?.role ?? 'user in this role'} you
          see your own organisation’s records on the Sources page.
        </p>
      ) : summary.state.status === 'loading' ? (
        <p className="body" role="status">
          Loading…
        </p>
      ) : summary.state.status === 'failed' ? (
        <>
          <ErrorSummary title="Matching could not be loaded" errors={[{ message: summary.state.message }]} />
          <button type="button" className="button button--secondary" onClick={summary.reload}>
            Try again
          </button>
        </>
      ) : (
        <>
          {!canRun ? (
            <p className="body" data-testid="matching-role-note">
              As a {session?.role} you see the figures and the model, but not the records behind them: running matching and reviewing
              pairs is for analysts.
            </p>
          ) : null}
          {canRun ? (
            <RunSection
              records={summary.state.value.records}
              threshold={summary.state.value.settings.threshold}
              thresholdSaved={summary.state.value.settings.saved}
              onFinished={refresh}
            />
          ) : null}
          <LatestRunSummary summary={summary.state.value} />
          {summary.state.value.latest && band ? (
            <ThresholdSection
              run={summary.state.value.latest.run}
              settings={summary.state.value.settings}
              runThreshold={summary.state.value.latest.threshold}
              band={band}
              onBandChange={setChosen}
              canSave={canSave}
              onSaved={refresh}
              refreshKey={refreshKey}
            />
          ) : null}
          {summary.state.value.latest && canReview ? <KeyboardReview run={summary.state.value.latest.run} refreshKey={refreshKey} onDecided={summary.reload} /> : null}
          <ModelSection refreshKey={refreshKey} />
          {canSeeBlocking && summary.state.value.latest ? <BlockingSection key={refreshKey} /> : null}
        </>
      )}
    </>
  );
}

const round1 = (w: number): number => Math.round(w * 10) / 10;
