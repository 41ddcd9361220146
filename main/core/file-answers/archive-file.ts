/**
 * Answers a request for an archive file, named by ids only:
 *   /files/<edition-id>/<file-name>     e.g. /files/sample:2025-12-20/edition.pdf
 * The edition id and file name are validated, then resolved through the catalog;
 * no part of the request ever becomes a path. Both shells serve files through this.
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { EditionId } from '../../common/domain.ts';
import { ApiError } from '../../common/errors.ts';
import { FILES_PREFIX } from '../../common/file-urls.ts';
import type { Archive } from '../archive/archive.ts';
import { answerRange } from './byte-range.ts';

const FILE_NAME = /^[a-z0-9-]{1,64}\.pdf$/;

export interface FileAnswer {
  status: number;
  headers: Record<string, string>;
  body?: Readable;
  /** For an error answer: one line for the body. */
  message?: string;
}

export async function answerFile(
  archive: Archive,
  pathname: string,
  request: { method: string; range?: string | null; ifRange?: string | null },
): Promise<FileAnswer> {
  const text = (status: number, message: string): FileAnswer => ({
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    message,
  });
  const parts = pathname.slice(FILES_PREFIX.length).split('/');
  let id: string;
  try {
    id = decodeURIComponent(parts[0] ?? '');
  } catch {
    return text(400, 'Bad file address.');
  }
  const fileName = parts[1] ?? '';
  if (parts.length !== 2 || !EditionId.safeParse(id).success || !FILE_NAME.test(fileName)) {
    return text(400, 'Files are addressed as /files/<edition-id>/<file>.pdf');
  }
  let file: Awaited<ReturnType<Archive['file']>>;
  try {
    file = await archive.file(id, fileName);
  } catch (error) {
    return text(
      error instanceof ApiError && error.code === 'not-found' ? 404 : 500,
      (error as Error).message,
    );
  }
  const etag = `"${file.sha256.slice(0, 32)}"`;
  const answer = answerRange(file.bytes, etag, request.range, request.ifRange);
  const headers = {
    ...answer.headers,
    'content-type': 'application/pdf',
    'cache-control': 'no-cache',
  };
  if (answer.status === 416 || request.method === 'HEAD' || file.bytes === 0) {
    return { status: answer.status, headers };
  }
  return {
    status: answer.status,
    headers,
    body: fs.createReadStream(file.path, { start: answer.start, end: answer.end }),
  };
}
