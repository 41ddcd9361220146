/**
 * The article view: a story's text reflowed at a comfortable measure beside
 * the page it was printed on — headline, deck, byline, both parts of a story
 * that jumps joined, in the page's colours (day, night, sepia), its type size
 * the reader's to set; copy, clip, the previous and next article, and read
 * aloud with the system's voices (speechSynthesis: offline, in Electron and in
 * browsers), the sentence being read marked.
 */
import type { Article } from '../../main/common/articles.ts';
import { h } from './dom.ts';
import { titleOf } from './reader-commands.ts';

export interface ArticleViewOptions {
  /** Fetches an article by id (the other part of a jump). */
  article: (id: string) => Promise<Article>;
  /** The reader goes to the article's place on the page. */
  onShow: (article: Article) => void;
  onStep: (step: 1 | -1) => void;
  onClip: (article: Article) => void;
  /** Copies a link to the article (its page, its regions outlined). */
  onLink: (article: Article) => void;
  onClose: () => void;
  onError: (message: string) => void;
}

const SIZES = [15, 17, 19, 22, 25];

export class ArticleView {
  readonly element: HTMLElement;
  readonly #options: ArticleViewOptions;
  readonly #body = h('div', { className: 'article-body' });
  readonly #title = h('h2', { className: 'article-headline' });
  readonly #meta = h('p', { className: 'article-meta' });
  readonly #read: HTMLButtonElement;
  #article: Article | undefined;
  #size = 1;
  #sentences: HTMLElement[] = [];
  #speaking = false;

