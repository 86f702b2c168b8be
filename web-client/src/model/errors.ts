import { ApiError, type ApiErrorCode } from '../net/http-api';
import { BusError, type BusErrorCode } from '../net/bus-socket';
import type { ServerErrorCode } from '../protocol/messages';

/** Every error the user may be told about; each has a sentence in the dictionaries. */
export type ClientErrorCode = ServerErrorCode | ApiErrorCode | BusErrorCode | 'access_denied' | 'unknown';

/** Worth retrying as is: the command was not applied, or it is safe to apply it again. */
export function isTransient(code: ClientErrorCode): boolean {
  return code === 'rate_limited' || code === 'unavailable' || code === 'timeout' || code === 'reply_failed';
}

/** A command the server refused, or that could not reach it. */
export class CommandFailed extends Error {
  constructor(readonly code: ClientErrorCode) {
    super(code);
    this.name = 'CommandFailed';
  }
}

export function errorCodeOf(error: unknown): ClientErrorCode {
  if (error instanceof BusError || error instanceof ApiError || error instanceof CommandFailed) return error.code;
  return 'unknown';
}
