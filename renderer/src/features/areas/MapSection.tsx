import { useEffect, useMemo, useState } from 'react';
import type { AreaRow, GeoStatus, MapData } from '../../../../shared/ipc/channels/areas.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { SelectField } from '../../components/SelectField.js';
import { formatCount } from '../../components/format.js';
import { INDICATOR_LABELS, layerChoices, lsoaSummary, mapFileBase, measureFor } from './area-text.js';
import { Legend, legendItems } from './Legend.js';
import { buildExportSvg, fileNameFor, saveBlob, svgToPng } from './map-export.js';
import { drawMap, MapView, OUTLINE } from './MapView.js';
import { useChannel } from './use-channel.js';

interface MapSectionProps {
  status: GeoStatus;
  areas: readonly AreaRow[];
  outlinedAreas: ReadonlySet<string>;
  selected: ReadonlySet<string>;
  /** Null for roles that may not build areas. */
  onToggle: ((lsoa: string) => void) | null;
  onVintage(vintage: MapData['vintage'] | null): void;
  /** Changes after every import, so the map is fetched again. */
  refreshKey: number;
}

/** Choose what to colour by, see the map with its legend, list the LSOAs, and export it. */
export function MapSection({ status, areas, outlinedAreas, selected, onToggle, onVintage, refreshKey }: MapSectionProps) {
  const layers = useMemo(() => layerChoices(status), [status]);
  const [layer, setLayer] = useState(layers[0]?.value ?? '');
  const [index, setIndex] = useState('imd');
  const chosenLayer = layers.some((l) => l.value === layer) ? layer : (layers[0]?.value ?? '');
  const measure = measureFor(chosenLayer, index);
  const { state } = useChannel('areas:map', measure ? { measure } : null, refreshKey);
  const [exportError, setExportError] = useState<string | null>(null);
  const data = state.status === 'loaded' ? state.value : null;
  const drawn = useMemo(() => (data ? drawMap(data) : null), [data]);

  useEffect(() => onVintage(data?.vintage ?? null), [data, onVintage]);

  const isRelease = /^IoD\d{4}$/.test(chosenLayer);
  const release = status.releases.find((r) => r.release === chosenLayer);
  const outlined = new Set(areas.filter((a) => outlinedAreas.has(a.name) && a.vintage === data?.vintage).flatMap((a) => a.lsoas));
  const items = data && drawn ? legendItems(data, drawn.classes) : [];

  const exportMap = async (format: 'svg' | 'png') => {
    if (!data || !drawn) return;
    setExportError(null);
    const svg = buildExportSvg({
      title: data.label,
      width: drawn.fitted.width,
      height: drawn.fitted.height,
      paths: data.features.map((f) => ({ d: drawn.fitted.paths.get(f.lsoa) ?? '', fill: drawn.fills.get(f.lsoa) ?? '#ffffff', stroke: '#ffffff', strokeWidth: 0.6 })),
      outlines: data.features.filter((f) => outlined.has(f.lsoa)).flatMap((f) => OUTLINE.map((o) => ({ d: drawn.fitted.paths.get(f.lsoa) ?? '', fill: 'none', ...o }))),
      legend: items,
      notes: data.notes,
    });
    try {
      const blob = format === 'svg' ? new Blob([svg], { type: 'image/svg+xml' }) : await svgToPng(svg);
      saveBlob(blob, fileNameFor(mapFileBase(data.measure, data.vintage), format));
    } catch (error) {
      setExportError(error instanceof Error ? error.message : 'The map could not be exported.');
    }
  };

  return (
    <section className="section" aria-labelledby="map-heading">
      <h2 className="heading-m" id="map-heading">
        Map
      </h2>
      {layers.length === 0 ? (
        <p className="body">Import LSOA boundaries (GeoJSON) and an Indices of Deprivation file on the same LSOA vintage to see the map.</p>
      ) : null}
      <div className="map-controls" hidden={layers.length === 0}>
        <SelectField id="map-layer" label="Show" value={chosenLayer} options={layers} onChange={setLayer} />
        {isRelease ? (
          <SelectField
            id="map-index"
            label="Colour by"
            value={index}
            options={[...INDICATOR_LABELS, { value: 'population', label: 'Population denominator' }]}
            onChange={setIndex}
          />
        ) : null}
      </div>
      {measure && state.status === 'loading' ? (
        <p className="body" role="status">
          Drawing the map…
        </p>
      ) : null}
      {state.status === 'failed' ? <ErrorSummary title="The map could not be drawn" errors={[{ message: state.message }]} /> : null}
      {exportError ? <ErrorSummary title="The map could not be exported" errors={[{ message: exportError }]} /> : null}
      {data && drawn ? (
        <>
          <div className="map-layout">
            <MapView
              data={data}
              drawn={drawn}
              title={data.label}
              nationalLsoas={release?.nationalLsoas ?? null}
              selected={selected}
              outlined={outlined}
              onToggle={onToggle}
            />
            <Legend title={data.label} items={items} />
          </div>
          {outlined.size > 0 ? <p className="body">Black outlines: the areas ticked under “Areas”.</p> : null}
          {data.notes.length > 0 ? (
            <ul className="list caption">
              {data.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
          <div className="button-group">
            <button type="button" className="button button--secondary" onClick={() => void exportMap('svg')}>
              Download map as SVG
            </button>
            <button type="button" className="button button--secondary" onClick={() => void exportMap('png')}>
              Download map as PNG
            </button>
          </div>
          <LsoaList data={data} nationalLsoas={release?.nationalLsoas ?? null} selected={selected} onToggle={onToggle} />
        </>
      ) : null}
    </section>
  );
}

/** The map's LSOAs as a table: the same values and selection, for screen readers and the keyboard. */
function LsoaList({ data, nationalLsoas, selected, onToggle }: { data: MapData; nationalLsoas: number | null; selected: ReadonlySet<string>; onToggle: ((lsoa: string) => void) | null }) {
  return (
    <details className="details">
      <summary className="details__summary">List of the {formatCount(data.features.length)} LSOAs on the map</summary>
      <div className="details__text table-wrapper">
        <table className="table">
          <caption className="table__caption">{data.label}</caption>
          <thead>
            <tr>
              <th scope="col">LSOA</th>
              <th scope="col">Value</th>
              {onToggle ? <th scope="col">Selected</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.features.map((f) => (
              <tr key={f.lsoa}>
                <th scope="row">{f.name ? `${f.name} (${f.lsoa})` : f.lsoa}</th>
                <td>{lsoaSummary(f, data.scale, nationalLsoas).replace(/^[^:]*: /, '')}</td>
                {onToggle ? (
                  <td>
                    <input
                      type="checkbox"
                      className="checkbox-small"
                      checked={selected.has(f.lsoa)}
                      onChange={() => onToggle(f.lsoa)}
                      aria-label={`Select ${f.name ?? f.lsoa}`}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
