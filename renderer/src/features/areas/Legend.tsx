import type { MapData } from '../../../../shared/ipc/channels/areas.js';
import { formatCount } from '../../components/format.js';
import { decileColour, NO_VALUE_COLOUR, WITHHELD_COLOUR, type CountClass } from './colour-scale.js';
import { decileLegend } from './area-text.js';

export interface LegendItem {
  colour: string;
  label: string;
}

/** Legend entries for a map: deciles or count classes, then "withheld" and "no value" when they occur. */
export function legendItems(data: MapData, classes: readonly CountClass[]): LegendItem[] {
  const items: LegendItem[] =
    data.scale === 'decile'
      ? decileLegend(decileColour)
      : classes.map((c) => ({ colour: c.colour, label: c.from === c.to ? formatCount(c.from) : `${formatCount(c.from)} to ${formatCount(c.to)}` }));
  if (data.features.some((f) => f.withheld)) items.push({ colour: WITHHELD_COLOUR, label: 'Fewer than 10 (withheld)' });
  if (data.features.some((f) => f.value === null && !f.withheld)) items.push({ colour: NO_VALUE_COLOUR, label: 'No value' });
  return items;
}

export function Legend({ title, items }: { title: string; items: readonly LegendItem[] }) {
  return (
    <div className="legend">
      <p className="legend__title" id="map-legend-title">
        {title}
      </p>
      <ul className="legend__items" aria-labelledby="map-legend-title">
        {items.map((item) => (
          <li key={item.label} className="legend__item">
            <svg width="20" height="14" aria-hidden="true" focusable="false">
              <rect x="0.5" y="0.5" width="19" height="13" fill={item.colour} stroke="#505a5f" />
            </svg>
            {item.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
