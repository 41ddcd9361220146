/**
 * Answers kept in the renderer, so a view that needs them — the reader, as it
 * opens — does not wait on a call for what the renderer already knows. Each is
 * kept only while the core's events say it holds:
 * - the settings: asked for once, then known from what each `settings.set`
 *   answers and each `settings.changed` tells (another window, the CLI,
 *   another browser on the same serve);
 * - editions (`editions.get`), a few: forgotten when `edition.added`,
 *   `edition.changed` or `edition.removed` names them, and all of them after
 *   any call that may change editions or their sources;
 * - where the reader left an edition (`reader.position`): learnt from its
 *   answers, from this window's `reader.remember` and from `reader.remembered`
 *   (the reader read on in another window or on another device).
 * With the three kept, an edition opened again from the library is drawn a
 * frame or two sooner (test/bench/reader first-ink: the calls took 4–25 ms).
 */
import type { Api, Args, MethodName, Result } from '../../main/common/api.ts';

type Settings = Result<'settings.get'>;
type Edition = Result<'editions.get'>;
type Position = Result<'reader.position'>;

/** Editions kept: the last few opened. */
const EDITIONS = 16;
/** Calls that leave editions and their sources as they are. */
const READS = new Set<MethodName>([
  'editions.get',
  'editions.list',
  'sources.list',
  'sources.presets',
]);
const CHANGES_EDITIONS = /^(?:editions|sources|archive)\./;

export function keepAnswers(api: Api): Api {
  let settings: Promise<Settings> | undefined;
  const editions = new Map<string, Promise<Edition>>();
  const positions = new Map<string, Position>();

  api.on('settings.changed', (now) => {
    settings = Promise.resolve(now);
  });
  api.on('edition.added', ({ edition }) => editions.delete(edition.id));
  api.on('edition.changed', ({ edition, previous }) => {
    editions.delete(edition.id);
    editions.delete(previous);
    positions.delete(previous);
  });
  api.on('edition.removed', ({ id }) => {
    editions.delete(id);
    positions.delete(id);
  });
  api.on('reader.remembered', ({ edition, position }) => positions.set(edition, position));

  const call = <M extends MethodName>(
    method: M,
    args: Args<M>,
    options?: Parameters<Api['call']>[2],
  ): Promise<Result<M>> => {
    const ask = () => api.call(method, args, options);
    if (method === 'settings.get') {
      if (!settings) {
        const asked = ask() as Promise<Settings>;
        settings = asked;
        // A call that failed is made again next time.
        asked.catch(() => {
          if (settings === asked) settings = undefined;
        });
      }
      return settings as Promise<Result<M>>;
    }
    if (method === 'editions.get') {
      const id = (args as Args<'editions.get'>).id;
      let answer = editions.get(id);
      if (!answer) {
        const asked = ask() as Promise<Edition>;
        asked.catch(() => {
          if (editions.get(id) === asked) editions.delete(id);
        });
        answer = asked;
      }
      // The most recently asked last; the oldest go first.
      editions.delete(id);
      editions.set(id, answer);
      for (const old of editions.keys()) {
        if (editions.size <= EDITIONS) break;
        editions.delete(old);
      }
      return answer as Promise<Result<M>>;
    }
    if (method === 'reader.position') {
      const edition = (args as Args<'reader.position'>).edition;
      if (positions.has(edition))
        return Promise.resolve(positions.get(edition)!) as Promise<Result<M>>;
      const answer = ask() as Promise<Position>;
      answer.then(
        (position) => {
          if (!positions.has(edition)) positions.set(edition, position);
        },
        () => {},
      );
      return answer as Promise<Result<M>>;
    }
    const answer = ask();
    if (method === 'settings.set') {
      (answer as Promise<Settings>).then(
        (now) => {
          settings = Promise.resolve(now);
        },
        () => {},
      );
    } else if (method === 'reader.remember') {
      const { edition, position } = args as Args<'reader.remember'>;
      positions.set(edition, position as Position);
    } else if (CHANGES_EDITIONS.test(method) && !READS.has(method)) {
      // Settled or not, what it may have changed is asked for again.
      const forget = () => editions.clear();
      answer.then(forget, forget);
      forget();
    }
    return answer;
  };
  return {
    call,
    on: (event, listener) => api.on(event, listener),
    ready: () => api.ready(),
    close: () => api.close(),
  };
}
