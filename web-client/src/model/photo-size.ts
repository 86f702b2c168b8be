/** The long side of a photo as it leaves the phone: enough for a projector, small on a weak network. */
export const PHOTO_MAX_SIDE = 1600;

/** The size a picture is scaled to so that its long side is at most `maxSide`; never enlarged. */
export function fitWithin(width: number, height: number, maxSide = PHOTO_MAX_SIDE): { width: number; height: number } {
  const longSide = Math.max(width, height);
  if (longSide <= maxSide) return { width, height };
  const scale = maxSide / longSide;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
