// The Areas page's logic without a browser: colour scales, fitting the Rotherham boundaries
// into the drawing, keyboard movement, the exported SVG, the chart layout and the layer choices.
import { describe, expect, it } from 'vitest';
import type { GeoStatus } from '../../shared/ipc/channels/areas.js';
import { countClasses, contrast, countColour, decileColour, fillFor, luminance, NO_VALUE_COLOUR, textOn, WITHHELD_COLOUR } from '../../renderer/src/features/areas/colour-scale.js';
import { decileChangeText, layerChoices, lsoaSummary, mapFileBase, measureFor } from '../../renderer/src/features/areas/area-text.js';
import { fitMap, heightFor, neighbourIn, type Geometry } from '../../renderer/src/features/areas/map-geometry.js';
import { ATTRIBUTION, buildExportSvg, fileNameFor, wrap } from '../../renderer/src/features/areas/map-export.js';
import { decileBars } from '../../renderer/src/features/areas/profile-chart.js';
// Read as text by Vite (the renderer project has no Node types): the published Rotherham layer.
import rotherham from '../../../shared/data/boundaries/rotherham_E08000018_lsoa2021.geojson?raw';

const geojson = JSON.parse(rotherham) as {
  features: Array<{ properties: { LSOA21CD: string }; geometry: Geometry }>;
};
const shapes = geojson.features.map((f) => ({ lsoa: f.properties.LSOA21CD, geometry: f.geometry }));

function bboxOf(list: typeof shapes): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (ring: number[][]) => {
    for (const [x = 0, y = 0] of ring) {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
  };
  for (const s of list) {
    if (s.geometry.type === 'Polygon') s.geometry.coordinates.forEach(visit);
    else s.geometry.coordinates.forEach((p) => p.forEach(visit));
  }
  return box;
}

