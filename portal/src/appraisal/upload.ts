/** One uploaded supplementary document, as the server answers. */
export interface UploadedEvidence {
  evidenceId: number;
}

/**
 * Sends a file with its document metadata as multipart/form-data, reporting progress (fetch
 * cannot). Resolves with the JSON body; rejects with the server's localised message.
 */
export function uploadWithProgress(url: string, form: FormData, onProgress: (fraction: number) => void, locale: string): Promise<UploadedEvidence> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.withCredentials = true;
    request.setRequestHeader('accept-language', locale);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onerror = () => reject(new Error('network'));
    request.onload = () => {
      const body = (() => { try { return JSON.parse(request.responseText); } catch { return null; } })();
      if (request.status >= 200 && request.status < 300) resolve(body);
      else reject(new Error(body?.error?.message ?? request.statusText));
    };
    request.send(form);
  });
}
