/**
 * The files a shell serves, by id only: archive files (/files/…, with byte
 * ranges), clip exports (/clips/…) and pages as images (front pages small,
 * /covers/…; pages at a screen's height, /previews/…). The HTTP server and the
 * desktop's paperboy:// protocol answer a request's path with this and nothing else.
 */
import {
  CLIPS_PREFIX,
  COVERS_PREFIX,
  FILES_PREFIX,
  PREVIEWS_PREFIX,
} from '../../common/file-urls.ts';
import type { Archive } from '../archive/archive.ts';
import type { ClipStore } from '../clips/clip-store.ts';
import { answerFile, type FileAnswer } from './archive-file.ts';
import { answerClipFile } from './clip-file.ts';
import { answerPictureFile } from './picture-file.ts';

export type { FileAnswer } from './archive-file.ts';

export interface FileRequest {
  method: string;
  range?: string | null;
  ifRange?: string | null;
}

export interface FileAnswers {
  /** Whether a path names a served file (an archive file or a clip), not a page of the app. */
  serves(pathname: string): boolean;
  answer(pathname: string, request: FileRequest): Promise<FileAnswer>;
}

export function createFileAnswers(archive: Archive, clips: ClipStore): FileAnswers {
  return {
    serves: (pathname) =>
      pathname.startsWith(FILES_PREFIX) ||
      pathname.startsWith(CLIPS_PREFIX) ||
      pathname.startsWith(COVERS_PREFIX) ||
      pathname.startsWith(PREVIEWS_PREFIX),
    async answer(pathname, request) {
      if (!pathname.startsWith(FILES_PREFIX)) {
        const answer = pathname.startsWith(CLIPS_PREFIX)
          ? await answerClipFile({ archive, clips }, pathname)
          : await answerPictureFile(archive, pathname);
        if (request.method !== 'HEAD') return answer;
        // A HEAD answer has the headers only.
        const { body, ...head } = answer;
        body?.destroy();
        return head;
      }
      return answerFile(archive, pathname, request);
    },
  };
}
