/**
 * The CLI's grammar: each command with its own options, plus the global ones.
 * An unknown command or flag is a usage error (exit 2), never ignored.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

const GLOBAL: Options = {
  archive: { type: 'string' },
  server: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export const COMMANDS = {
  import: {
    usage:
      'import <pdf|folder> [--source ID] [--date YYYY-MM-DD] [--title T] [--edition NAME] [--replace]',
    summary: 'Import a whole-edition PDF, or a folder of page PDFs, as one edition.',
    positionals: [1, 1],
    options: {
      source: { type: 'string' },
      'source-name': { type: 'string' },
      date: { type: 'string' },
      title: { type: 'string' },
      edition: { type: 'string' },
      replace: { type: 'boolean' },
    },
  },
  list: {
    usage: 'list [--source ID] [--from D] [--to D]',
    summary: 'List the editions in the archive, newest first.',
    positionals: [0, 0],
    options: { source: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  },
  remove: {
    usage: 'remove <edition-id>',
    summary: 'Remove an edition and its files.',
    positionals: [1, 1],
    options: {},
  },
  reindex: {
    usage: 'reindex [--verify]',
    summary: 'Rebuild the catalog from the files (--verify re-hashes and re-parses every page).',
    positionals: [0, 0],
    options: { verify: { type: 'boolean' } },
  },
  sources: {
    usage: 'sources list | presets | add FILE | add --preset ID | remove ID | test ID [--date D]',
    summary: 'Manage the sources Paperboy delivers from; test shows what a source would fetch.',
    positionals: [1, 2],
    options: { date: { type: 'string' }, preset: { type: 'string' } },
  },
  fetch: {
    usage: 'fetch [--source ID] [--date D | --from D --to D]',
    summary: 'Fetch editions now: one source or all, for a date (default today) or a range.',
    positionals: [0, 0],
    options: {
      source: { type: 'string' },
      date: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
  },
  search: {
    usage: 'search "QUERY" [--source ID] [--from D --to D] [--limit N]',
    summary: 'Search the text of every page: "a phrase", AND, OR, NOT or -word, prefix*.',
    positionals: [1, 1],
    options: {
      source: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      limit: { type: 'string' },
    },
  },
  text: {
    usage: 'text EDITION PAGE',
    summary: "Print a page's text (with --json, its words with their boxes).",
    positionals: [2, 2],
    options: {},
  },
  link: {
    usage: 'link FILE|- [--source ID] [--from D --to D]',
    summary:
      'Find where a clipped web article (text, saved .html, .url or .webloc; - for stdin) was printed.',
    positionals: [1, 1],
    options: {
      source: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
  },
  clip: {
    usage:
      'clip --edition ID --page N --rect x,y,w,h [--title T] [--dpi 150] [--tag T] [--out FILE.png|.pdf|.md]',
    summary:
      'Clip a region of a page (PDF points, origin bottom-left) into the clips library; --out also exports it.',
    positionals: [0, 0],
    options: {
      edition: { type: 'string' },
      page: { type: 'string' },
      rect: { type: 'string', multiple: true },
      title: { type: 'string' },
      dpi: { type: 'string' },
      tag: { type: 'string', multiple: true },
      out: { type: 'string' },
    },
  },
  ocr: {
    usage: 'ocr [EDITION] [--lang eng]',
    summary:
      'Read the pages without usable text (scans) with OCR, so they can be searched and linked.',
    positionals: [0, 1],
    options: { lang: { type: 'string' } },
  },
  serve: {
    usage: 'serve [--host 127.0.0.1] [--port 4817] [--read-only] [--no-schedule] [--no-ocr]',
    summary:
      'Serve the reader, the API and the archive over HTTP; deliver editions on schedule and read scanned pages with OCR in the background.',
    positionals: [0, 0],
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'read-only': { type: 'boolean' },
      'no-schedule': { type: 'boolean' },
      'no-ocr': { type: 'boolean' },
    },
  },
} as const satisfies Record<
  string,
  { usage: string; summary: string; positionals: [number, number]; options: Options }
>;

export type CommandName = keyof typeof COMMANDS;

export interface ParsedCommand {
  command: CommandName | 'help' | 'version';
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

export function parseCommandLine(argv: string[]): ParsedCommand {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    return { command: 'help', positionals: [], values: {} };
  }
  if (first === '--version' || first === '-v')
    return { command: 'version', positionals: [], values: {} };
  if (!Object.hasOwn(COMMANDS, first)) throw new UsageError(`unknown command '${first}'`);
  const command = first as CommandName;
  const spec = COMMANDS[command];
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...GLOBAL, ...spec.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(firstLine((error as Error).message));
  }
  const values = parsed.values as ParsedCommand['values'];
  if (values.help) return { command: 'help', positionals: [command], values: {} };
  const [min, max] = spec.positionals;
  if (parsed.positionals.length < min)
    throw new UsageError(`${command}: missing argument (usage: paperboy ${spec.usage})`);
  if (parsed.positionals.length > max) {
    throw new UsageError(`${command}: unexpected argument '${parsed.positionals[max]}'`);
  }
  return { command, positionals: parsed.positionals, values };
}

export function helpText(command?: string): string {
  if (command && Object.hasOwn(COMMANDS, command)) {
    const spec = COMMANDS[command as CommandName];
    return `Usage: paperboy ${spec.usage} [--archive DIR] [--json]\n\n${spec.summary}\n`;
  }
  const lines = Object.values(COMMANDS).map((spec) => `  ${spec.usage}\n      ${spec.summary}`);
  return [
    'Usage: paperboy <command> [--archive DIR] [--json]',
    '',
    'Commands:',
    ...lines,
    '',
    'Global options:',
    '  --archive DIR   the archive folder (default: the desktop app’s archive, ~/Paperboy)',
    '  --server URL    use a running paperboy serve instead (its address, as serve printed it)',
    '  --token T       the token of a serve that listens beyond loopback (or PAPERBOY_TOKEN)',
    '  --json          print machine-readable JSON',
    '',
    'Exit codes: 0 ok, 1 failure, 2 bad usage or bad input.',
    '',
  ].join('\n');
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
}
