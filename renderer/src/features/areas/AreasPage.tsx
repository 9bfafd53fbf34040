import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppInfo } from '../../../../shared/ipc/contract.js';
import type { Vintage } from '../../../../shared/ipc/channels/areas.js';
import { mayUse } from '../../app/session.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { AreaBuilder } from './AreaBuilder.js';
import { AreasList } from './AreasList.js';
import { MapSection } from './MapSection.js';
import { ProfileView } from './ProfileView.js';
import { ReferenceImport } from './ReferenceImport.js';
import { ReferenceStatus } from './ReferenceStatus.js';
import { UnplacedSection } from './UnplacedSection.js';
import { useChannel } from './use-channel.js';
import { WardAreaForm } from './WardAreaForm.js';
import './areas.css';

interface AreasPageProps {
  info: AppInfo;
}

/** Areas & IMD: reference data, the LSOA map, areas built from it, and each area's profile. */
export function AreasPage({ info }: AreasPageProps) {
  const session = info.store.session;
  const canImport = mayUse(session, 'geo:import');
  const canChange = mayUse(session, 'areas:create');
  const canSeeUnplaced = mayUse(session, 'areas:unplaced');
  const canSee = mayUse(session, 'geo:status');
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => setRefreshKey((n) => n + 1), []);
  // Imports change what the map shows; area edits do not (the map keeps its place).
  const [importKey, setImportKey] = useState(0);
  const imported = useCallback(() => {
    setImportKey((n) => n + 1);
    refresh();
  }, [refresh]);
  const status = useChannel('geo:status', canSee ? {} : null, refreshKey);
  const areas = useChannel('areas:list', canSee ? {} : null, refreshKey);
  const wards = useChannel('areas:wards', canChange ? {} : null, refreshKey);
  const [selected, setSelected] = useState<string[]>([]);
  const [mapVintage, setMapVintage] = useState<Vintage | null>(null);
  const [outlined, setOutlined] = useState<Set<string>>(new Set());
  const [profile, setProfile] = useState<string | null>(null);

  // A selection belongs to one LSOA vintage: switching to another map starts again.
  useEffect(() => setSelected([]), [mapVintage]);

  const toggle = useCallback((lsoa: string) => setSelected((prev) => (prev.includes(lsoa) ? prev.filter((c) => c !== lsoa) : [...prev, lsoa].sort())), []);
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const areaRows = areas.state.status === 'loaded' ? areas.state.value : [];

  return (
    <>
      <h1 className="heading-l" tabIndex={-1}>
        Areas &amp; IMD
      </h1>
      <p className="body lead">
        Where the baseline's households live, measured against the English Indices of Deprivation: build target
        neighbourhoods from LSOAs on the map, then see how each area moved across the releases from 2004 to 2025.
      </p>
      {!canSee ? (
        <p className="body" data-testid="areas-role-note">
          Areas and their deprivation profiles are for analysts and co-ordinators: they summarise every partner's data,
          so a {session?.role ?? 'user in this role'} does not see them.
        </p>
      ) : null}
      {canSee && !canChange ? (
        <p className="body" data-testid="areas-role-note">
          As a {session?.role ?? 'user in this role'} you can see the map, the areas and their profiles; importing
          reference data and changing areas is for analysts.
        </p>
      ) : null}

      {status.state.status === 'failed' ? <ErrorSummary title="The reference data could not be loaded" errors={[{ message: status.state.message }]} /> : null}
      {status.state.status === 'loaded' ? <ReferenceStatus status={status.state.value} canChange={canChange} onChanged={refresh} /> : null}
      {canImport ? <ReferenceImport info={info} onImported={imported} /> : null}

      {status.state.status === 'loaded' ? (
        <MapSection
          status={status.state.value}
          areas={areaRows}
          outlinedAreas={outlined}
          selected={selectedSet}
          onToggle={canChange ? toggle : null}
          onVintage={setMapVintage}
          refreshKey={importKey}
        />
      ) : null}

      {canSeeUnplaced && mapVintage ? <UnplacedSection vintage={mapVintage} refreshKey={refreshKey} /> : null}

      {canChange && status.state.status === 'loaded' && status.state.value.boundaries.length > 0 ? (
        <AreaBuilder selected={selected} vintage={mapVintage} areas={areaRows} onChanged={refresh} onClear={() => setSelected([])} />
      ) : null}

      {canSee ? (
        <section className="section" aria-labelledby="areas-heading">
          <h2 className="heading-m" id="areas-heading">
            Areas
          </h2>
          {areas.state.status === 'failed' ? <ErrorSummary title="The areas could not be loaded" errors={[{ message: areas.state.message }]} /> : null}
          {areas.state.status === 'loaded' ? (
            <AreasList
              areas={areaRows}
              outlined={outlined}
              canChange={canChange}
              onOutline={(name, on) =>
                setOutlined((prev) => {
                  const next = new Set(prev);
                  if (on) next.add(name);
                  else next.delete(name);
                  return next;
                })
              }
              onProfile={setProfile}
              onDeleted={() => {
                setProfile(null);
                refresh();
              }}
            />
          ) : null}
          {canChange && wards.state.status === 'loaded' && wards.state.value.length > 0 ? (
            <details className="details subsection">
              <summary className="details__summary">Create an area from a ward</summary>
              <div className="details__text">
                <WardAreaForm wards={wards.state.value} onCreated={refresh} />
              </div>
            </details>
          ) : null}
        </section>
      ) : null}

      {profile ? <ProfileView key={`${profile}-${refreshKey}`} name={profile} onClose={() => setProfile(null)} /> : null}
    </>
  );
}
