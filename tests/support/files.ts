// Small sample files of every evidence format, built in code (no binary fixtures).
import { crc32, deflateSync } from 'node:zlib';
import CFB from 'cfb';
import { strToU8, zipSync } from 'fflate';
import { demoPdf, writePdf } from '../../server/seed/data/demo-pdf.ts';

export const pdf = (text = 'Tai lieu kiem chung') => demoPdf([text]);

/** The header of an official document (Decree 30/2020 layout), line by line, as its text layer reads. */
export const officialHeader = (number: string, placeAndDate: string, type = 'KẾ HOẠCH', title = 'Cải cách hành chính năm 2023') => [
  'ỦY BAN NHÂN DÂN',
  'THỊ XÃ SƠN TÂY',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  `Số: ${number}`,
  placeAndDate,
  type,
  title,
  'Căn cứ Kế hoạch số 243/KH-UBND ngày 05/10/2023 của UBND Thành phố;',
];

/** A PDF whose text layer holds these lines, Vietnamese letters included. */
export const officialPdf = (lines: string[]) => demoPdf(lines);

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const WORD_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A DOCX whose main part is `xml` (already encoded), with the entries content sniffing needs. */
function docxWith(xml: Uint8Array): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
      ),
      'word/document.xml': xml,
    }),
  );
}

const documentXml = (paragraphs: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><w:document ${WORD_NS}><w:body>` +
  paragraphs
    .map((text) => `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`)
    .join('') +
  `</w:body></w:document>`;

/** A DOCX with one paragraph per line. */
export const officialDocx = (paragraphs: string[]) => docxWith(strToU8(documentXml(paragraphs)));

/** The same document with its main part in UTF-16 (little-endian, with a byte-order mark). */
export const utf16Docx = (paragraphs: string[]) =>
  docxWith(
    new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(documentXml(paragraphs).replace('UTF-8', 'UTF-16'), 'utf16le')])),
  );

/** A DOCX of a few hundred kilobytes whose main part inflates to `megabytes` MB of spaces. */
export const docxBomb = (megabytes = 200) => docxWith(new Uint8Array(megabytes * 1024 * 1024).fill(32));

/** A PDF that needs a password: standard security handler, and an owner/user key no empty password opens. */
export const encryptedPdf = () =>
  writePdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
      `<< /Filter /Standard /V 1 /R 2 /O <${'a5'.repeat(32)}> /U <${'5a'.repeat(32)}> /P -44 >>`,
    ],
    `/Encrypt 4 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]`,
  );

/** A PDF of `pages` pages sharing one content stream: tiny on disk, thousands of pages to a reader. */
export function manyPagesPdf(pages: number, lines: string[]): Buffer {
  const header = demoPdf(lines).toString('latin1');
  const font = /4 0 obj\n([\s\S]*?)\nendobj/.exec(header)![1]!;
  const content = /5 0 obj\n([\s\S]*?)\nendobj/.exec(header)![1]!;
  const kids = Array.from({ length: pages }, (_, index) => `${index + 5} 0 R`).join(' ');
  const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>';
  return writePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    font,
    content,
    ...Array(pages).fill(page),
  ]);
}

/** A one-page PDF whose page dictionary holds arrays nested `depth` deep. */
export const nestedPdf = (depth: number) =>
  writePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Deep ${'['.repeat(depth)}${']'.repeat(depth)} >>`,
    `<< /Length 0 >>\nstream\n\nendstream`,
  ]);

/** Bytes that start like a PDF and are nothing else. */
export const brokenPdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R'), Buffer.alloc(2048, 0x41)]);

const openXml = (part: string, contentType: string) =>
  Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          `<Override PartName="/${part}" ContentType="${contentType}"/></Types>`,
      ),
      [part]: strToU8('<x/>'),
    }),
  );

export const docx = () => openXml('word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
export const xlsx = () => openXml('xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml');
export const pptx = () =>
  openXml('ppt/presentation.xml', 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml');

const openDocument = (mime: string) =>
  Buffer.from(zipSync({ mimetype: [strToU8(mime), { level: 0 }], 'content.xml': strToU8('<office:document-content/>') }));
export const odt = () => openDocument('application/vnd.oasis.opendocument.text');
export const ods = () => openDocument('application/vnd.oasis.opendocument.spreadsheet');
export const zip = () => Buffer.from(zipSync({ 'bao-cao.txt': strToU8('Báo cáo'), 'phu-luc/bang.csv': strToU8('a;b') }));

/** An OLE compound file with the given stream (WordDocument → .doc, Workbook → .xls). */
export function compoundFile(stream: string): Buffer {
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, stream, Buffer.alloc(4096, 1));
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}
export const doc = () => compoundFile('WordDocument');
export const xls = () => compoundFile('Workbook');
export const ppt = () => compoundFile('PowerPoint Document');

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 1×1 white PNG. */
export function png(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 255, 255, 255]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The JFIF header is all content sniffing looks at. */
export const jpeg = () =>
  Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), Buffer.alloc(64), Buffer.from('ffd9', 'hex')]);

/** A Windows executable: what a disguised "báo cáo.pdf" might really be. */
export const exe = () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126), Buffer.from('PE\0\0'), Buffer.alloc(128)]);
