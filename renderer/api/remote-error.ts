import type { ErrorCode, ErrorData } from '../../main/common/errors.ts';

/** An error the services reported, as the renderer sees it: a code to switch on and one line to show. */
export class RemoteError extends Error {
  override name = 'RemoteError';
  readonly code: ErrorCode;

  constructor(data: ErrorData) {
    super(data.message);
    this.code = data.code;
  }
}
