import type { RetentionDates } from '../protocol/messages';

/**
 * The date an idle workshop will be deleted, once its animators should be warned (a week before,
 * by default); null before that, or when the server keeps workshops for good.
 */
export function retentionWarning(retention: RetentionDates | undefined, now: number): Date | null {
  if (!retention || now < retention.warnFrom) return null;
  return new Date(retention.deletesAt);
}
