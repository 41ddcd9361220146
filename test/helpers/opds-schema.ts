/**
 * An OPDS 1.2 feed checked against the OPDS community's RELAX NG grammar (and the
 * Atom grammar it includes), by libxml2's validator compiled to WebAssembly. The
 * grammars and where they come from: test/fixtures/opds-schema/README.md.
 */
import { readFile } from 'node:fs/promises';
import { validateXML } from 'xmllint-wasm';

const folder = new URL('../fixtures/opds-schema/', import.meta.url);
const grammars = Promise.all(
  ['opds.rng', 'atom.rng'].map(async (fileName) => ({
    fileName,
    contents: await readFile(new URL(fileName, folder), 'utf8'),
  })),
);

/** What the grammar finds wrong in `xml`, one line each; none when the feed is valid. */
export async function opdsSchemaErrors(xml: string): Promise<string[]> {
  const [opds, atom] = await grammars;
  const result = await validateXML({
    xml: { fileName: 'feed.xml', contents: xml },
    schema: opds!,
    preload: [atom!],
    extension: 'relaxng',
  });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}
