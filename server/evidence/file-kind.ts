import { fileTypeFromFile } from 'file-type';
import fs from 'node:fs/promises';

/** An allowed evidence format, recognised from the content. */
export interface FileKind {
  ext: string;
  mime: string;
}

/**
 * What units may upload (the list). file-type already tells the ZIP-based formats apart by
 * their entries ([Content_Types].xml for DOCX/XLSX, `mimetype` for ODT/ODS); any other ZIP-based
 * format (PPTX, DOCM, JAR, EPUB…) is reported as such and refused rather than passed off as a ZIP.
 */
const ALLOWED: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  jpg: 'image/jpeg',
  png: 'image/png',
  zip: 'application/zip',
};

export const ALLOWED_EXTENSIONS = Object.keys(ALLOWED);

/**
 * The name a download is saved under: the uploaded name, with the extension of the type its
 * content was recognised as added when the name does not already end in it (a PDF uploaded as
 * `bao-cao.exe` downloads as `bao-cao.exe.pdf`), so a disguised name never decides how it opens.
 */
export function downloadName(fileName: string, mime: string): string {
  const ext = Object.entries(ALLOWED).find(([, type]) => type === mime)?.[0];
  if (!ext) return fileName;
  const own = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const same = own === ext || (ext === 'jpg' && own === 'jpeg');
  return same ? fileName : `${fileName}.${ext}`;
}

/** The kind of the file at `filePath`, or null when it is not an allowed format. */
export async function detectFileKind(filePath: string): Promise<FileKind | null> {
  const type = await fileTypeFromFile(filePath);
  if (!type) return null;
  // DOC and XLS are both OLE compound files; the streams inside say which.
  const ext = type.ext === 'cfb' ? await legacyOfficeKind(filePath) : type.ext;
  return ext && ALLOWED[ext] ? { ext, mime: ALLOWED[ext] } : null;
}

const CFB_SIGNATURE = Buffer.from('d0cf11e0a1b11ae1', 'hex');
/** Sector numbers from 0xFFFFFFFA up are markers (end of chain, free, FAT, DIFAT). */
const LAST_SECTOR = 0xfffffff9;
const MAX_DIRECTORY_SECTORS = 256;

/**
 * 'doc' if an OLE compound file has a `WordDocument` stream, 'xls' if it has `Workbook` (or the
 * Excel 5 `Book`), else null (PowerPoint, Outlook, installers…). Reads the header, the FAT sectors
 * it needs and the directory chain: a few kilobytes whatever the file size.
 */
export async function legacyOfficeKind(filePath: string): Promise<'doc' | 'xls' | null> {
  const handle = await fs.open(filePath, 'r');
  try {
    const header = Buffer.alloc(512);
    await handle.read(header, 0, 512, 0);
    if (!header.subarray(0, 8).equals(CFB_SIGNATURE)) return null;
    const sectorSize = 2 ** header.readUInt16LE(0x1e);
    if (sectorSize !== 512 && sectorSize !== 4096) return null;
    const perSector = sectorSize / 4;

    const readSector = async (sector: number): Promise<Buffer | null> => {
      const buffer = Buffer.alloc(sectorSize);
      const { bytesRead } = await handle.read(buffer, 0, sectorSize, (sector + 1) * sectorSize);
      return bytesRead === sectorSize ? buffer : null;
    };

    // Locations of the FAT sectors: 109 in the header, the rest in a chain of DIFAT sectors.
    const fatSectors = Array.from({ length: 109 }, (_, i) => header.readUInt32LE(0x4c + i * 4));
    let difatSector = header.readUInt32LE(0x44);
    const fatSectorOf = async (index: number): Promise<number | undefined> => {
      while (index >= fatSectors.length && difatSector <= LAST_SECTOR && fatSectors.length < 1_000_000) {
        const difat = await readSector(difatSector);
        if (!difat) return undefined;
        for (let i = 0; i < perSector - 1; i++) fatSectors.push(difat.readUInt32LE(i * 4));
        difatSector = difat.readUInt32LE((perSector - 1) * 4);
      }
      return fatSectors[index];
    };
    const nextSector = async (sector: number): Promise<number> => {
      const fatSector = await fatSectorOf(Math.floor(sector / perSector));
      if (fatSector === undefined || fatSector > LAST_SECTOR) return 0xfffffffe;
      const fat = await readSector(fatSector);
      return fat ? fat.readUInt32LE((sector % perSector) * 4) : 0xfffffffe;
    };

    let sector = header.readUInt32LE(0x30);
    for (let count = 0; sector <= LAST_SECTOR && count < MAX_DIRECTORY_SECTORS; count++) {
      const directory = await readSector(sector);
      if (!directory) return null;
      // 128-byte entries: UTF-16LE name (64 bytes), then its length in bytes including the final NUL.
      for (let offset = 0; offset < sectorSize; offset += 128) {
        const length = directory.readUInt16LE(offset + 0x40);
        if (length < 2 || length > 64) continue;
        const name = directory.toString('utf16le', offset, offset + length - 2);
        if (name === 'WordDocument') return 'doc';
        if (name === 'Workbook' || name === 'Book') return 'xls';
      }
      sector = await nextSector(sector);
    }
    return null;
  } finally {
    await handle.close();
  }
}
