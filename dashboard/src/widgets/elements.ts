import { persistedQuery } from '../api/persisted';
import { CompareConceptDocument, MunicipalityPracticeDocument } from '../api/operations.generated';
import { type Dimension, DIMENSIONS, dimensionOfConcept, onlyDimension } from '../api/types';
import { h } from '../dom';
import { sourceLink } from '../source-link';
import { cityName, conceptLabel, type Lang, langOf, recordCount, translate } from '../i18n';
import { WIDGET_STYLE } from './style';

/** Where the API and the dashboard are: the origin widgets.js came from (see defineWidgets). */
let hubOrigin = location.origin;

/** How much of a quote the compare widget shows; the whole one is a click away on the hub. */
const QUOTE_CHARACTERS = 90;

/** What the widgets show of a record: the records of both widget documents have it. */
interface WidgetRecord {
  id: string;
  title: string;
  category?: string | null;
  plan: { id: string };
  source?: { document: string; quote: string };
  concepts?: { id: string; label: string; labelEn: string }[];
}

/** A city's records by dimension, as both widget documents ask for them (one dimension at a time). */
interface DimensionFields {
  principles?: WidgetRecord[] | null;
  forms?: WidgetRecord[] | null;
  organizations?: WidgetRecord[] | null;
  measures?: { nodes: WidgetRecord[] } | null;
}

function recordsOf(city: DimensionFields, dimension: Dimension): WidgetRecord[] | null {
  return dimension === 'measures' ? (city.measures?.nodes ?? null) : (city[dimension] ?? null);
}

function shortened(text: string): string {
  return text.length > QUOTE_CHARACTERS ? `${text.slice(0, QUOTE_CHARACTERS)}…` : text;
}

/**
 * What both widgets share: a shadow root, so that neither the partner page's styles reach in nor
 * ours leak out; the language of the element or of the page around it; a footer that credits the
 * source and links back to the hub.
 */
abstract class KyodoWidget extends HTMLElement {
  static observedAttributes = ['lang'];
  protected readonly root: ShadowRoot;
  private rendering = 0;
  private refreshScheduled = false;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
  }

  protected get language(): Lang {
    return langOf(this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang);
  }

  protected t(key: Parameters<typeof translate>[1]): string {
    return translate(this.language, key);
  }

  connectedCallback() {
    this.scheduleRefresh();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.scheduleRefresh();
  }

  /**
   * One rendering for all the changes of one moment: an element upgraded on a page that already
   * holds it hears each of its attributes and then its connection, and would otherwise ask the API
   * once for each.
   */
  private scheduleRefresh() {
    if (this.refreshScheduled) return;
    this.refreshScheduled = true;
    queueMicrotask(() => {
      this.refreshScheduled = false;
      void this.refresh();
    });
  }

  private async refresh() {
    const rendering = ++this.rendering;
    this.show(h('p', { class: 'status', role: 'status' }, this.t('loading')));
    let content: HTMLElement[];
    try {
      content = await this.content();
    } catch (error) {
      content = [h('p', { class: 'error', role: 'alert' }, `${this.t('loadFailed')}: ${(error as Error).message}`)];
    }
    // A later attribute change has started a newer rendering; this one is stale.
    if (rendering === this.rendering) this.show(...content);
  }

  private show(...content: HTMLElement[]) {
    this.root.replaceChildren(
      h('style', {}, WIDGET_STYLE),
      h(
        'div',
        { class: 'widget', lang: this.language },
        ...content,
        h(
          'footer',
          {},
          h('p', {}, this.t('attribution')),
          h('p', {}, h('a', { href: this.hubLink(), target: '_blank', rel: 'noopener' }, `${this.t('openInHub')} →`), ' · ', this.t('widgetBy')),
        ),
      ),
    );
  }

  protected api(): string {
    return new URL('/graphql', hubOrigin).href;
  }

  protected abstract content(): Promise<HTMLElement[]>;
  protected abstract hubLink(): string;
}

/** <kyodo-compare concept="form.co-hosting">: how each city expresses one concept, in its own words. */
class KyodoCompare extends KyodoWidget {
  static override observedAttributes = ['lang', 'concept'];

  protected hubLink(): string {
    const url = new URL('/', hubOrigin);
    url.searchParams.set('lang', this.language);
    const concept = this.getAttribute('concept');
    if (concept) url.searchParams.set('concept', concept);
    return url.href;
  }

  /** The quote, shortened, and a link to the whole of it in its source document on the hub. */
  private quote(source: { document: string; quote: string }, record: string): HTMLElement[] {
    const href = sourceLink(hubOrigin, source.document, record);
    return [
      h('blockquote', { lang: 'ja', cite: href }, shortened(source.quote)),
      h('a', { class: 'source-link', href, target: '_blank', rel: 'noopener' }, `${this.t('sourceLink')} →`),
    ];
  }

