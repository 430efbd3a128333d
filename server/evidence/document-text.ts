import fs from 'node:fs/promises';
import { readCitation, type ReadCitation } from './citation.logic.ts';
import { DocxTooLargeError, docxLines } from './docx-text.ts';
import { documentSignatureStatus, pdfSignatures, type PdfSignature } from './pdf-signatures.ts';
import { PdfUnreadableError, pdfText } from './pdf-text.ts';
import { ReadingStatus, SignatureStatus } from './reading-status.ts';

/** What one read of a file gives; `citation` is null unless the status is READ. */
export interface ReadOutcome {
  status: ReadingStatus;
  citation: ReadCitation | null;
  pageCount: number | null;
  detail: string | null;
  /** PDFs only (null for other formats): the worst of `signatures`, NOT_SIGNED when there are none. */
  signatureStatus: SignatureStatus | null;
  signatures: PdfSignature[];
}

export const PDF_MIME = 'application/pdf';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Fewer visible characters than this on the pages read is a scan, not a text layer. */
const MIN_TEXT = 16;

export const outcome = (status: ReadingStatus, detail: string | null = null, pageCount: number | null = null): ReadOutcome => ({
  status,
  citation: null,
  pageCount,
  detail,
  signatureStatus: null,
  signatures: [],
});

function fromLines(lines: string[], pageCount: number | null): ReadOutcome {
  const text = lines.join('').replace(/\s/g, '');
  // U+FFFD everywhere means bytes in an encoding the decoder did not expect: no usable text.
  const readable = text.replace(/\uFFFD/g, '');
  if (readable.length < MIN_TEXT) return outcome(ReadingStatus.NO_TEXT, null, pageCount);
  return { ...outcome(ReadingStatus.READ, null, pageCount), citation: readCitation(lines) };
}

/**
 * Reads a stored file's text and the citation it states, and checks a PDF's signatures against the
 * administrator's root certificates (PEM). Runs inside a reader thread (reader.ts), which caps its
 * time and memory; every failure the parsers report becomes a status.
 */
export async function readDocument(path: string, mime: string, roots: string[] = []): Promise<ReadOutcome> {
  if (mime !== PDF_MIME && mime !== DOCX_MIME) return outcome(ReadingStatus.NOT_READABLE_FORMAT);
  const content = new Uint8Array(await fs.readFile(path));
  if (mime === DOCX_MIME) {
    try {
      const lines = docxLines(content);
      return lines ? fromLines(lines, null) : outcome(ReadingStatus.MALFORMED, 'no word/document.xml');
    } catch (error) {
      if (error instanceof DocxTooLargeError) return outcome(ReadingStatus.TOO_LARGE, error.message);
      return outcome(ReadingStatus.MALFORMED, (error as Error).message);
    }
  }
  // Before the text: pdf.js takes the buffer over. Signatures are found even where the text cannot be read.
  const signatures = await pdfSignatures(content, roots);
  const signed = { signatureStatus: documentSignatureStatus(signatures), signatures };
  try {
    const text = await pdfText(content);
    return { ...fromLines(text.lines, text.pageCount), ...signed };
  } catch (error) {
    if (error instanceof PdfUnreadableError) return { ...outcome(ReadingStatus[error.reason], error.message), ...signed };
    // pdf.js recursing through deeply nested objects ends here too (RangeError: call stack).
    return { ...outcome(ReadingStatus.MALFORMED, (error as Error).message), ...signed };
  }
}
