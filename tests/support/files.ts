// Small sample files of every evidence format, built in code (no binary fixtures).
import { crc32, deflateSync } from 'node:zlib';
import CFB from 'cfb';
import { strToU8, zipSync } from 'fflate';
import { demoPdf } from '../../server/seed/data/demo-pdf.ts';

export const pdf = (text = 'Tai lieu kiem chung') => demoPdf([text]);

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
