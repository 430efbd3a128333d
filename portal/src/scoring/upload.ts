import { currentLocale } from '../i18n';

export interface UploadFields { documentNumber?: string; issueDate?: string; issuingBody?: string; title?: string; criterionId?: number }
export interface UploadedEvidence { id: number; fileName: string }

/**
 * Sends one evidence file to the upload route with XMLHttpRequest (fetch reports no upload
 * progress). The session cookie goes along; errors come back as `{ error: { message } }`,
 * already in the user's language.
 */
export function uploadEvidence(sheetId: number, file: File, fields: UploadFields, onProgress: (percent: number) => void): Promise<UploadedEvidence> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined && value !== '') form.append(name, String(value));
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/evidence/score-sheets/${sheetId}/files`);
    xhr.setRequestHeader('accept-language', currentLocale());
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(Math.round((event.loaded / event.total) * 100));
    xhr.onload = () => {
      let body: { evidence?: UploadedEvidence; error?: { message: string } } = {};
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status < 300 && body.evidence) resolve(body.evidence);
      else reject(new Error(body.error?.message ?? `HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error(currentLocale() === 'vi' ? 'Mất kết nối khi tải lên.' : 'The connection failed during the upload.'));
    xhr.send(form);
  });
}
