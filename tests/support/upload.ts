import { randomBytes } from 'node:crypto';

export interface UploadFile {
  name: string;
  content: Buffer;
  /** Send the name as RFC 8187 `filename*=UTF-8''…` (percent-encoded) instead of a raw quoted string. */
  encodedName?: boolean;
}
export interface UploadResult {
  status: number;
  body: any;
}

export interface UploadOptions {
  token?: string;
  fields?: Record<string, string | string[]>;
  locale?: string;
  chunked?: boolean;
}

/** Uploads a document to a score sheet (see `uploadTo`). */
export const uploadEvidence = (baseUrl: string, sheetId: number, file: UploadFile | null, options: UploadOptions = {}) =>
  uploadTo(`${baseUrl}/api/evidence/score-sheets/${sheetId}/files`, file, options);

/**
 * POSTs a multipart/form-data body built by hand to an upload route, so tests control every byte of the file name
 * (a browser's FormData would escape some of the characters the server must refuse).
 */
export async function uploadTo(url: string, file: UploadFile | null, options: UploadOptions = {}): Promise<UploadResult> {
  const boundary = `----par${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(options.fields ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${one}\r\n`));
    }
  }
  if (file) {
    const filename = file.encodedName ? `filename*=UTF-8''${encodeURIComponent(file.name)}` : `filename="${file.name}"`;
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${filename}\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
    );
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.locale ? { 'accept-language': options.locale } : {}),
    },
    // Chunked: no Content-Length, so the server only learns the size while streaming.
    ...(options.chunked ? { body: new Blob(parts).stream(), duplex: 'half' } : { body: Buffer.concat(parts) }),
  } as RequestInit);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: keep the text for the failure message */
  }
  return { status: response.status, body };
}