  constructor(options: ArticleViewOptions) {
    this.#options = options;
    const button = (text: string, label: string, title: string, run: () => void) => {
      const b = h('button', { type: 'button', text, 'aria-label': label, title });
      b.addEventListener('click', run);
      return b;
    };
    this.#read = button('Listen', 'Read aloud', 'Read aloud (with the system’s voices)', () =>
      this.toggleReading(),
    );
    this.#read.setAttribute('aria-pressed', 'false');
    if (!('speechSynthesis' in window)) {
      this.#read.disabled = true;
      this.#read.title = 'This browser has no voices to read with';
    }
    const bar = h(
      'div',
      { className: 'article-tools', role: 'toolbar', 'aria-label': 'Article' },
      button('‹', 'Previous article', titleOf('previousArticle'), () => options.onStep(-1)),
      button('›', 'Next article', titleOf('nextArticle'), () => options.onStep(1)),
      button('A−', 'Smaller text', 'Smaller text', () => this.#resize(-1)),
      button('A+', 'Larger text', 'Larger text', () => this.#resize(1)),
      this.#read,
      button('Copy', 'Copy the text', 'Copy the article’s text', () => void this.#copy()),
      button('Clip', 'Clip this article', 'Clip this article into your clips', () => {
        if (this.#article) options.onClip(this.#article);
      }),
      button(
        'Link',
        'Copy a link to this article',
        titleOf('copyLink', 'Copy a link to this article'),
        () => {
          if (this.#article) options.onLink(this.#article);
        },
      ),
      button('×', 'Close the article', titleOf('close', 'Close the article'), () =>
        options.onClose(),
      ),
    );
    this.element = h(
      'aside',
      { className: 'article-view', 'aria-label': 'Article', hidden: true, tabindex: '-1' },
      bar,
      h('article', { className: 'article-text' }, this.#title, this.#meta, this.#body),
    );
    this.#resize(0);
  }

  get article(): Article | undefined {
    return this.element.hidden ? undefined : this.#article;
  }

  /** Shows an article, and its other part when it jumps. */
  async show(article: Article): Promise<void> {
    this.stopReading();
    this.#article = article;
    this.element.hidden = false;
    this.element.dataset.article = article.id;
    this.#title.textContent = article.headline || 'Untitled';
    const meta = [article.byline, article.deck, `Page ${article.page}`].filter(Boolean);
    this.#meta.textContent = meta.join(' · ');
    let parts = [article];
    // Both parts of a story that jumps, in the order they are read.
    const other = article.continues ?? article.continuedFrom;
    if (other) {
      try {
        const part = await this.#options.article(other.article);
        if (this.#article !== article) return;
        parts = article.continues ? [article, part] : [part, article];
      } catch (error) {
        this.#options.onError((error as Error).message);
      }
    }
    this.#body.replaceChildren(
      ...parts.flatMap((part, i) => [
        ...(i > 0
          ? [h('p', { className: 'article-jump', text: `Continued on page ${part.page}` })]
          : []),
        ...part.paragraphs.map((text) => paragraph(text)),
      ]),
    );
    this.#sentences = [...this.#body.querySelectorAll<HTMLElement>('.sentence')];
    this.element.scrollTop = 0;
    this.#options.onShow(article);
  }

  hide(): void {
    this.stopReading();
    this.element.hidden = true;
    delete this.element.dataset.article;
  }

  setTheme(name: string): void {
    this.element.dataset.pageTheme = name;
  }

  /** Reads the article aloud from the start (or goes on where it paused), or pauses. */
  toggleReading(): void {
    if (!('speechSynthesis' in window) || !this.#article) return;
    const synth = window.speechSynthesis;
    if (this.#speaking) {
      synth.pause();
      this.#speaking = false;
    } else if (synth.paused && synth.speaking) {
      synth.resume();
      this.#speaking = true;
    } else {
      synth.cancel();
      const texts = [this.#title, ...this.#sentences];
      texts.forEach((el, i) => {
        const utterance = new SpeechSynthesisUtterance(el.textContent ?? '');
        utterance.lang = document.documentElement.lang || 'en';
        utterance.addEventListener('start', () => this.#mark(el));
        if (i === texts.length - 1)
          utterance.addEventListener('end', () => {
            this.#mark(undefined);
            this.#speaking = false;
            this.#read.setAttribute('aria-pressed', 'false');
            this.#read.textContent = 'Listen';
          });
        synth.speak(utterance);
      });
      this.#speaking = true;
    }
    this.#read.setAttribute('aria-pressed', String(this.#speaking));
    this.#read.textContent = this.#speaking ? 'Pause' : 'Listen';
  }

  stopReading(): void {
    if ('speechSynthesis' in window && (this.#speaking || window.speechSynthesis.paused))
      window.speechSynthesis.cancel();
    this.#speaking = false;
    this.#mark(undefined);
    this.#read.setAttribute('aria-pressed', 'false');
    this.#read.textContent = 'Listen';
  }

  #mark(el: HTMLElement | undefined): void {
    for (const other of this.element.querySelectorAll('.speaking'))
      other.classList.remove('speaking');
    el?.classList.add('speaking');
    el?.scrollIntoView({ block: 'nearest' });
  }

  #resize(step: number): void {
    this.#size = Math.min(Math.max(this.#size + step, 0), SIZES.length - 1);
    this.element.style.setProperty('--article-size', `${SIZES[this.#size]}px`);
    this.element.dataset.size = String(SIZES[this.#size]);
  }

  async #copy(): Promise<void> {
    const article = this.#article;
    if (!article) return;
    const text = [
      article.headline,
      article.byline,
      '',
      ...[...this.#body.querySelectorAll('p')].map((p) => p.textContent),
    ]
      .filter((line) => line !== undefined)
      .join('\n');
    try {
      await navigator.clipboard.writeText(text);
      this.element.dataset.copied = article.id;
    } catch (error) {
      this.#options.onError(`The text could not be copied: ${(error as Error).message}`);
    }
  }
}

/** A paragraph, its sentences wrapped so the one being read aloud can be marked. */
function paragraph(text: string): HTMLElement {
  const p = h('p');
  for (const sentence of text.match(/[^.!?]+(?:[.!?]+["”’)]*\s*|$)/g) ?? [text])
    if (sentence.trim()) p.append(h('span', { className: 'sentence', text: sentence }));
  return p;
}
