import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';

/** The main part's XML is read up to this size; a larger one (or a zip bomb inflating to it) is refused. */
export const MAX_DOCX_XML_BYTES = 16 * 1024 * 1024;
/** Pushed to the inflater a little at a time: deflate expands at most ~1,000×, so one push never overshoots the cap by much. */
const CHUNK = 4096;

export class DocxTooLargeError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? '';
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });

/** UTF-8 unless a byte-order mark says UTF-16; undecodable bytes become U+FFFD rather than an error. */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/** `word/document.xml` of a DOCX, inflated with a running count (DocxTooLargeError past the cap), or null when absent. */
function mainPart(content: Uint8Array): Uint8Array | null {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let found = false;
  let tooLarge = false;
  const unzip = new Unzip((file: UnzipFile) => {
    if (file.name !== 'word/document.xml') return;
    found = true;
    file.ondata = (error, data) => {
      if (error || tooLarge) return;
      size += data.length;
      if (size > MAX_DOCX_XML_BYTES) {
        tooLarge = true;
        file.terminate();
        return;
      }
      chunks.push(data);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  for (let offset = 0; offset < content.length && !tooLarge; offset += CHUNK) {
    unzip.push(content.subarray(offset, offset + CHUNK), offset + CHUNK >= content.length);
  }
  if (tooLarge) throw new DocxTooLargeError(`word/document.xml inflates past ${MAX_DOCX_XML_BYTES} bytes`);
  if (!found) return null;
  const xml = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    xml.set(chunk, at);
    at += chunk.length;
  }
  return xml;
}

/**
 * The paragraphs of a DOCX as lines of text (table cells are paragraphs too, so the header table
 * reads cell by cell), at most `maxLines`; null when the file has no main document part.
 */
export function docxLines(content: Uint8Array, maxLines = 200): string[] | null {
  const part = mainPart(content);
  if (!part) return null;
  const xml = decode(part);
  const lines: string[] = [];
  for (const paragraph of xml.matchAll(/<w:p[\s>][\s\S]*?<\/w:p>/g)) {
    const text = paragraph[0]
      .replace(/<w:(tab|br|cr)\b[^>]*\/>/g, ' ')
      .replace(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<[^>]+>/g, (_, run: string | undefined) => (run === undefined ? '' : unescapeXml(run)));
    if (text.trim()) lines.push(text);
    if (lines.length >= maxLines) break;
  }
  return lines;
}