/** Every number in an SVG path, as [x, y] pairs. */
const pathPoints = (d: string): Array<[number, number]> => {
  const n = (d.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  const out: Array<[number, number]> = [];
  for (let i = 0; i + 1 < n.length; i += 2) out.push([n[i] as number, n[i + 1] as number]);
  return out;
};

describe('decile colours', () => {
  it('get lighter with every decile, so the order survives greyscale and colour-blind viewing', () => {
    const lum = Array.from({ length: 10 }, (_, i) => luminance(decileColour(i + 1)));
    for (let i = 1; i < 10; i++) expect(lum[i], `decile ${i + 1}`).toBeGreaterThan(lum[i - 1] as number);
    expect(new Set(Array.from({ length: 10 }, (_, i) => decileColour(i + 1))).size).toBe(10);
  });

  it('pick label text with at least 4.5:1 contrast on every swatch', () => {
    for (let d = 1; d <= 10; d++) expect(contrast(decileColour(d), textOn(decileColour(d))), `decile ${d}`).toBeGreaterThanOrEqual(4.5);
  });

  it('mark withheld and missing values apart from any decile', () => {
    expect(fillFor({ value: null, withheld: true }, 'decile', [])).toBe(WITHHELD_COLOUR);
    expect(fillFor({ value: null, withheld: false }, 'decile', [])).toBe(NO_VALUE_COLOUR);
    expect(fillFor({ value: 3, withheld: false }, 'decile', [])).toBe(decileColour(3));
  });
});

describe('count classes', () => {
  it('cover every value in ordered, non-overlapping ranges, darker for more', () => {
    const values = [10, 15, 15, 20, 25, 40, 55, 60, 80, 120, 300];
    const classes = countClasses(values, 5);
    expect(classes.length).toBeGreaterThan(1);
    expect(classes.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < classes.length; i++) {
      expect(classes[i]?.from).toBe((classes[i - 1]?.to ?? 0) + 1);
      expect(luminance(classes[i]?.colour ?? '')).toBeLessThan(luminance(classes[i - 1]?.colour ?? ''));
    }
    for (const v of values) expect(classes.some((c) => v >= c.from && v <= c.to), String(v)).toBe(true);
    expect(countColour(300, classes)).toBe(classes[classes.length - 1]?.colour);
  });

  it('make one class when every value is the same, none when there are none', () => {
    expect(countClasses([5, 5, 5])).toEqual([expect.objectContaining({ from: 5, to: 5 })]);
    expect(countClasses([])).toEqual([]);
  });
});

describe('fitting the boundaries into the drawing', () => {
  const bbox = bboxOf(shapes);
  const fitted = fitMap(shapes, bbox, 760);

  it('draws every Rotherham LSOA inside the box, filling its width', () => {
    expect(fitted.paths.size).toBe(170);
    const all = [...fitted.paths.values()].flatMap(pathPoints);
    const xs = all.map((p) => p[0]);
    const ys = all.map((p) => p[1]);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(7.9);
    expect(Math.max(...xs)).toBeLessThanOrEqual(760 - 7.9);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(7.9);
    expect(Math.max(...ys)).toBeLessThanOrEqual(fitted.height - 7.9);
    // One side of the fitted box touches the padding on both ends.
    const spanX = Math.max(...xs) - Math.min(...xs);
    const spanY = Math.max(...ys) - Math.min(...ys);
    expect(Math.max(spanX / (760 - 16), spanY / (fitted.height - 16))).toBeGreaterThan(0.99);
  });

  it('keeps north up and the proportions of the ground (longitude shrunk by the cosine of latitude)', () => {
    const height = heightFor(bbox, 760);
    const k = Math.cos((((bbox[1] + bbox[3]) / 2) * Math.PI) / 180);
    expect(height / 760).toBeCloseTo((bbox[3] - bbox[1]) / ((bbox[2] - bbox[0]) * k), 1);
    // Wath (north of the borough) above Dinnington (south-east): compare two LSOA centres.
    const north = shapes.reduce((a, b) => (bboxOf([a])[3] > bboxOf([b])[3] ? a : b));
    const south = shapes.reduce((a, b) => (bboxOf([a])[1] < bboxOf([b])[1] ? a : b));
    expect(fitted.centres.get(north.lsoa)?.[1]).toBeLessThan(fitted.centres.get(south.lsoa)?.[1] ?? 0);
  });

  it('draws a polygon the same whichever way its rings wind', () => {
    const one = shapes.find((s) => s.geometry.type === 'Polygon') as { lsoa: string; geometry: { type: 'Polygon'; coordinates: number[][][] } };
    const reversed = { lsoa: one.lsoa, geometry: { type: 'Polygon' as const, coordinates: one.geometry.coordinates.map((r) => [...r].reverse()) } };
    const box = bboxOf([one]);
    const a = pathPoints(fitMap([one], box, 300).paths.get(one.lsoa) ?? '');
    const b = pathPoints(fitMap([reversed], box, 300).paths.get(one.lsoa) ?? '');
    const extent = (pts: Array<[number, number]>) => [Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[1]))];
    expect(extent(b)).toEqual(extent(a));
    expect(extent(a)[1]).toBeLessThanOrEqual(300);
  });
});

describe('moving around the map with the arrow keys', () => {
  const centres = new Map<string, [number, number]>([
    ['mid', [100, 100]],
    ['east', [160, 110]],
    ['far-east', [300, 100]],
    ['north', [95, 40]],
    ['south', [100, 170]],
    ['west', [30, 95]],
  ]);
  it('goes to the nearest LSOA in the direction of the arrow', () => {
    expect(neighbourIn(centres, 'mid', 'right')).toBe('east');
    expect(neighbourIn(centres, 'mid', 'left')).toBe('west');
    expect(neighbourIn(centres, 'mid', 'up')).toBe('north');
    expect(neighbourIn(centres, 'mid', 'down')).toBe('south');
    expect(neighbourIn(centres, 'far-east', 'right')).toBeNull();
  });
});

