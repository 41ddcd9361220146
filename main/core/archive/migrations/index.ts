/**
 * The catalog's migrations, in order. A migration's number is its position + 1,
 * recorded in `PRAGMA user_version`; never edit or reorder one that has shipped.
 */
import type { DatabaseSync } from 'node:sqlite';
import * as initial from './0001-initial.ts';
import * as pageText from './0002-page-text.ts';
import * as vocabulary from './0003-vocabulary.ts';
import * as clips from './0004-clips.ts';
import * as trigram from './0005-trigram.ts';
import * as articles from './0006-articles.ts';
import * as clipParts from './0007-clip-parts.ts';
import * as dateChecks from './0008-date-checks.ts';
import * as pageMeta from './0009-page-meta.ts';
import * as wordIndexParts from './0010-word-index-parts.ts';

/** A migration is SQL, or a step in code (a rebuild from the stored words). */
export type Migration = { sql: string } | { run(db: DatabaseSync): void };

export const migrations: readonly Migration[] = [
  initial,
  pageText,
  vocabulary,
  clips,
  trigram,
  articles,
  clipParts,
  dateChecks,
  pageMeta,
  wordIndexParts,
];
