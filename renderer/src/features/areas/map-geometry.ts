// From lon/lat polygons to SVG paths that fill a box, and the keyboard's way around the map.
// Positions are first put on a local equirectangular plane (longitude × cos of the middle
// latitude) and then fitted with d3-geo's planar identity projection: no spherical winding
// rules, so polygons drawn either way round fill as themselves (a spherical projection would
// read a clockwise ring as "the whole globe but this").
import { geoIdentity, geoPath } from 'd3-geo';

export type Geometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface MapShape {
  lsoa: string;
  geometry: Geometry;
}

export interface FittedMap {
  width: number;
  height: number;
  paths: Map<string, string>;
  /** Centre of each LSOA's bounding box on the drawing, for keyboard movement and labels. */
  centres: Map<string, [number, number]>;
}

function onPlane(geometry: Geometry, k: number): Geometry {
  const ring = (r: number[][]): number[][] => r.map(([x = 0, y = 0]) => [x * k, y]);
  return geometry.type === 'Polygon' ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) } : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(ring)) };
}

/** Drawing height for a width, keeping the layer's proportions (within sensible limits). */
export function heightFor(bbox: readonly [number, number, number, number], width: number): number {
  const k = Math.cos((((bbox[1] + bbox[3]) / 2) * Math.PI) / 180);
  const w = Math.max(1e-9, (bbox[2] - bbox[0]) * k);
  const h = Math.max(1e-9, bbox[3] - bbox[1]);
  return Math.round(Math.max(width * 0.4, Math.min(width * 1.4, (width * h) / w)));
}

export function fitMap(shapes: readonly MapShape[], bbox: readonly [number, number, number, number], width: number, padding = 8): FittedMap {
  const height = heightFor(bbox, width);
  const k = Math.cos((((bbox[1] + bbox[3]) / 2) * Math.PI) / 180);
  const planar = shapes.map((s) => ({ type: 'Feature' as const, properties: { lsoa: s.lsoa }, geometry: onPlane(s.geometry, k) }));
  const projection = geoIdentity()
    .reflectY(true)
    .fitExtent(
      [
        [padding, padding],
        [width - padding, height - padding],
      ],
      { type: 'FeatureCollection', features: planar },
    );
  const path = geoPath(projection).digits(1);
  const paths = new Map<string, string>();
  const centres = new Map<string, [number, number]>();
  for (const f of planar) {
    paths.set(f.properties.lsoa, path(f) ?? '');
    const [[x0, y0], [x1, y1]] = path.bounds(f);
    centres.set(f.properties.lsoa, [(x0 + x1) / 2, (y0 + y1) / 2]);
  }
  return { width, height, paths, centres };
}

export type Direction = 'up' | 'down' | 'left' | 'right';

/**
 * The LSOA an arrow key moves to: among centres lying in that direction (within 60° of it),
 * the nearest, with sideways distance counting double so movement follows the arrow.
 */
export function neighbourIn(centres: ReadonlyMap<string, readonly [number, number]>, from: string, direction: Direction): string | null {
  const origin = centres.get(from);
  if (!origin) return null;
  const [ux, uy] = direction === 'left' ? [-1, 0] : direction === 'right' ? [1, 0] : direction === 'up' ? [0, -1] : [0, 1];
  let best: string | null = null;
  let bestScore = Infinity;
  for (const [code, [x, y]] of centres) {
    if (code === from) continue;
    const dx = x - origin[0];
    const dy = y - origin[1];
    const along = dx * ux + dy * uy;
    const across = Math.abs(dx * uy - dy * ux);
    if (along <= 0 || across > along * Math.tan(Math.PI / 3)) continue;
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = code;
    }
  }
  return best;
}
