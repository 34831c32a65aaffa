import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFHexString, PDFName, PDFNumber } from 'pdf-lib';
import { destinationPages, openPdf, quickDestinationPages, readPdfStructure } from './read-pdf.ts';
import { fingerprintFromKeywords, withMetadataAppended, type PrintJob } from './pdf.ts';

/** A 5-page PDF laid out as Chromium writes one: classic cross-reference table, /Dests, an outline. */
async function chromiumLike(objectStreams = false): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false });
  const pages = Array.from({ length: 5 }, () => document.addPage([595, 842]));
  const { context } = document;
  const dests = context.obj({});
  const targets: Record<string, number> = { introduction: 0, 'local-context': 2, 'sign-off': 4, 'note-x2a': 3 };
  for (const [id, index] of Object.entries(targets)) dests.set(PDFName.of(id), context.obj([pages[index]!.ref, PDFName.of('XYZ'), 0, 842, 0]));
  document.catalog.set(PDFName.of('Dests'), context.register(dests));
  // Two bookmarks, the second with the space lost where its heading wrapped.
  const outlinesRef = context.nextRef();
  const firstRef = context.nextRef();
  const secondRef = context.nextRef();
  context.assign(firstRef, context.obj({ Title: PDFHexString.fromText('Introduction'), Parent: outlinesRef, Next: secondRef, Dest: [pages[0]!.ref, PDFName.of('XYZ'), 0, 842, 0] }));
  context.assign(secondRef, context.obj({ Title: PDFHexString.fromText('Governance and partnershiparrangements'), Parent: outlinesRef, Prev: firstRef, Dest: [pages[2]!.ref, PDFName.of('XYZ'), 0, 842, 0] }));
  context.assign(outlinesRef, context.obj({ Type: 'Outlines', First: firstRef, Last: secondRef, Count: PDFNumber.of(2) }));
  document.catalog.set(PDFName.of('Outlines'), outlinesRef);
  document.setTitle('Draft title');
  return document.save({ useObjectStreams: objectStreams });
}

const job: PrintJob = {
  siteDir: '/nowhere',
  planId: '2025-26',
  pdfFile: '2025-26/plan.pdf',
  title: 'Youth Justice Plan 2025-26 – Kelbridge Borough Council',
  author: 'Kelbridge Youth Justice Service',
  subject: 'Youth Justice Plan 2025-26 for Kelbridge Borough Council',
  keywords: ['youth justice plan', 'Kelbridge Borough Council'],
  fingerprint: 'ab'.repeat(32),
  sections: 3,
};

describe('the small PDF reader', () => {
  it('finds every named destination on the same page as pdfjs does', async () => {
    const bytes = await chromiumLike();
    const ids = ['introduction', 'local-context', 'sign-off', 'note-x2a', 'missing'];
    const structure = readPdfStructure(bytes);
    expect(structure?.pages).toHaveLength(5);
    const quick = quickDestinationPages(structure!, ids);
    const pdf = await openPdf(bytes);
    expect(quick).toEqual(await destinationPages(pdf, ids));
    expect(quick.get('sign-off')).toBe(5);
    expect(quick.has('missing')).toBe(false);
    await pdf.destroy();
  });

  it('declines a file with compressed cross-references, so the caller falls back to pdfjs', async () => {
    expect(readPdfStructure(await chromiumLike(true))).toBeUndefined();
    expect(readPdfStructure(new TextEncoder().encode('not a pdf'))).toBeUndefined();
  });
});

describe('metadata written as an incremental update', () => {
  it('sets title, author, subject and fingerprint, repairs a bookmark title, and keeps the pages', async () => {
    const bytes = await chromiumLike();
    const updated = withMetadataAppended(bytes, readPdfStructure(bytes)!, job, ['Introduction', 'Governance and partnership arrangements']);
    expect(updated).toBeDefined();
    // The original bytes are untouched: the update is appended.
    expect(Buffer.from(updated!.subarray(0, bytes.length)).equals(Buffer.from(bytes))).toBe(true);

    const pdf = await openPdf(updated!);
    const info = (await pdf.getMetadata()).info as Record<string, string>;
    expect(info).toMatchObject({ Title: job.title, Author: job.author, Subject: job.subject, Creator: 'yjplan' });
    expect(fingerprintFromKeywords(info.Keywords)).toBe(job.fingerprint);
    expect((await pdf.getOutline())?.map((item) => item.title)).toEqual(['Introduction', 'Governance and partnership arrangements']);
    expect(pdf.numPages).toBe(5);
    await pdf.destroy();

    const reloaded = await PDFDocument.load(updated!, { updateMetadata: false });
    expect(reloaded.getTitle()).toBe(job.title);
    expect(fingerprintFromKeywords(reloaded.getKeywords())).toBe(job.fingerprint);
    // The updated file is itself readable by the small reader, through its /Prev chain.
    const again = readPdfStructure(updated!);
    expect(quickDestinationPages(again!, ['local-context']).get('local-context')).toBe(3);
  });
});
