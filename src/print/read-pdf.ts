/** Reading PDFs back with pdfjs-dist: for contents page numbers, `verify`, and tests. */
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdfjs takes ownership of the buffer it is given, so hand it a copy.
  return pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
}

/** The 1-based page of each named destination (Chromium writes one per link target id). */
export async function destinationPages(pdf: PDFDocumentProxy, ids: readonly string[]): Promise<Map<string, number>> {
  const destinations = (await pdf.getDestinations()) as Record<string, unknown[] | null>;
  const pages = new Map<string, number>();
  for (const id of ids) {
    const destination = destinations[id];
    const ref = destination?.[0];
    if (ref && typeof ref === 'object') pages.set(id, (await pdf.getPageIndex(ref as Parameters<PDFDocumentProxy['getPageIndex']>[0])) + 1);
  }
  return pages;
}

export async function pageText(pdf: PDFDocumentProxy, pageNumber: number): Promise<string> {
  const page = await pdf.getPage(pageNumber);
  const content = await page.getTextContent();
  return content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
}

export async function allText(pdf: PDFDocumentProxy): Promise<string[]> {
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) pages.push(await pageText(pdf, n));
  return pages;
}