describe('the exported SVG', () => {
  it('is a standalone file with title, legend, notes and the attribution, text escaped', () => {
    const svg = buildExportSvg({
      title: 'IoD2025 <IMD> & "deciles"',
      width: 400,
      height: 300,
      paths: [{ d: 'M0,0L10,0L10,10Z', fill: decileColour(1), stroke: '#ffffff', strokeWidth: 0.6 }],
      outlines: [{ d: 'M0,0L10,0L10,10Z', fill: 'none', stroke: '#0b0c0c', strokeWidth: 2.5 }],
      legend: [{ colour: decileColour(1), label: '1 – most deprived 10%' }],
      notes: ['Counts under 10 are withheld.'],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>IoD2025 &lt;IMD&gt; &amp; &quot;deciles&quot;</title>');
    expect(svg).toContain(`fill="${decileColour(1)}"`);
    expect(svg).toContain('1 – most deprived 10%');
    expect(svg).toContain('Counts under 10 are withheld.');
    const text = svg.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Contains OS data © Crown copyright and database right.');
    expect(svg).not.toMatch(/style=/);
    expect(wrap(ATTRIBUTION, 60).every((l) => l.length <= 60)).toBe(true);
    expect(fileNameFor('IoD2025 Index of Multiple Deprivation decile (LSOA 2021)', 'png')).toBe('iod2025-index-of-multiple-deprivation-decile-lsoa-2021.png');
  });
});

describe('profile chart and page wording', () => {
  it('splits each release bar into deciles by share of LSOAs', () => {
    const [row] = decileBars([{ label: 'IoD2025', decileCounts: [2, 1, 0, 0, 0, 0, 0, 0, 0, 1] }], 400);
    expect(row?.total).toBe(4);
    expect(row?.segments.map((s) => [s.decile, s.width])).toEqual([
      [1, 200],
      [2, 100],
      [10, 100],
    ]);
    expect(row?.segments[2]?.x).toBe(300);
  });

  it('offers releases whose LSOA vintage has boundaries, and baseline counts per boundary vintage', () => {
    const status: GeoStatus = {
      releases: [
        { release: 'IoD2019', vintage: 2011, nationalLsoas: 32844, lsoas: 32844 },
        { release: 'IoD2025', vintage: 2021, nationalLsoas: 33755, lsoas: 170 },
      ],
      boundaries: [{ vintage: 2021, lsoas: 170 }],
      postcodeVintages: [],
      changes: [],
      wards: [],
      imports: [],
      borough: null,
    };
    expect(layerChoices(status).map((c) => c.value)).toEqual(['IoD2025', 'households-2021', 'persons-2021']);
    expect(measureFor('IoD2025', 'income')).toEqual({ kind: 'decile', release: 'IoD2025', indicator: 'income' });
    expect(measureFor('IoD2025', 'population')).toEqual({ kind: 'population', release: 'IoD2025' });
    expect(measureFor('households-2021', 'imd')).toEqual({ kind: 'households', vintage: 2021 });
    expect(measureFor('nonsense', 'imd')).toBeNull();
    expect(fileNameFor(mapFileBase({ kind: 'decile', release: 'IoD2025', indicator: 'living_environment' }, 2021), 'svg')).toBe('iod2025-living-environment-deciles-lsoa2021.svg');
    expect(fileNameFor(mapFileBase({ kind: 'households', vintage: 2011 }, 2011), 'png')).toBe('households-lsoa2011.png');
  });

  it('says what an LSOA holds and how a decile changed', () => {
    expect(lsoaSummary({ lsoa: 'E01007715', name: 'Rotherham 016A', value: 1, rank: 15, withheld: false }, 'decile', 33755)).toBe('Rotherham 016A (E01007715): decile 1, rank 15 of 33,755');
    expect(lsoaSummary({ lsoa: 'E01007715', name: null, value: null, rank: null, withheld: true }, 'count', null)).toBe('E01007715: fewer than 10');
    expect(decileChangeText(-1)).toBe('−1 decile (more deprived)');
    expect(decileChangeText(3)).toBe('+3 deciles (less deprived)');
    expect(decileChangeText(0)).toBe('no change');
  });
});
