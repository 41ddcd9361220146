import type { ErrorCode } from '../common/errors.ts';

/** How each error code reads as an HTTP status. */
export const STATUS_OF: Record<ErrorCode, number> = {
  invalid: 400,
  'not-found': 404,
  conflict: 409,
  forbidden: 403,
  aborted: 499,
  network: 502,
  storage: 507,
  internal: 500,
};
