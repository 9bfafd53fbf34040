// The PDF's typeface: Noto Sans (SIL Open Font Licence), read from the @fontsource/noto-sans
// package at run time and embedded (subset) in every pack, so the pack looks the same in any
// reader rather than depending on the reader's stand-in for a standard font. The Latin subset
// covers the text packs hold (en-GB, £, €, dashes, curly quotes); pdf.ts maps anything else.
import { createRequire } from 'node:module';

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

/** Registers the pack fonts with a pdfkit document; text then uses PACK_FONTS' names. */
export function registerPackFonts(doc: PDFKit.PDFDocument): PackFonts {
  const f = packFontFiles();
  doc.registerFont(PACK_FONTS.regular, f.regular);
  doc.registerFont(PACK_FONTS.bold, f.bold);
  return PACK_FONTS;
}
