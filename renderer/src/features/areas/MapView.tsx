import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { MapData } from '../../../../shared/ipc/channels/areas.js';
import { countClasses, fillFor, type CountClass } from './colour-scale.js';
import { lsoaSummary } from './area-text.js';
import { fitMap, neighbourIn, type Direction, type FittedMap, type Geometry } from './map-geometry.js';

export const MAP_WIDTH = 760;
/** A target area's outline: black on a white halo, visible on the darkest and the palest fills. */
export const OUTLINE = [
  { stroke: '#ffffff', strokeWidth: 5 },
  { stroke: '#0b0c0c', strokeWidth: 2.5 },
] as const;
const ARROWS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

export interface DrawnMap {
  fitted: FittedMap;
  classes: CountClass[];
  fills: Map<string, string>;
}

/** Paths, classes and fills for a map's data (shared by the page and the exports). */
export function drawMap(data: MapData): DrawnMap {
  const fitted = fitMap(
    data.features.map((f) => ({ lsoa: f.lsoa, geometry: f.geometry as Geometry })),
    data.bbox,
    MAP_WIDTH,
  );
  const classes = data.scale === 'count' ? countClasses(data.features.flatMap((f) => (f.value === null ? [] : [f.value]))) : [];
  const fills = new Map(data.features.map((f) => [f.lsoa, fillFor(f, data.scale, classes)]));
  return { fitted, classes, fills };
}

interface MapViewProps {
  data: MapData;
  drawn: DrawnMap;
  title: string;
  nationalLsoas: number | null;
  selected: ReadonlySet<string>;
  outlined: ReadonlySet<string>;
  /** Null when the user may look but not build areas. */
  onToggle: ((lsoa: string) => void) | null;
}

/**
 * The choropleth: one path per LSOA. Keyboard users tab into the map once and move between
 * LSOAs with the arrow keys (roving tabindex); Enter or Space selects. What the pointer or the
 * focus is on is said in the panel under the map (a live region).
 */
export function MapView({ data, drawn, title, nationalLsoas, selected, outlined, onToggle }: MapViewProps) {
  const byCode = useMemo(() => new Map(data.features.map((f) => [f.lsoa, f])), [data]);
  const [current, setCurrent] = useState<string | null>(data.features[0]?.lsoa ?? null);
  const [shown, setShown] = useState<string | null>(null);
  const refs = useRef(new Map<string, SVGPathElement>());
  const { fitted, fills } = drawn;
  const focusable = current !== null && byCode.has(current) ? current : (data.features[0]?.lsoa ?? null);

  const move = (event: KeyboardEvent<SVGPathElement>, lsoa: string) => {
    const direction = ARROWS[event.key];
    if (direction) {
      event.preventDefault();
      const next = neighbourIn(fitted.centres, lsoa, direction);
      if (next) {
        setCurrent(next);
        refs.current.get(next)?.focus();
      }
    } else if ((event.key === 'Enter' || event.key === ' ') && onToggle) {
      event.preventDefault();
      onToggle(lsoa);
    }
  };

  const info = shown ? byCode.get(shown) : undefined;
  return (
    <div className="map">
      <svg
        className="map__svg"
        width={fitted.width}
        height={fitted.height}
        viewBox={`0 0 ${fitted.width} ${fitted.height}`}
        role="group"
        aria-label={`${title}. Use the arrow keys to move between LSOAs${onToggle ? ', Enter to select one' : ''}.`}
        data-testid="lsoa-map"
        onMouseLeave={() => setShown(null)}
      >
        {data.features.map((f) => {
          const isSelected = selected.has(f.lsoa);
          const label = lsoaSummary(f, data.scale, nationalLsoas);
          return (
            <path
              key={f.lsoa}
              ref={(el) => {
                if (el) refs.current.set(f.lsoa, el);
                else refs.current.delete(f.lsoa);
              }}
              d={fitted.paths.get(f.lsoa)}
              fill={fills.get(f.lsoa)}
              stroke="#ffffff"
              strokeWidth={0.6}
              className={`map__lsoa${isSelected ? ' map__lsoa--selected' : ''}`}
              data-lsoa={f.lsoa}
              tabIndex={f.lsoa === focusable ? 0 : -1}
              role={onToggle ? 'button' : 'img'}
              aria-label={`${label}${isSelected ? ', selected' : ''}`}
              aria-pressed={onToggle ? isSelected : undefined}
              onMouseEnter={() => setShown(f.lsoa)}
              onFocus={() => {
                setCurrent(f.lsoa);
                setShown(f.lsoa);
              }}
              onClick={onToggle ? () => onToggle(f.lsoa) : undefined}
              onKeyDown={(event) => move(event, f.lsoa)}
            />
          );
        })}
        <g aria-hidden="true" pointerEvents="none">
          {data.features
            .filter((f) => outlined.has(f.lsoa))
            .flatMap((f) => OUTLINE.map((o, i) => <path key={`o${i}-${f.lsoa}`} d={fitted.paths.get(f.lsoa)} fill="none" stroke={o.stroke} strokeWidth={o.strokeWidth} strokeLinejoin="round" />))}
          {data.features
            .filter((f) => selected.has(f.lsoa))
            .map((f) => (
              <path key={`s-${f.lsoa}`} d={fitted.paths.get(f.lsoa)} fill="none" stroke="#ffdd00" strokeWidth={3} strokeLinejoin="round" />
            ))}
        </g>
      </svg>
      <p className="map__info" aria-live="polite" data-testid="map-info">
        {info ? lsoaSummary(info, data.scale, nationalLsoas) : 'Point at or move to an LSOA to see its value.'}
      </p>
    </div>
  );
}
