/**
 * Stories on the page, for the reader: the story under the pointer is
 * outlined, and a click on it (or `a`) opens it in the article view; `[` and
 * `]` step through the edition's articles; "Continued on page 6" and
 * "Continued from page 1" are links to the other part.
 */
import type { Api } from '../../main/common/api.ts';
import type { Article } from '../../main/common/articles.ts';
import type { Box, EditionStage } from '../viewer/edition-stage.ts';
import { ArticleView } from './article-view.ts';

export interface StoryReaderOptions {
  api: Api;
  editionId: string;
  stage: EditionStage;
  /** Copies a link to a page, with regions outlined (an article's). */
  onLink: (page: number, rects: Box[]) => void;
  /** Clips a story: its regions on its first page, and those of its other parts (a jump). */
  onClip: (page: number, rects: Box[], more: { page: number; rects: Box[] }[]) => void;
  onError: (message: string) => void;
}

const boxOf = (r: { x: number; y: number; w: number; h: number }): Box => [r.x, r.y, r.w, r.h];
const holds = (r: { x: number; y: number; w: number; h: number }, x: number, y: number) =>
  x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;

export class StoryReader {
  readonly view: ArticleView;
  readonly #options: StoryReaderOptions;
  #articles: Article[] = [];
  #hovered: Article | undefined;
  #loaded: Promise<void> = Promise.resolve();

  constructor(options: StoryReaderOptions) {
    this.#options = options;
    const { stage } = options;
    this.view = new ArticleView({
      article: (id) => options.api.call('articles.get', { id }),
      onShow: (article) => this.#place(article),
      onStep: (step) => this.step(step),
      onClip: (article) => this.#clip(article),
      onLink: (article) => options.onLink(article.page, article.regions.map(boxOf)),
      onClose: () => this.close(),
      onError: options.onError,
    });
    const el = stage.element;
    el.addEventListener('pointermove', (event) => this.#hover(event));
    el.addEventListener('pointerleave', () => this.#setHover(undefined));
    // A click, not the end of a drag (a pan) or of a clip's rectangle.
    let down: { x: number; y: number } | undefined;
    el.addEventListener('pointerdown', (event) => {
      down = { x: event.clientX, y: event.clientY };
    });
    el.addEventListener('click', (event) => {
      const moved = down ? Math.hypot(event.clientX - down.x, event.clientY - down.y) : 0;
      if (moved > 5 || el.classList.contains('selecting') || el.dataset.tool !== 'hand') return;
      const at = stage.pointAt(event.clientX, event.clientY);
      if (!at) return;
      const jump = this.#jumpAt(at.page, at.x, at.y);
      if (jump) return void this.#follow(jump);
      const article = this.#articleAt(at.page, at.x, at.y);
      if (article) void this.view.show(article);
    });
  }

  /** Reads the edition's articles, and makes its jump lines links. */
  load(): Promise<void> {
    this.#loaded = this.#options.api
      .call('articles.list', { edition: this.#options.editionId })
      .then(
        ({ articles }) => {
          this.#articles = articles;
          const jumps = new Map<number, Box[]>();
          for (const a of articles)
            for (const part of [a.continues, a.continuedFrom])
              if (part?.at)
                jumps.set(part.at.page, [...(jumps.get(part.at.page) ?? []), boxOf(part.at)]);
          for (const [page, boxes] of jumps) this.#options.stage.setMarks(page, 'jumps', boxes);
          this.#options.stage.element.dataset.articles = String(articles.length);
        },
        (error: Error) =>
          this.#options.onError(`The page's stories could not be read: ${error.message}`),
      );
    return this.#loaded;
  }

  get open(): boolean {
    return this.view.article !== undefined;
  }

  /** Opens the story under the pointer, else the first story of the page in view. */
  openCurrent(): void {
    void this.#loaded.then(() => {
      const page = this.#options.stage.page;
      const article =
        this.#hovered ?? this.#stories().find((a) => a.page === page) ?? this.#stories()[0];
      if (article) void this.view.show(article);
    });
  }

  /** The next (+1) or previous (−1) article of the edition, from the one open or the page in view. */
  step(step: 1 | -1): void {
    void this.#loaded.then(() => {
      const stories = this.#stories();
      const current = this.view.article;
      let index = current ? stories.findIndex((a) => a.id === current.id) : -1;
      if (index < 0) {
        const page = this.#options.stage.page;
        index = stories.findIndex((a) => a.page >= page) - (step > 0 ? 1 : 0);
      }
      const next = stories[Math.min(Math.max(index + step, 0), stories.length - 1)];
      if (next) void this.view.show(next);
    });
  }

  close(): void {
    this.view.hide();
    this.#options.stage.setMarks(this.#options.stage.page, 'regions', []);
    this.#options.stage.element.focus();
  }

  setTheme(name: string): void {
    this.view.setTheme(name);
  }

  /** One clip of a whole story: both parts of one that jumps, in reading order. */
  #clip(article: Article): void {
    const other = article.continues ?? article.continuedFrom;
    const part = other && this.#articles.find((a) => a.id === other.article);
    const parts = part ? (article.continues ? [article, part] : [part, article]) : [article];
    const [first, ...rest] = parts as [Article, ...Article[]];
    this.#options.onClip(
      first.page,
      first.regions.map(boxOf),
      rest.map((a) => ({ page: a.page, rects: a.regions.map(boxOf) })),
    );
  }

  /** The stories and briefs (not ads, not the page's furniture), in reading order. */
  #stories(): Article[] {
    return this.#articles.filter((a) => a.kind === 'story' || a.kind === 'brief');
  }

  #articleAt(page: number, x: number, y: number): Article | undefined {
    return this.#articles.find(
      (a) => a.page === page && a.kind !== 'furniture' && a.regions.some((r) => holds(r, x, y)),
    );
  }

  #jumpAt(page: number, x: number, y: number): { article: string } | undefined {
    for (const a of this.#articles)
      for (const part of [a.continues, a.continuedFrom])
        if (part?.at && part.at.page === page && holds(part.at, x, y)) return part;
    return undefined;
  }

  #hover(event: PointerEvent): void {
    if (event.buttons) return;
    const stage = this.#options.stage;
    const at = stage.pointAt(event.clientX, event.clientY);
    stage.element.classList.toggle('over-link', Boolean(at && this.#jumpAt(at.page, at.x, at.y)));
    this.#setHover(at && this.#articleAt(at.page, at.x, at.y));
  }

  #setHover(article: Article | undefined): void {
    if (article === this.#hovered) return;
    const stage = this.#options.stage;
    if (this.#hovered) stage.setMarks(this.#hovered.page, 'hover', []);
    this.#hovered = article;
    if (article) stage.setMarks(article.page, 'hover', article.regions.map(boxOf));
    if (article) stage.element.dataset.hover = article.id;
    else delete stage.element.dataset.hover;
  }

  /** Goes to the other part of a story that jumps: its page, zoomed to be read; the article view follows. */
  #follow(part: { article: string }): void {
    const target = this.#articles.find((a) => a.id === part.article);
    if (!target) return;
    if (this.view.article) void this.view.show(target);
    else this.#place(target, true);
  }

  /** Outlines an article on its page, and brings it into view (zoomed to it when asked). */
  #place(article: Article, fit = false): void {
    const stage = this.#options.stage;
    const boxes = article.regions.map(boxOf);
    if (stage.page !== article.page) stage.go(article.page);
    stage.setMarks(article.page, 'regions', boxes);
    if (fit || this.view.article) stage.fitStory(article.page, boxes);
  }
}
