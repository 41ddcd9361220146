/**
 * What a saved web article carries besides the story, as patterns over whole
 * blocks (a paragraph or a line): site navigation and app prompts that are
 * dropped where they stand, and the headers after which nothing belongs to the
 * story (related-story lists, disclaimers, copyright lines).
 */

/** Blocks that are dropped wherever they appear. */
const NOISE = [
  /^(open|read|continue|view|get it) (in|on) (the )?app$/,
  /^(download|get) (the|our) app$/,
  /^e-?paper$/,
  /^(advertisement|advertising|sponsored|promoted|ad)$/,
  /^story continues below (this )?(ad|advertisement)$/,
  /^(share|share this( article| story)?|print|e-?mail|comments?|save|bookmark|copy link)$/,
  /^listen( to)?( this)?( article| story)?( \d+ min(ute)?s?)?$/,
  /^\d+ min(ute)?s? read$/,
  /^(follow|like) us\b.*/,
  /^(subscribe|sign (in|up)|log ?in|register|menu|search|home|skip to (main )?content)\b.{0,30}$/,
  /^(also read|read more|read also|see also|watch|must read)\s*[:|-].*/,
  /^(file )?(photo|image|picture|video)( credit)?\s*[:|(].{0,120}$/,
  /^\(?(representative|file) (image|photo|picture)\)?$/,
  /^(font size|text size|a-|a\+|aa)$/,
];

/** Headers that end the story: this block and everything after it go. */
const TAIL = [
  /^(international |national |world |more |other )?(related|realted) (stories|articles|news|coverage|posts|topics)\b/,
  /^(more|latest) (from|stories|news|on)\b/,
  /^(recommended|trending|most (read|popular|viewed)|read next|you (may|might) (also )?like|also read|don't miss|top stories|editor's picks)\s*:?$/,
  /^(tags?|topics?|filed under|categories)\s*:/,
  /^disclaimer\b/,
  /^\(?this (story|article|report|copy) (has|was|is) (not been |been )?(auto-?|automatically )?(generated|published|edited|produced)\b/,
  /^(©|\(c\)\s|copyright\b)/,
  /^(published|first published) (in|by) the print edition\b/,
];

const key = (block: string) =>
  block
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

export function isNoise(block: string): boolean {
  const text = key(block);
  return text === '' || NOISE.some((pattern) => pattern.test(text));
}

export function endsStory(block: string): boolean {
  const text = key(block);
  return TAIL.some((pattern) => pattern.test(text));
}

/** News agencies, as they are credited in bylines and datelines. */
const AGENCIES: [RegExp, string][] = [
  [/\bIANS\b/, 'IANS'],
  [/\bPTI\b/, 'PTI'],
  [/\bANI\b/, 'ANI'],
  [/\bUNI\b/, 'UNI'],
  [/\bReuters\b/i, 'Reuters'],
  [/\b(AP|Associated Press)\b/, 'AP'],
  [/\b(AFP|Agence France-Presse)\b/, 'AFP'],
  [/\bBloomberg\b/, 'Bloomberg'],
  [/\b(dpa|DPA)\b/, 'dpa'],
  [/\bYonhap\b/, 'Yonhap'],
  [/\bXinhua\b/, 'Xinhua'],
  [/\bKyodo\b/, 'Kyodo'],
  [/\bEFE\b/, 'EFE'],
  [/\bANSA\b/, 'ANSA'],
  [/\b(PA Media|Press Association)\b/, 'PA'],
  [/\bAAP\b/, 'AAP'],
  [/\b(Canadian Press|CP)\b/, 'CP'],
  [/\bUPI\b/, 'UPI'],
  [/\bTASS\b/, 'TASS'],
  [/\bAnadolu\b/, 'Anadolu'],
  [/\bBernama\b/, 'Bernama'],
];

export function findAgency(text: string): string | undefined {
  return AGENCIES.find(([pattern]) => pattern.test(text))?.[1];
}
