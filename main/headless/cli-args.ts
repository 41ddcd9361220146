/**
 * The CLI's grammar: each command with its own options, plus the global ones.
 * An unknown command or flag is a usage error (exit 2), never ignored.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** An option, declared once: how it is read, and how the usage line shows it. */
interface OptionSpec {
  type: 'string' | 'boolean';
  /** What a string option takes, as the usage shows it (ID, D, N…). */
  value?: string;
  multiple?: boolean;
  /** The command cannot run without it. */
  required?: boolean;
  short?: string;
}

interface CommandSpec {
  /** The positional arguments, as the usage shows them. */
  args?: string;
  summary: string;
  positionals: [number, number];
  options: Record<string, OptionSpec>;
}

const GLOBAL: Record<string, OptionSpec> = {
  archive: { type: 'string', value: 'DIR' },
  server: { type: 'string', value: 'URL' },
  token: { type: 'string', value: 'T' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const text = (value: string, extra: Partial<OptionSpec> = {}): OptionSpec => ({
  type: 'string',
  value,
  ...extra,
});
const flag: OptionSpec = { type: 'boolean' };

export const COMMANDS = {
  import: {
    args: '<pdf|folder>',
    summary: 'Import a whole-edition PDF, or a folder of page PDFs, as one edition.',
    positionals: [1, 1],
    options: {
      source: text('ID'),
      'source-name': text('NAME'),
      date: text('YYYY-MM-DD'),
      title: text('T'),
      edition: text('NAME'),
      replace: flag,
    },
  },
  list: {
    summary: 'List the editions in the archive, newest first.',
    positionals: [0, 0],
    options: { source: text('ID'), from: text('D'), to: text('D') },
  },
  remove: {
    args: '<edition-id>',
    summary: 'Remove an edition and its files (--clipped: also one clips were made on).',
    positionals: [1, 1],
    options: { clipped: flag },
  },
  edit: {
    args: '<edition-id>',
    summary: "Correct an edition's paper, date, edition name or title (its id follows).",
    positionals: [1, 1],
    options: {
      source: text('ID'),
      'source-name': text('NAME'),
      date: text('YYYY-MM-DD'),
      edition: text('NAME'),
      title: text('T'),
    },
  },
  reindex: {
    summary: 'Rebuild the catalog from the files (--verify re-hashes and re-parses every page).',
    positionals: [0, 0],
    options: { verify: flag },
  },
  sources: {
    args: 'list | presets | add FILE | remove ID | test ID',
    summary:
      'Manage the sources Paperboy delivers from (add --preset ID adds a preset); test shows what a source would fetch.',
    positionals: [1, 2],
    options: { date: text('D'), preset: text('ID') },
  },
  fetch: {
    summary:
      'Fetch editions now: one source or all, for a date (default today) or a range (--refetch: again, replacing changed ones).',
    positionals: [0, 0],
    options: {
      source: text('ID'),
      date: text('D'),
      from: text('D'),
      to: text('D'),
      refetch: flag,
    },
  },
  search: {
    args: '"QUERY"',
    summary: 'Search the text of every page: "a phrase", AND, OR, NOT or -word, prefix*.',
    positionals: [1, 1],
    options: {
      source: text('ID'),
      from: text('D'),
      to: text('D'),
      limit: text('N'),
      newest: flag,
    },
  },
  text: {
    args: 'EDITION PAGE',
    summary: "Print a page's text (with --json, its words with their boxes).",
    positionals: [2, 2],
    options: {},
  },
  articles: {
    args: 'EDITION [PAGE]',
    summary:
      "List an edition's articles (or a page's): stories, briefs, ads, page furniture; jumps paired.",
    positionals: [1, 2],
    options: {},
  },
  link: {
    args: 'FILE|-',
    summary:
      'Find where a clipped web article (text, saved .html, .url or .webloc; - for stdin) was printed.',
    positionals: [1, 1],
    options: { source: text('ID'), from: text('D'), to: text('D') },
  },
  clip: {
    summary:
      'Clip a region of a page (PDF points, origin bottom-left) into the clips library; --out also exports it.',
    positionals: [0, 0],
    options: {
      edition: text('ID', { required: true }),
      page: text('N', { required: true }),
      rect: text('x,y,w,h', { required: true, multiple: true }),
      title: text('T'),
      dpi: text('150'),
      tag: text('T', { multiple: true }),
      out: text('FILE.png|.pdf|.md'),
    },
  },
  ocr: {
    args: '[EDITION]',
    summary:
      'Read the pages without usable text (scans) with OCR, so they can be searched and linked.',
    positionals: [0, 1],
    options: { lang: text('eng') },
  },
  serve: {
    summary:
      'Serve the reader, the API and the archive over HTTP; deliver editions on schedule and read scanned pages with OCR in the background.',
    positionals: [0, 0],
    options: {
      host: text('127.0.0.1'),
      port: text('4817'),
      'read-only': flag,
      'no-schedule': flag,
      'no-ocr': flag,
    },
  },
} as const satisfies Record<string, CommandSpec>;

/** How node:util's parseArgs reads these options. */
function parserOptions(options: Record<string, OptionSpec>): Options {
  return Object.fromEntries(
    Object.entries(options).map(([name, spec]) => [
      name,
      {
        type: spec.type,
        ...(spec.multiple && { multiple: true }),
        ...(spec.short && { short: spec.short }),
      },
    ]),
  );
}

/** A command's usage line, made from its declaration: `clip --edition ID … [--title T]`. */
export function usageOf(command: CommandName): string {
  const spec: CommandSpec = COMMANDS[command];
  const options = Object.entries(spec.options).map(([name, option]) => {
    const shown = `--${name}${option.value ? ` ${option.value}` : ''}${option.multiple ? '…' : ''}`;
    return option.required ? shown : `[${shown}]`;
  });
  return [command, spec.args, ...options].filter(Boolean).join(' ');
}

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
  const spec: CommandSpec = COMMANDS[command];
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: parserOptions({ ...GLOBAL, ...spec.options }),
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
    throw new UsageError(`${command}: missing argument (usage: paperboy ${usageOf(command)})`);
  if (parsed.positionals.length > max) {
    throw new UsageError(`${command}: unexpected argument '${parsed.positionals[max]}'`);
  }
  // Options a command cannot run without (its usage shows them without brackets).
  const missing = Object.entries(spec.options)
    .filter(([name, option]) => option.required && values[name] === undefined)
    .map(([name]) => `--${name}`);
  if (missing.length > 0)
    throw new UsageError(
      `${command}: ${missing.length === 1 ? `${missing[0]} is` : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)} are`} required (usage: paperboy ${usageOf(command)})`,
    );
  return { command, positionals: parsed.positionals, values };
}

export function helpText(command?: string): string {
  if (command && Object.hasOwn(COMMANDS, command)) {
    const spec = COMMANDS[command as CommandName];
    return `Usage: paperboy ${usageOf(command as CommandName)} [--archive DIR | --server URL] [--json]\n\n${spec.summary}\n`;
  }
  const lines = (Object.keys(COMMANDS) as CommandName[]).map(
    (name) => `  ${usageOf(name)}\n      ${COMMANDS[name].summary}`,
  );
  return [
    'Usage: paperboy <command> [--archive DIR | --server URL] [--json]',
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
