import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { mastheadDates } from '../../../main/core/archive/edition-date.ts';
import { hintsFromPath } from '../../../main/core/archive/name-hints.ts';

const home = path.join(os.tmpdir(), 'Downloads');

describe('names and dates from real file names', () => {
  test('a page label is not part of the paper: nyt_2020-11-12_A1.pdf is NYT of 12 November 2020', () => {
    assert.deepEqual(hintsFromPath(path.join(home, 'nyt_2020-11-12_A1.pdf')), {
      date: '2020-11-12',
      source: { id: 'nyt', name: 'NYT' },
    });
    for (const page of ['p01', 'page-3', 'pg7', 'B12', 'seq-2']) {
      assert.deepEqual(
        hintsFromPath(path.join(home, `liverpool-echo_1886-11-01_${page}.pdf`)).source,
        { id: 'liverpool-echo', name: 'Liverpool Echo' },
        page,
      );
    }
  });

  test('a monthly: issue number and year-month stamp are not the name, so every issue is one paper', () => {
    const november = hintsFromPath(path.join(home, 'sedbergh-lookaround_448_2025-11.pdf'));
    const december = hintsFromPath(path.join(home, 'sedbergh-lookaround_449_2025-12.pdf'));
    assert.deepEqual(november, {
      month: '2025-11',
      issue: '448',
      source: { id: 'sedbergh-lookaround', name: 'Sedbergh Lookaround' },
    });
    assert.deepEqual(december.source, november.source);
    assert.equal(december.month, '2025-12');
    assert.equal(hintsFromPath(path.join(home, 'lookaround-no-12.pdf')).issue, '12');
  });

  test('a name that is only a date names no paper, and the folder it sits in (Downloads) is not one', () => {
    assert.deepEqual(hintsFromPath(path.join(home, '20251220.pdf')), { date: '2025-12-20' });
    assert.deepEqual(hintsFromPath(path.join(os.tmpdir(), 'x', '2025-12-20.pdf')), {
      date: '2025-12-20',
    });
  });

  test("Chronicling America's …/<lccn>/1921-03-01/ed-1/seq-2.pdf: the date and the paper come from the folders", () => {
    const file = path.join(home, 'lccn', 'sn83045462', '1921-03-01', 'ed-1', 'seq-2.pdf');
    assert.deepEqual(hintsFromPath(file), {
      date: '1921-03-01',
      source: { id: 'sn83045462', name: 'LCCN sn83045462' },
    });
    const second = path.join(home, 'sn83045462', '1921-03-01', 'ed-2', 'seq-1.pdf');
    assert.equal(hintsFromPath(second).edition, 'ed-2');
  });

  test('a folder of pages named by its date is an edition of the paper the folder above names', () => {
    const folder = path.join(home, 'evening-star', '1921-03-01');
    assert.deepEqual(hintsFromPath(folder, { folder: true }), {
      date: '1921-03-01',
      source: { id: 'evening-star', name: 'Evening Star' },
    });
  });

  test('numbers that are the name stay: 20 Minuten; names in other scripts keep their words', () => {
    assert.equal(
      hintsFromPath(path.join(home, '20-minuten_2025-12-20.pdf')).source?.name,
      '20 Minuten',
    );
    const nikkei = hintsFromPath(path.join(home, '日経_2025-12-20_p3.pdf'));
    assert.equal(nikkei.source?.name, '日経');
    assert.match(nikkei.source?.id ?? '', /^paper-[0-9a-f]{8}$/);
  });
});

describe('dates printed in a masthead', () => {
  test('English, German and French dates are read, in the order printed; partial dates are not', async () => {
    assert.deepEqual(
      await mastheadDates(
        'THE EVENING STAR. WASHINGTON, D. C., TUESDAY, MARCH 1, 1921. THIRTY PAGES.',
      ),
      ['1921-03-01'],
    );
    assert.deepEqual(await mastheadDates('Berliner Tageblatt · Dienstag, 1. März 1921 · Nr. 98'), [
      '1921-03-01',
    ]);
    assert.deepEqual(await mastheadDates('LE MATIN — mardi 1 mars 1921'), ['1921-03-01']);
    assert.deepEqual(
      await mastheadDates('Vol. 3 No. 12 — Price 2 cents — Sunday edition — March'),
      [],
    );
  });
});
