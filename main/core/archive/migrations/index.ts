/**
 * The catalog's migrations, in order. A migration's number is its position + 1,
 * recorded in `PRAGMA user_version`; never edit or reorder one that has shipped.
 */
import * as initial from './0001-initial.ts';
import * as pageText from './0002-page-text.ts';
import * as vocabulary from './0003-vocabulary.ts';
import * as clips from './0004-clips.ts';
import * as trigram from './0005-trigram.ts';
import * as articles from './0006-articles.ts';
import * as clipParts from './0007-clip-parts.ts';
import * as dateChecks from './0008-date-checks.ts';
import * as pageMeta from './0009-page-meta.ts';

export const migrations: readonly { sql: string }[] = [
  initial,
  pageText,
  vocabulary,
  clips,
  trigram,
  articles,
  clipParts,
  dateChecks,
  pageMeta,
];