  protected async content(): Promise<HTMLElement[]> {
    const conceptId = this.getAttribute('concept') ?? '';
    const dimension = dimensionOfConcept(conceptId);
    if (!dimension) return [h('p', { class: 'error' }, `${this.t('unknownConcept')}: ${conceptId}`)];
    const { data } = await persistedQuery(this.api(), CompareConceptDocument, { concept: conceptId, ...onlyDimension(dimension) });
    const concept = data.concept;
    if (!concept) return [h('p', { class: 'error' }, `${this.t('unknownConcept')}: ${conceptId}`)];
    const lang = this.language;
    return [
      h(
        'header',
        {},
        h('p', { class: 'kicker' }, this.t(dimension)),
        h(
          'h2',
          {},
          conceptLabel(lang, concept),
          ' ',
          h('span', { class: 'sub', lang: lang === 'ja' ? 'en' : 'ja' }, lang === 'ja' ? concept.labelEn : concept.label),
        ),
        concept.description ? h('p', { class: 'description', lang: 'en' }, concept.description) : null,
      ),
      h(
        'ul',
        { class: 'cities' },
        concept.municipalities.map((city) => {
          const records = recordsOf(city, dimension);
          return h(
            'li',
            { class: 'city', 'data-city': city.code },
            h('h3', {}, cityName(lang, city), ' ', h('span', { class: 'count' }, records ? recordCount(lang, records.length) : '')),
            records == null
              ? h('p', { class: 'none' }, this.t('unavailable'))
              : records.length === 0
                ? h('p', { class: 'none' }, this.t('notMentioned'))
                : records.map((record) =>
                    h(
                      'div',
                      { class: 'record', 'data-record': record.id },
                      h('strong', { lang: 'ja' }, record.title),
                      record.source ? this.quote(record.source, record.id) : null,
                    ),
                  ),
          );
        }),
      ),
    ];
  }
}

/** <kyodo-municipality code="202207" dimension="forms">: one city's records of one dimension, by plan. */
class KyodoMunicipality extends KyodoWidget {
  static override observedAttributes = ['lang', 'code', 'dimension'];

  private get dimension(): Dimension | undefined {
    const requested = this.getAttribute('dimension') ?? 'principles';
    return DIMENSIONS.find((dimension) => dimension === requested);
  }

  protected hubLink(): string {
    const url = new URL('/', hubOrigin);
    url.searchParams.set('lang', this.language);
    if (this.dimension) url.searchParams.set('dimension', this.dimension);
    return url.href;
  }

  protected async content(): Promise<HTMLElement[]> {
    const code = this.getAttribute('code') ?? '';
    const dimension = this.dimension;
    if (!dimension) return [h('p', { class: 'error' }, `dimension: ${DIMENSIONS.join(' | ')}`)];
    const { data } = await persistedQuery(this.api(), MunicipalityPracticeDocument, { code, ...onlyDimension(dimension) });
    const city = data.municipality;
    if (!city) return [h('p', { class: 'error' }, `${this.t('unknownMunicipality')}: ${code}`)];
    const lang = this.language;
    const records = recordsOf(city, dimension);
    const plans = [...(city.plans ?? [])].reverse().filter((plan) => records?.some((record) => record.plan.id === plan.id));
    return [
      h(
        'header',
        {},
        h('p', { class: 'kicker' }, lang === 'ja' ? city.prefecture : city.prefectureEn),
        h('h2', {}, cityName(lang, city), ' ', h('span', { class: 'sub' }, this.t(dimension))),
      ),
      records == null
        ? h('p', { class: 'none' }, this.t('unavailable'))
        : h(
            'div',
            // It scrolls: a keyboard must be able to reach it.
            { class: 'plans', role: 'region', tabindex: 0, 'aria-label': `${cityName(lang, city)} ${this.t(dimension)}` },
            plans.map((plan) =>
              h(
                'section',
                { class: 'plan', 'data-plan': plan.id },
                h('h3', { lang: 'ja' }, plan.title, plan.publishedOn ? h('span', { class: 'count' }, ` ${plan.publishedOn.slice(0, 4)}`) : null),
                h(
                  'ul',
                  { class: 'records' },
                  records
                    .filter((record) => record.plan.id === plan.id)
                    .map((record) =>
                      h(
                        'li',
                        { 'data-record': record.id },
                        h('strong', { lang: 'ja' }, record.title),
                        record.category ? h('span', { class: 'category', lang: 'ja' }, record.category) : null,
                        h(
                          'span',
                          { class: 'concepts' },
                          (record.concepts ?? []).map((concept) => h('span', { class: 'concept' }, conceptLabel(lang, concept))),
                        ),
                      ),
                    ),
                ),
              ),
            ),
          ),
    ];
  }
}

/** Defines both elements once, talking to the hub at the given origin. */
export function defineWidgets(origin: string) {
  hubOrigin = origin;
  if (!customElements.get('kyodo-compare')) customElements.define('kyodo-compare', KyodoCompare);
  if (!customElements.get('kyodo-municipality')) customElements.define('kyodo-municipality', KyodoMunicipality);
}
