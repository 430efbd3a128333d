import { ref } from 'vue';
import { refusalMessage } from './errors';
import { REQUEST_ID_HEADER, withRequestId } from './graphql';
import { currentLocale, i18n } from './i18n';

/** A refused upload: the server's message (already in the user's language), its HTTP status and error code. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * Sends a body to one of the API's upload routes and resolves with the route's JSON answer. The body is a multipart
 * form (see `uploadForm`) or the file itself, sent as `application/octet-stream`. XMLHttpRequest, because fetch reports
 * no upload progress; `onProgress` gets the fraction sent (0–1). The session cookie goes along. Errors come back as
 * `{ error: { code, message } }` and reject with an `UploadError`.
 */
export function upload<T>(url: string, body: FormData | Blob, onProgress?: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('accept-language', currentLocale());
    if (body instanceof Blob) request.setRequestHeader('content-type', 'application/octet-stream');
    if (onProgress) request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      let answer: { error?: { code?: string; message?: string } } | null = null;
      try {
        answer = JSON.parse(request.responseText);
      } catch {
        // not JSON (a proxy's error page): the status says enough
      }
      if (request.status >= 200 && request.status < 300) resolve(answer as T);
      else {
        // Without a code (a proxy's page), the status names the refusal.
        const code =
          answer?.error?.code ??
          (request.status === 413 ? 'REQUEST_TOO_LARGE' : request.status >= 500 ? 'INTERNAL_SERVER_ERROR' : undefined);
        const message = withRequestId(refusalMessage(code, answer?.error?.message), request.getResponseHeader(REQUEST_ID_HEADER));
        reject(new UploadError(message, request.status, code));
      }
    };
    request.onerror = () => reject(new UploadError(i18n.global.t('shared.uploadConnectionLost'), 0));
    request.send(body);
  });
}

/** A multipart body: the fields that have a value, then the file (the server reads the fields before the file). */
export function uploadForm(file: File, fields: Record<string, string | number | null | undefined> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields))
    if (value !== undefined && value !== null && value !== '') form.append(name, String(value));
  form.append('file', file, file.name);
  return form;
}

/** `upload` for a component: `progress` is null while idle, else the fraction sent, for a progress bar. */
export function useUpload() {
  const progress = ref<number | null>(null);
  async function send<T>(url: string, body: FormData | Blob): Promise<T> {
    progress.value = 0;
    try {
      return await upload<T>(url, body, (fraction) => (progress.value = fraction));
    } finally {
      progress.value = null;
    }
  }
  return { progress, send };
}
