// Pure parts of the map and areas engine: simplifying boundaries for the map, disclosure
// control of counts, and which ward lookup an area's effective date picks.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { wardYearFor } from '../../electron/engine/geo/areas.js';
import { disclose } from '../../electron/engine/geo/disclosure.js';
import { countPositions, extent, simplifyGeometry, simplifyLine, simplifyRing, type PolygonGeometry, type Position } from '../../electron/engine/geo/simplify.js';

const layer = JSON.parse(readFileSync(fileURLToPath(new URL('../../../shared/data/boundaries/rotherham_E08000018_lsoa2021.geojson', import.meta.url)), 'utf8')) as {
  features: Array<{ geometry: PolygonGeometry }>;
};

describe('simplifying boundaries for the map', () => {
  it('drops points closer to the line than the tolerance and keeps the corners', () => {
    const line: Position[] = [
      [0, 0],
      [1, 0.001],
      [2, 0],
      [2, 2],
    ];
    expect(simplifyLine(line, 0.01)).toEqual([
      [0, 0],
      [2, 0],
      [2, 2],
    ]);
    expect(simplifyLine(line, 0.0001)).toEqual(line);
  });

  it('keeps every ring closed and at least a triangle, and rounds to the given places', () => {
    const tiny: Position[] = [
      [0.123456789, 0],
      [0.0000001, 0.0000001],
      [0, 0.0000002],
      [0.123456789, 0],
    ];
    const ring = simplifyRing(tiny, 1, 5);
    expect(ring.length).toBeGreaterThanOrEqual(3);
    expect(ring[0]).toEqual([0.12346, 0]);
    expect(ring[ring.length - 1]).toEqual(ring[0]);
  });

  it('thins the Rotherham layer within a pixel of a 1,500-pixel map, keeping its extent and closed rings', () => {
    const geometries = layer.features.map((f) => f.geometry);
    const box = extent(geometries);
    const tolerance = Math.max(box[2] - box[0], box[3] - box[1]) / 1500;
    const before = geometries.reduce((n, g) => n + countPositions(g), 0);
    const simplified = geometries.map((g) => simplifyGeometry(g, tolerance, 5));
    const after = simplified.reduce((n, g) => n + countPositions(g), 0);
    expect(after).toBeLessThan(before * 0.9);
    const afterBox = extent(simplified);
    for (let i = 0; i < 4; i++) expect(Math.abs((afterBox[i] ?? 0) - (box[i] ?? 0))).toBeLessThanOrEqual(tolerance);
    for (const g of simplified) {
      const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
      for (const r of rings) {
        expect(r.length).toBeGreaterThanOrEqual(4);
        expect(r[0]).toEqual(r[r.length - 1]);
      }
    }
  });
});

describe('disclosure control of counts', () => {
  it('shows analysts exact counts; others get under-10 withheld and the rest rounded to 5', () => {
    expect([0, 3, 9, 10, 12, 13, 101].map((n) => disclose(n, 'exact'))).toEqual([0, 3, 9, 10, 12, 13, 101]);
    expect([0, 3, 9, 10, 12, 13, 101].map((n) => disclose(n, 'rounded'))).toEqual([null, null, null, 10, 10, 15, 100]);
  });
});

describe('the ward lookup in force on an area’s effective date (DOMAIN §6.1)', () => {
  const years = [2011, 2016, 2019, 2024];
  it('keeps Rotherham on its 21 wards until the May 2021 elections and on the 25 after', () => {
    expect(wardYearFor(years, '2015-04-01', 'E08000018')).toBe(2011);
    expect(wardYearFor([2016, 2019, 2024], '2015-04-01', 'E08000018')).toBe(2016);
    expect(wardYearFor(years, '2020-06-01', 'E08000018')).toBe(2019);
    expect(wardYearFor(years, '2021-05-05', 'E08000018')).toBe(2019);
    expect(wardYearFor(years, '2021-05-06', 'E08000018')).toBe(2024);
    expect(wardYearFor(years, '2022-01-01', 'E08000018')).toBe(2024);
    expect(wardYearFor(years, '2010-01-01', 'E08000018')).toBe(2011);
  });

  it('takes the latest lookup not after the date where the district’s re-wardings are not known', () => {
    expect(wardYearFor(years, '2022-01-01', 'E08000019')).toBe(2019);
    expect(wardYearFor(years, '2008-01-01', null)).toBe(2011);
    expect(wardYearFor([], '2022-01-01', null)).toBeUndefined();
  });
});
