import { describe, expect, it } from 'vitest';
import { retentionWarning } from './retention';

const DAY = 24 * 3600 * 1000;

describe('the warning before an idle workshop is deleted', () => {
  const retention = { deletesAt: 90 * DAY, warnFrom: 83 * DAY };

  it('says nothing before the week that precedes the deletion', () => {
    expect(retentionWarning(retention, 82 * DAY)).toBeNull();
  });

  it('gives the date of the deletion from then on', () => {
    expect(retentionWarning(retention, 83 * DAY)).toEqual(new Date(90 * DAY));
    expect(retentionWarning(retention, 89 * DAY)).toEqual(new Date(90 * DAY));
  });

  it('says nothing when the server keeps workshops for good', () => {
    expect(retentionWarning(undefined, 1_000 * DAY)).toBeNull();
  });
});
