/**
 * The one gatekeeper between a transport and the services: it checks that the
 * method is in the contract, validates the arguments against its schema, runs the
 * handler, and turns whatever happens into an Envelope. IPC and HTTP both call it.
 */
import { type Envelope, type Handlers, isMethodName, methods } from './api.ts';
import { ApiError, oneLine, toErrorData } from './errors.ts';

export async function dispatch(
  handlers: Handlers,
  method: unknown,
  args: unknown,
  signal: AbortSignal,
): Promise<Envelope> {
  try {
    if (!isMethodName(method)) {
      throw new ApiError('invalid', `Unknown method: ${String(method).slice(0, 80)}`);
    }
    const parsed = methods[method].args.safeParse(args ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'arguments';
      throw new ApiError(
        'invalid',
        `${method}: ${where} ${oneLine(issue?.message ?? 'are invalid')}`,
      );
    }
    signal.throwIfAborted();
    const handler = handlers[method] as (
      a: unknown,
      c: { signal: AbortSignal },
    ) => Promise<unknown>;
    const result = await handler(parsed.data, { signal });
    return { ok: true, result };
  } catch (error) {
    if (signal.aborted)
      return { ok: false, error: { code: 'aborted', message: 'The operation was cancelled.' } };
    return { ok: false, error: toErrorData(error) };
  }
}
