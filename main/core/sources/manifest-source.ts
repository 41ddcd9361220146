/**
 * `manifest`: Paperboy's open edition manifest, a JSON document at a URL with
 * date tokens: { "date", "title"?, "pdf"?, "pages": [{ "n", "url", "label"?, "section"? }] }.
 * Page URLs may be relative to the manifest's own URL. A 404 means no edition that day.
 */
import { ApiError } from '../../common/errors.ts';
import { EditionManifest } from '../../common/source-definition.ts';
import { expandTokens } from './date-tokens.ts';
import type { EditionPlan, SourceKindPlanner } from './edition-plan.ts';
import { fetchDocument } from './fetch-document.ts';

export const manifestSource: SourceKindPlanner = {
  async plan(definition, date, context): Promise<EditionPlan> {
    const url = expandTokens(definition.url!, date);
    const document = await fetchDocument(url, definition, context);
    if (document.missing)
      return {
        kind: 'none',
        reason: `no edition that day (the manifest answered HTTP ${document.status})`,
      };
    let json: unknown;
    try {
      json = JSON.parse(document.text);
    } catch {
      throw new ApiError('network', `The edition manifest at ${url} is not JSON.`);
    }
    const parsed = EditionManifest.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ApiError(
        'network',
        `The edition manifest at ${url} is invalid: ${issue.path.join('.') || 'top'} ${issue.message}.`,
      );
    }
    const manifest = parsed.data;
    if (manifest.date !== date)
      return { kind: 'none', reason: `no edition that day (the manifest is for ${manifest.date})` };
    const base = document.url;
    const title = manifest.title;
    if (manifest.pages.length > 0) {
      const pages = [...manifest.pages]
        .sort((a, b) => a.n - b.n)
        .map((page) => ({ ...page, url: new URL(page.url, base).href }));
      return { kind: 'pages', ...(title && { title }), pages };
    }
    if (manifest.pdf)
      return {
        kind: 'pages',
        ...(title && { title }),
        pages: [{ n: 1, url: new URL(manifest.pdf, base).href }],
      };
    return { kind: 'none', reason: 'no edition that day (the manifest lists no pages)' };
  },
};
