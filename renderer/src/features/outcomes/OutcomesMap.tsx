import { useMemo, useState } from 'react';
import type { MapData } from '../../../../shared/ipc/channels/areas.js';
import { RadioGroup } from '../../components/RadioGroup.js';
import { Legend, legendItems } from '../areas/Legend.js';
import { drawMap, MapView } from '../areas/MapView.js';
import { useChannel } from '../areas/use-channel.js';

const NONE: ReadonlySet<string> = new Set();

/** The Areas & IMD map, coloured by the indicator's rate in the latest period or its change since the first. */
export function OutcomesMap({ indicator, period, vintage }: { indicator: string; period: 'quarter' | 'month' | 'term' | 'year'; vintage: 2001 | 2011 | 2021 }) {
  const [measure, setMeasure] = useState<'rate' | 'change'>('rate');
  const geo = useChannel('areas:map', { measure: { kind: 'households', vintage } });
  const values = useChannel('outcomes:map', { indicator, period, measure });
  const data: MapData | null = useMemo(() => {
    if (geo.state.status !== 'loaded' || values.state.status !== 'loaded') return null;
    const byLsoa = new Map(values.state.value.values.map((v) => [v.lsoa, v.value]));
    // Classes are whole numbers per 1,000; the exact rates are in the area tables.
    return {
      ...geo.state.value,
      label: values.state.value.note,
      disclosure: 'exact',
      features: geo.state.value.features.map((f) => {
        const v = byLsoa.get(f.lsoa);
        return { ...f, value: v === undefined || v === null ? null : Math.round(v), rank: null, withheld: false };
      }),
      notes: [],
    };
  }, [geo.state, values.state]);
  const drawn = useMemo(() => (data ? drawMap(data) : null), [data]);
  if (geo.state.status === 'failed') return <p className="body">{geo.state.message}</p>;
  if (geo.state.status === 'loaded' && geo.state.value.features.length === 0) {
    return <p className="body">No LSOA boundaries have been imported, so there is no map. Import them on the Areas &amp; IMD page.</p>;
  }
  return (
    <>
      <RadioGroup
        id="outcome-map-measure"
        legend="Colour the map by"
        value={measure}
        options={[
          { value: 'rate', label: 'Rate per 1,000 in the latest period' },
          { value: 'change', label: 'Change since the first period' },
        ]}
        onChange={(v) => setMeasure(v as 'rate' | 'change')}
      />
      {values.state.status === 'failed' ? <p className="body">{values.state.message}</p> : null}
      {data && drawn ? (
        <div className="map-layout">
          <MapView data={data} drawn={drawn} title={data.label} nationalLsoas={null} selected={NONE} outlined={NONE} onToggle={null} />
          <Legend title={data.label} items={legendItems(data, drawn.classes)} />
        </div>
      ) : (
        <p className="body">Drawing the map…</p>
      )}
    </>
  );
}
