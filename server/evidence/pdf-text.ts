import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The citation is at the top of page one; the title can spill onto page two. Nothing further is read. */
export const PDF_PAGES_READ = 2;
/** A gap this wide (in points) between two pieces of text on one line separates columns (issuing body | motto). */
const COLUMN_GAP = 24;

export interface PdfText {
  /** Lines of the pages read, top to bottom; each column of a line is a line of its own. */
  lines: string[];
  pageCount: number;
  /** Characters other than spaces found on the pages read: 0 for a scan without a text layer. */
  characters: number;
}

/** Why a PDF could not be read: a password is needed, or it is not a PDF pdf.js can parse. */
export class PdfUnreadableError extends Error {
  constructor(
    readonly reason: 'ENCRYPTED' | 'MALFORMED',
    message: string,
  ) {
    super(message);
  }
}

interface Piece {
  text: string;
  x: number;
  y: number;
  width: number;
}

/** Groups the text pieces of a page into lines by their baseline, and each line into columns by the gaps. */
function pageLines(pieces: Piece[]): string[] {
  const rows = new Map<number, Piece[]>();
  for (const piece of pieces) {
    const y = Math.round(piece.y / 2) * 2;
    rows.set(y, [...(rows.get(y) ?? []), piece]);
  }
  const lines: string[] = [];
  for (const y of [...rows.keys()].sort((a, b) => b - a)) {
    const row = rows.get(y)!.sort((a, b) => a.x - b.x);
    let cell = '';
    let end = -Infinity;
    for (const piece of row) {
      if (cell && piece.x - end > COLUMN_GAP) {
        lines.push(cell);
        cell = '';
      }
      cell += piece.text;
      end = piece.x + piece.width;
    }
    if (cell.trim()) lines.push(cell);
  }
  return lines;
}

/** The text of the first pages of a PDF (PdfUnreadableError when encrypted or broken). */
export async function pdfText(data: Uint8Array): Promise<PdfText> {
  const task = getDocument({
    data,
    verbosity: VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
  });
  try {
    const document = await task.promise.catch((error: Error) => {
      throw new PdfUnreadableError(error.name === 'PasswordException' ? 'ENCRYPTED' : 'MALFORMED', error.message);
    });
    const lines: string[] = [];
    let characters = 0;
    for (let number = 1; number <= Math.min(document.numPages, PDF_PAGES_READ); number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const pieces: Piece[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str) continue;
        characters += item.str.replace(/\s/g, '').length;
        pieces.push({ text: item.str, x: item.transform[4], y: item.transform[5], width: item.width });
      }
      lines.push(...pageLines(pieces));
      page.cleanup();
    }
    return { lines, pageCount: document.numPages, characters };
  } finally {
    await task.destroy();
  }
}
