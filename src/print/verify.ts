import { existsSync, readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { UserFacingError } from '../diagnostics.ts';
import { loadPlan } from '../load/index.ts';
import { listPlanIds } from '../load/files.ts';
import { fingerprintOf, shortFingerprint } from './fingerprint.ts';
import { fingerprintFromKeywords } from './pdf.ts';
import { allText, openPdf } from './read-pdf.ts';

export interface Verification {
  matches: boolean;
  planId?: string;
  pdfFingerprint?: string;
  planFingerprint?: string;
  message: string;
}

/** The fingerprint a PDF carries: in its keywords, else printed on the sign-off page. */
export async function fingerprintInPdf(bytes: Uint8Array): Promise<string | undefined> {
  try {
    const fromKeywords = fingerprintFromKeywords((await PDFDocument.load(bytes, { updateMetadata: false })).getKeywords());
    if (fromKeywords) return fromKeywords;
  } catch {
    // Not loadable by pdf-lib: fall back to reading the text.
  }
  const document = await openPdf(bytes);
  try {
    const text = (await allText(document)).join('\n');
    return /Plan fingerprint:\s*([0-9a-f]{64})/.exec(text.replace(/\s+(?=[0-9a-f])/g, ''))?.[1] ?? /([0-9a-f]{64})/.exec(text)?.[1];
  } finally {
    await document.destroy();
  }
}

export async function verifyPdf(root: string, pdfPath: string, planId?: string): Promise<Verification> {
  if (!existsSync(pdfPath)) throw new UserFacingError(`there is no file ${pdfPath}`);
  const pdfFingerprint = await fingerprintInPdf(new Uint8Array(readFileSync(pdfPath)));
  if (!pdfFingerprint) return { matches: false, message: `✗ ${pdfPath} carries no yjplan fingerprint: it was not printed by yjplan, or it has been altered` };
  const candidates = planId ? [planId] : listPlanIds(root);
  for (const id of candidates) {
    const planFingerprint = fingerprintOf(loadPlan(root, id));
    if (planFingerprint === pdfFingerprint) {
      return { matches: true, planId: id, pdfFingerprint, planFingerprint, message: `✓ the PDF matches plan ${id} as it is now (fingerprint ${shortFingerprint(pdfFingerprint)})` };
    }
    if (planId) {
      return {
        matches: false,
        planId: id,
        pdfFingerprint,
        planFingerprint,
        message: `✗ the PDF does not match plan ${id} as it is now: the PDF's fingerprint is ${shortFingerprint(pdfFingerprint)}, the plan's is ${shortFingerprint(planFingerprint)}. The plan's data or text changed after the PDF was printed.`,
      };
    }
  }
  return { matches: false, pdfFingerprint, message: `✗ the PDF (fingerprint ${shortFingerprint(pdfFingerprint)}) matches none of the plans as they are now: ${candidates.join(', ') || 'none found'}` };
}
