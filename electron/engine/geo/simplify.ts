// Makes boundary polygons small enough to send to the map: Douglas–Peucker per ring and
// coordinates rounded. The tolerance is a share of the layer's extent, so a borough and a
// region both come out at roughly screen resolution. Rings are simplified on their own
// (neighbours may part by up to the tolerance, well under a pixel at the map's size).

export type Position = [number, number];
export type Ring = Position[];
export type PolygonGeometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

/** Squared distance from p to the segment a–b. */
function segmentDistance2(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const x = a[0] + t * dx - p[0];
  const y = a[1] + t * dy - p[1];
  return x * x + y * y;
}

/** Douglas–Peucker on an open or closed line; keeps both ends. Iterative, so long rings cannot overflow the stack. */
export function simplifyLine(points: readonly Position[], tolerance: number): Position[] {
  if (points.length <= 2 || tolerance <= 0) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const tol2 = tolerance * tolerance;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    let worst = -1;
    let worstD = tol2;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(points[i] as Position, points[first] as Position, points[last] as Position);
      if (d > worstD) {
        worst = i;
        worstD = d;
      }
    }
    if (worst > 0) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

const round = (value: number, places: number): number => {
  const f = 10 ** places;
  return Math.round(value * f) / f;
};

/** A closed ring simplified and rounded; the original (rounded) when simplifying would leave under a triangle. */
export function simplifyRing(ring: readonly Position[], tolerance: number, places: number): Ring {
  const rounded = (points: readonly Position[]): Ring => {
    const out: Ring = [];
    for (const p of points) {
      const q: Position = [round(p[0], places), round(p[1], places)];
      const prev = out[out.length - 1];
      if (!prev || prev[0] !== q[0] || prev[1] !== q[1]) out.push(q);
    }
    return out;
  };
  const simplified = rounded(simplifyLine(ring, tolerance));
  return simplified.length >= 4 ? simplified : rounded(ring);
}

export function simplifyGeometry(geometry: PolygonGeometry, tolerance: number, places: number): PolygonGeometry {
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: geometry.coordinates.map((r) => simplifyRing(r, tolerance, places)) };
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((poly) => poly.map((r) => simplifyRing(r, tolerance, places))) };
}

/** [minX, minY, maxX, maxY] over every position of the geometries. */
export function extent(geometries: readonly PolygonGeometry[]): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (ring: Ring): void => {
    for (const [x, y] of ring) {
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    }
  };
  for (const g of geometries) {
    if (g.type === 'Polygon') g.coordinates.forEach(visit);
    else g.coordinates.forEach((poly) => poly.forEach(visit));
  }
  return box;
}

/** Number of positions in a geometry (for payload checks). */
export function countPositions(geometry: PolygonGeometry): number {
  return geometry.type === 'Polygon'
    ? geometry.coordinates.reduce((n, r) => n + r.length, 0)
    : geometry.coordinates.reduce((n, poly) => n + poly.reduce((m, r) => m + r.length, 0), 0);
}
