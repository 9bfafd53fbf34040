// svg-to-pdfkit ships no types: the one function the pack writer calls.
declare module 'svg-to-pdfkit' {
  function SVGtoPDF(
    doc: PDFKit.PDFDocument,
    svg: string,
    x: number,
    y: number,
    options?: { width?: number; height?: number; preserveAspectRatio?: string; assumePt?: boolean; fontCallback?: (family: string, bold: boolean, italic: boolean) => string },
  ): void;
  export default SVGtoPDF;
}
