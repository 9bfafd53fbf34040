// The pairs at or above a weight, strongest first (ties by pair index), by a two-pass radix sort
// on the weights' bits: at a million records there are a million or two such pairs, and a
// comparator sort over them costs a second where this costs a few tens of milliseconds.

/** Indexes x < count with weight[x] ≥ threshold, by weight descending, then x ascending. */
export function edgesByWeight(weight: Float32Array, count: number, threshold: number): Int32Array {
  let edgeCount = 0;
  for (let x = 0; x < count; x++) if ((weight[x] as number) >= threshold) edgeCount++;
  const edges = new Int32Array(edgeCount);
  // a key per edge that orders as the weight descending: the float's bits made to sort as
  // unsigned integers (negative floats flipped whole, positive ones their sign bit set), inverted
  const keys = new Uint32Array(edgeCount);
  const bits = new Uint32Array(weight.buffer, weight.byteOffset, weight.length);
  let e = 0;
  for (let x = 0; x < count; x++) {
    if ((weight[x] as number) < threshold) continue;
    let b = bits[x] as number;
    if (b === 0x80000000) b = 0; // −0 ties with 0, as it does under a comparator
    const ascending = b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0;
    keys[e] = ~ascending >>> 0;
    edges[e++] = x;
  }
  // least significant half first; each pass is stable, so equal keys keep x ascending
  const tmpEdges = new Int32Array(edgeCount);
  const tmpKeys = new Uint32Array(edgeCount);
  const counts = new Int32Array(65537);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let k = 0; k < edgeCount; k++) counts[(((keys[k] as number) >>> shift) & 0xffff) + 1]!++;
    for (let d = 0; d < 65536; d++) counts[d + 1]! += counts[d] as number;
    for (let k = 0; k < edgeCount; k++) {
      const key = keys[k] as number;
      const at = counts[(key >>> shift) & 0xffff]!++;
      tmpEdges[at] = edges[k] as number;
      tmpKeys[at] = key;
    }
    edges.set(tmpEdges);
    keys.set(tmpKeys);
  }
  return edges;
}
