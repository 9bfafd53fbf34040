// The PDF's typeface: Noto Sans (SIL Open Font Licence), read from the @fontsource/noto-sans
// package at run time and embedded (subset) in every pack, so the pack looks the same in any
// reader rather than depending on the reader's stand-in for a standard font. The Latin subset
// covers the text packs hold (en-GB, £, €, dashes, curly quotes); pdf.ts maps anything else.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';

const require = createRequire(import.meta.url);

export interface PackFonts {
  regular: string;
  bold: string;
}

/** Names the PDF writer uses for the registered fonts. */
export const PACK_FONTS: PackFonts = { regular: 'NotoSans', bold: 'NotoSans-Bold' };

let files: { regular: string; bold: string } | undefined;

/** The font files' paths in node_modules (resolved once). */
export function packFontFiles(): { regular: string; bold: string } {
  files ??= {
    regular: require.resolve('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff'),
    bold: require.resolve('@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff'),
  };
  return files;
}

/**
 * A WOFF font as the plain TrueType font it wraps: each table inflated once, here, with the
 * native zlib. Handed the WOFF itself, the PDF writer's font reader inflates tables in
 * JavaScript every time it reads them, which cost more than a second per pack.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') return woff;
  const tables = woff.readUInt16BE(12);
  const entries = Array.from({ length: tables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compressed = woff.readUInt32BE(at + 8);
    const length = woff.readUInt32BE(at + 12);
    const stored = woff.subarray(offset, offset + compressed);
    return { tag: woff.subarray(at, at + 4), checksum: woff.readUInt32BE(at + 16), data: compressed < length ? inflateSync(stored) : stored };
  });
  let power = 1;
  while (power * 2 <= tables) power *= 2;
  const header = Buffer.alloc(12 + tables * 16);
  woff.copy(header, 0, 4, 8); // the flavour: the sfnt version of the font inside
  header.writeUInt16BE(tables, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(tables * 16 - power * 16, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  entries.forEach((e, i) => {
    const at = 12 + i * 16;
    e.tag.copy(header, at);
    header.writeUInt32BE(e.checksum, at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(e.data.length, at + 12);
    const padded = Buffer.alloc((e.data.length + 3) & ~3);
    e.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

let fontBytes: { regular: Buffer; bold: Buffer } | undefined;

/** Registers the pack fonts with a pdfkit document; text then uses PACK_FONTS' names. */
export function registerPackFonts(doc: PDFKit.PDFDocument): PackFonts {
  const f = packFontFiles();
  fontBytes ??= { regular: woffToSfnt(readFileSync(f.regular)), bold: woffToSfnt(readFileSync(f.bold)) };
  doc.registerFont(PACK_FONTS.regular, fontBytes.regular);
  doc.registerFont(PACK_FONTS.bold, fontBytes.bold);
  return PACK_FONTS;
}
