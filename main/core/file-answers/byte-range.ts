/**
 * HTTP Range (RFC 9110 §14) for archive files, shared by the headless server and
 * the desktop's paperboy:// protocol so both answer pdf.js the same way.
 * One range per request; a multi-range request is answered with the whole file,
 * which the RFC allows.
 */
export type RangeAnswer =
  | { status: 200; start: 0; end: number; headers: Record<string, string> }
  | { status: 206; start: number; end: number; headers: Record<string, string> }
  | { status: 416; headers: Record<string, string> };

/**
 * @param size the file's length in bytes
 * @param range the request's Range header, if any
 * @param ifRange the request's If-Range header; a range is honoured only when it matches `etag`
 */
export function answerRange(
  size: number,
  etag: string,
  range?: string | null,
  ifRange?: string | null,
): RangeAnswer {
  const base = { 'accept-ranges': 'bytes', etag };
  const whole = (): RangeAnswer => ({
    status: 200,
    start: 0,
    end: size - 1,
    headers: { ...base, 'content-length': String(size) },
  });
  if (!range || (ifRange && ifRange !== etag)) return whole();
  const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (!match || (match[1] === '' && match[2] === '')) return whole();
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return unsatisfiable(size, base);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
    if (start >= size || end < start) return unsatisfiable(size, base);
  }
  return {
    status: 206,
    start,
    end,
    headers: {
      ...base,
      'content-length': String(end - start + 1),
      'content-range': `bytes ${start}-${end}/${size}`,
    },
  };
}

function unsatisfiable(size: number, base: Record<string, string>): RangeAnswer {
  return { status: 416, headers: { ...base, 'content-range': `bytes */${size}` } };
}
