// Text encodings are detected and decoded as a CSV streams in (read-file.ts): UTF-8 with or
// without a BOM, UTF-16 with a BOM, else Windows-1252 — what Excel's "CSV" and older council
// systems write.

/** Text files do not hold NUL bytes or many control characters; binary junk does. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.05;
}
