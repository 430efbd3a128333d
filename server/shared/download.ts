import { create as contentDisposition } from 'content-disposition';

/** 'Kế hoạch số 243.pdf' → 'Ke hoach so 243.pdf': the name for clients that ignore `filename*`. */
export function asciiFileName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
}

/** A Content-Disposition header keeping the UTF-8 name (RFC 6266/8187) with its ASCII fallback. */
export const dispositionOf = (fileName: string, type: 'attachment' | 'inline' = 'attachment'): string =>
  contentDisposition(fileName, { type, fallback: asciiFileName(fileName) });
