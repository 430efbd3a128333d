import { strFromU8, unzipSync } from 'fflate';

/** The main part of a .docx as XML text. */
export const documentXml = (docx: Buffer) =>
  strFromU8(unzipSync(new Uint8Array(docx), { filter: (file) => file.name === 'word/document.xml' })['word/document.xml']!);

const text = (xml: string) =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((match) => match[1]!)
    .join('')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");

/** Every table row of a .docx as its cells' text (paragraphs of a cell joined by a line break), tables in order. */
export function docxTableRows(docx: Buffer): string[][] {
  return [...documentXml(docx).matchAll(/<w:tr[\s>][\s\S]*?<\/w:tr>/g)].map((row) =>
    [...row[0].matchAll(/<w:tc[\s>][\s\S]*?<\/w:tc>/g)].map((cell) =>
      [...cell[0].matchAll(/<w:p[\s>][\s\S]*?<\/w:p>/g)].map((paragraph) => text(paragraph[0])).join('\n'),
    ),
  );
}

/** The paragraphs of a .docx as text, in order (table cells included). */
export const docxParagraphs = (docx: Buffer) => [...documentXml(docx).matchAll(/<w:p[\s>][\s\S]*?<\/w:p>/g)].map((match) => text(match[0]));
