import { PROTOCOL_VERSION } from '../protocol/messages';
import { ApiError, type ApiErrorCode } from './http-api';

export interface UploadedPhoto {
  photo: string;
  url: string;
  bytes: number;
}

export interface PhotoUpload {
  done: Promise<UploadedPhoto>;
  abort(): void;
}

/**
 * Sends a photo with the person's token. XMLHttpRequest rather than fetch: it reports the upload's
 * progress, which a weak network makes worth showing.
 */
export function uploadPhoto(token: string, photo: Blob, onProgress: (fraction: number) => void): PhotoUpload {
  const request = new XMLHttpRequest();
  const done = new Promise<UploadedPhoto>((resolve, reject) => {
    request.open('POST', '/api/photos');
    request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.setRequestHeader('X-Parvis-Protocol', String(PROTOCOL_VERSION));
    request.setRequestHeader('Content-Type', photo.type || 'application/octet-stream');
    request.responseType = 'json';
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      const body = request.response as (Partial<UploadedPhoto> & { error?: ApiErrorCode; message?: string }) | null;
      if (request.status === 201 && body?.photo) resolve(body as UploadedPhoto);
      else reject(new ApiError(body?.error ?? 'unavailable', request.status, body?.message));
    });
    request.addEventListener('error', () => reject(new ApiError('network', 0)));
    request.addEventListener('abort', () => reject(new ApiError('network', 0)));
    request.send(photo);
  });
  return { done, abort: () => request.abort() };
}
