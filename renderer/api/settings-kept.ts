/**
 * The settings, kept in the renderer: asked for once, then known from what each
 * `settings.set` answers and each `settings.changed` tells (another window, the
 * CLI, another browser on the same serve). So a view that needs them — the reader,
 * as it opens — does not wait on a call for what the renderer already knows.
 */
import type { Api, Args, MethodName, Result } from '../../main/common/api.ts';

type Settings = Result<'settings.get'>;

export function keepSettings(api: Api): Api {
  let kept: Promise<Settings> | undefined;
  const learn = (settings: Settings) => {
    kept = Promise.resolve(settings);
  };
  api.on('settings.changed', learn);
  const call = <M extends MethodName>(
    method: M,
    args: Args<M>,
    options?: Parameters<Api['call']>[2],
  ): Promise<Result<M>> => {
    if (method === 'settings.get') {
      if (!kept) {
        const asked = api.call('settings.get', {}, options);
        kept = asked;
        // A call that failed is made again next time.
        asked.catch(() => {
          if (kept === asked) kept = undefined;
        });
      }
      return kept as Promise<Result<M>>;
    }
    const answer = api.call(method, args, options);
    if (method === 'settings.set') (answer as Promise<Settings>).then(learn, () => {});
    return answer;
  };
  return {
    call,
    on: (event, listener) => api.on(event, listener),
    ready: () => api.ready(),
    close: () => api.close(),
  };
}
