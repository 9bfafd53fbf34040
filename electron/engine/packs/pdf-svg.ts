// Draws the SVG our own charts and maps are made of straight onto the PDF page as vectors. The
// charts module writes a small subset (rect, path with absolute M/L/Z, line, text, one clip
// rectangle); svg-to-pdfkit draws any SVG but took 0.5–1 s per map (measured: 27–99 KB maps), so
// eleven area maps alone passed the 10 s budget. Anything outside the subset goes to svg-to-pdfkit.
import SVGtoPDF from 'svg-to-pdfkit';

const TAG = /<(\/?)([a-zA-Z]+)([^>]*?)(\/?)>([^<]*)/g;
const ATTR = /([a-zA-Z-]+)="([^"]*)"/g;
const KNOWN = new Set(['svg', 'defs', 'clipPath', 'g', 'rect', 'path', 'line', 'text']);

const attrs = (raw: string): Record<string, string> => Object.fromEntries([...raw.matchAll(ATTR)].map((m) => [m[1] as string, m[2] as string]));
const num = (v: string | undefined, fallback = 0): number => (v === undefined ? fallback : Number(v));
const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** Draws `svg` at (x, y) scaled by `scale`. */
export function drawSvg(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, scale: number, width: number, height: number, fonts: { regular: string; bold: string }): void {
  const tags = [...svg.matchAll(TAG)];
  if (tags.some((m) => !KNOWN.has(m[2] as string))) {
    SVGtoPDF(doc, svg, x, y, { width: width * scale, height: height * scale, assumePt: true, fontCallback: (_f, bold) => (bold ? fonts.bold : fonts.regular) });
    return;
  }
  const clips = new Map<string, Record<string, string>>();
  let clipId: string | null = null;
  let inDefs = false;
  const groups: boolean[] = [];
  doc.save();
  doc.translate(x, y).scale(scale);
  const paint = (a: Record<string, string>, shape: () => void): void => {
    const fill = a.fill && a.fill !== 'none' ? a.fill : null;
    const stroke = a.stroke && a.stroke !== 'none' ? a.stroke : null;
    if (!fill && !stroke) return;
    shape();
    if (stroke) doc.lineWidth(num(a['stroke-width'], 1)).lineJoin('round');
    if (fill && stroke) doc.fillAndStroke(fill, stroke);
    else if (fill) doc.fill(fill);
    else doc.stroke(stroke as string);
  };
  for (const m of tags) {
    const [, closing, name, rawAttrs, , text] = m as unknown as [string, string, string, string, string, string];
    const a = attrs(rawAttrs);
    if (closing) {
      if (name === 'defs') inDefs = false;
      if (name === 'clipPath') clipId = null;
      if (name === 'g' && groups.pop()) doc.restore();
      continue;
    }
    if (name === 'defs') inDefs = true;
    else if (name === 'clipPath') clipId = a.id ?? null;
    else if (inDefs) {
      if (clipId && name === 'rect') clips.set(clipId, a);
    } else if (name === 'g') {
      const ref = /url\(#([^)]+)\)/.exec(a['clip-path'] ?? '')?.[1];
      const clip = ref ? clips.get(ref) : undefined;
      groups.push(clip !== undefined);
      if (clip) {
        doc.save();
        doc.rect(num(clip.x), num(clip.y), num(clip.width), num(clip.height)).clip();
      }
    } else if (name === 'rect') paint(a, () => doc.rect(num(a.x), num(a.y), num(a.width), num(a.height)));
    else if (name === 'path') paint(a, () => doc.path(a.d ?? ''));
    else if (name === 'line') paint({ ...a, fill: 'none' }, () => doc.moveTo(num(a.x1), num(a.y1)).lineTo(num(a.x2), num(a.y2)));
    else if (name === 'text') {
      const size = num(a['font-size'], 10);
      const content = unescape(text);
      doc.font(a['font-weight'] === 'bold' ? fonts.bold : fonts.regular).fontSize(size).fillColor(a.fill ?? '#0b0c0c');
      const w = doc.widthOfString(content);
      const left = a['text-anchor'] === 'end' ? num(a.x) - w : a['text-anchor'] === 'middle' ? num(a.x) - w / 2 : num(a.x);
      // SVG places text by its baseline; pdfkit by the top of the line box.
      doc.text(content, left, num(a.y) - size * 0.8, { lineBreak: false });
    }
  }
  doc.restore();
}
