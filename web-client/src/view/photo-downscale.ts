import { fitWithin } from '../model/photo-size';

const JPEG_QUALITY = 0.82;

/**
 * The photo as it leaves the phone: its long side at most 1600 px, turned the way the camera held it,
 * re-encoded as JPEG, which also leaves its EXIF block (and the GPS position in it) behind.
 * Rejects when the browser cannot read the file as a picture.
 */
export async function downscalePhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.drawImage(bitmap, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('encoding failed'))), 'image/jpeg', JPEG_QUALITY),
    );
  } finally {
    bitmap.close();
  }
}
