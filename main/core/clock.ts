/** Time, injected so tests run on a fixed day. */
export interface Clock {
  now(): Date;
  /** Today's date in the user's time zone, as YYYY-MM-DD. */
  today(): string;
}

export function systemClock(timeZone?: string): Clock {
  return fixedZoneClock(() => new Date(), timeZone);
}

export function fixedClock(iso: string, timeZone = 'UTC'): Clock {
  const at = new Date(iso);
  return fixedZoneClock(() => new Date(at), timeZone);
}

function fixedZoneClock(now: () => Date, timeZone?: string): Clock {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return { now, today: () => format.format(now()) };
}
