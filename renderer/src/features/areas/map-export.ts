// The map as a file for board packs: a standalone SVG built from the same paths and fills as
// the page (title, legend, notes and the OGL/OS attribution included), a PNG drawn from it on a
// canvas, and a download through an object URL (no network, nothing leaves the machine).

export const ATTRIBUTION =
  'Contains public sector information licensed under the Open Government Licence v3.0. Source: MHCLG English Indices of Deprivation; Office for National Statistics. Contains OS data © Crown copyright and database right.';

export interface ExportPath {
  d: string;
  fill: string;
  stroke: string;
  strokeWidth: number;
}

export interface ExportMap {
  title: string;
  width: number;
  height: number;
  paths: readonly ExportPath[];
  /** Drawn over the fills: target areas and the selection. */
  outlines: readonly ExportPath[];
  legend: ReadonlyArray<{ colour: string; label: string }>;
  notes: readonly string[];
}

export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** Splits text into lines of at most `width` characters at spaces. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const FONT = 'Helvetica, Arial, sans-serif';

export function buildExportSvg(map: ExportMap): string {
  const titleHeight = 40;
  const legendRows = Math.ceil(map.legend.length / 2);
  const textLines = [...map.notes.flatMap((n) => wrap(n, Math.floor(map.width / 6.5))), ...wrap(ATTRIBUTION, Math.floor(map.width / 6.5))];
  const footer = 16 + legendRows * 22 + 10 + textLines.length * 15 + 10;
  const height = titleHeight + map.height + footer;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${map.width}" height="${height}" viewBox="0 0 ${map.width} ${height}">`);
  out.push(`<title>${escapeXml(map.title)}</title>`);
  out.push(`<rect x="0" y="0" width="${map.width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="8" y="26" font-family="${FONT}" font-size="18" font-weight="bold" fill="#0b0c0c">${escapeXml(map.title)}</text>`);
  out.push(`<g transform="translate(0 ${titleHeight})">`);
  for (const p of map.paths) out.push(`<path d="${escapeXml(p.d)}" fill="${p.fill}" stroke="${p.stroke}" stroke-width="${p.strokeWidth}" stroke-linejoin="round"/>`);
  for (const p of map.outlines) out.push(`<path d="${escapeXml(p.d)}" fill="none" stroke="${p.stroke}" stroke-width="${p.strokeWidth}" stroke-linejoin="round"/>`);
  out.push('</g>');
  let y = titleHeight + map.height + 16;
  const column = map.width / 2;
  map.legend.forEach((item, i) => {
    const x = 8 + (i % 2) * column;
    const rowY = y + Math.floor(i / 2) * 22;
    out.push(`<rect x="${x}" y="${rowY}" width="18" height="14" fill="${item.colour}" stroke="#505a5f" stroke-width="0.5"/>`);
    out.push(`<text x="${x + 24}" y="${rowY + 12}" font-family="${FONT}" font-size="13" fill="#0b0c0c">${escapeXml(item.label)}</text>`);
  });
  y += legendRows * 22 + 10;
  for (const line of textLines) {
    out.push(`<text x="8" y="${y + 11}" font-family="${FONT}" font-size="11" fill="#505a5f">${escapeXml(line)}</text>`);
    y += 15;
  }
  out.push('</svg>');
  return out.join('\n');
}

/** Draws the SVG on a canvas at `scale` and returns PNG bytes (blob: images are allowed by the CSP). */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The map could not be drawn as an image.'));
    });
    image.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.naturalWidth * scale);
    canvas.height = Math.round(image.naturalHeight * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This window cannot draw images.');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Hands a file to the browser's download: the browser host saves it in the downloads folder;
 * Electron shows its save dialog (see README, "Areas and IMD").
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the download reads the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name from the map's title: letters, digits and dashes only. */
export const fileNameFor = (title: string, extension: 'svg' | 'png'): string =>
  `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'map'}.${extension}`;
