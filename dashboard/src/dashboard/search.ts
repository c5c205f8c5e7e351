import type { Dimension, SearchHit } from '../api/types';
import { h, highlighted } from '../dom';
import { cityName, conceptLabel, recordCount, searchTooLong } from '../i18n';
import { type Context, planYear } from './context';
import { exportUrl, search } from './data';
import { sourceLink } from '../source-link';
import { downloadLinks, recordRow } from './download';

export interface SearchState {
  text: string;
  result: Awaited<ReturnType<typeof search>> | null;
}

/** Hits shown per city before "show all", so that one city's long list does not bury the others. */
const HITS_SHOWN = 5;

const DIMENSION_OF_TYPE: Record<SearchHit['__typename'], Dimension> = {
  Principle: 'principles',
  CollaborationForm: 'forms',
  Organization: 'organizations',
  Measure: 'measures',
  // Example projects map to measure concepts: they put measures into practice.
  Case: 'measures',
};

/**
 * A search box over the API's search in every city, with the results grouped by city. `onSearch`
 * hears each search the reader asks for; a text given without its result (from the address) is
 * searched at once.
 */
export function searchPanel(context: Context, state: SearchState, onSearch: (text: string) => void): HTMLElement {
  const { t } = context;
  const input = h('input', { type: 'search', id: 'search-input', name: 'q', value: state.text, placeholder: t('searchPlaceholder'), autocomplete: 'off' });
  const results = h('div', { class: 'search-results', 'aria-live': 'polite' });
  const show = () => results.replaceChildren(...(state.result ? searchResults(context, state.text, state.result) : []));
  const submit = async () => {
    state.text = input.value.trim();
    state.result = null;
    if (!state.text) {
      state.result = null;
      show();
      return;
    }
    results.replaceChildren(h('p', { role: 'status' }, t('loading')));
    try {
      state.result = await search(state.text);
      show();
    } catch (error) {
      results.replaceChildren(h('p', { class: 'error', role: 'alert' }, `${t('loadFailed')}: ${(error as Error).message}`));
    }
  };
  const form = h(
    'form',
    {
      role: 'search',
      class: 'search-form',
      onsubmit: (event) => {
        event.preventDefault();
        void submit();
        onSearch(state.text);
      },
    },
    h('label', { for: 'search-input' }, t('searchLabel')),
    input,
    h('button', { type: 'submit' }, t('searchButton')),
  );
  if (state.text && !state.result) void submit();
  else show();
  return h('div', {}, form, results);
}

/**
 * The API's refusal of the text itself (too long): it holds for every city alike, so it is said
 * once, in the reader's language, instead of as every city's failure.
 */
function refusedText(lang: Context['lang'], result: NonNullable<SearchState['result']>): HTMLElement | null {
  const refusal = result.errors.find((error) => error.extensions?.code === 'BAD_USER_INPUT' && error.extensions.argumentName === 'text');
  if (!refusal) return null;
  const { maxLength, length } = refusal.extensions ?? {};
  const message = typeof maxLength === 'number' && typeof length === 'number' ? searchTooLong(lang, maxLength, length) : refusal.message;
  return h('p', { class: 'error search-refused', role: 'alert' }, message);
}

function searchResults(context: Context, term: string, result: NonNullable<SearchState['result']>): HTMLElement[] {
  const { t, lang } = context;
  const refused = refusedText(lang, result);
  if (refused) return [refused];
  const rows = () =>
    context.municipalities.flatMap((city) =>
      (result.byCity.get(city.code) ?? []).map((hit) => ({ ...recordRow(context, city, hit), type: hit.__typename, matched_text: hit.matchedText })),
    );
  const groups = context.municipalities.map((city) => {
    const hits = result.byCity.get(city.code);
    return h(
      'section',
      { class: 'search-city', 'data-city': city.code },
      h('h3', {}, cityName(lang, city), ' ', h('span', { class: 'sub' }, hits ? recordCount(lang, hits.length) : '')),
      hits == null
        ? h('p', { class: 'unavailable' }, t('unavailable'))
        : hits.length === 0
          ? h('p', { class: 'not-mentioned' }, t('searchNone'))
          : hitList(context, city.code, term, hits),
    );
  });
  return [downloadLinks(context, 'search', rows), ...groups];
}

function hitList(context: Context, cityCode: string, term: string, hits: SearchHit[]): HTMLElement {
  const { t, lang } = context;
  const list = h(
    'ol',
    { class: 'hits' },
    hits.map((hit, index) =>
      h(
        'li',
        { class: 'hit', 'data-record': hit.id, hidden: index >= HITS_SHOWN },
        h('span', { class: 'badge' }, t(hit.__typename)),
        ' ',
        h('strong', { lang: 'ja' }, hit.wording),
        planLabel(context, hit.plan.id),
        h('p', { class: 'match', lang: 'ja' }, highlighted(hit.matchedText ?? hit.source.quote, term)),
        h(
          'div',
          { class: 'hit-links' },
          hit.concepts.map(({ id }) => {
            const concept = context.conceptById.get(id);
            return concept
              ? h('button', { type: 'button', class: 'chip', onclick: () => context.openDrilldown(id, cityCode) }, conceptLabel(lang, concept))
              : null;
          }),
          h('a', { class: 'source-link', href: sourceLink(location.origin, hit.source.document, hit.id) }, t('sourceLink')),
          h('a', { class: 'export', href: exportUrl(DIMENSION_OF_TYPE[hit.__typename], hit.id) }, t('exportLink')),
        ),
      ),
    ),
  );
  if (hits.length <= HITS_SHOWN) return list;
  const showAll = h(
    'button',
    {
      type: 'button',
      class: 'show-all',
      onclick: () => {
        const firstHidden = list.querySelector<HTMLElement>('li[hidden]');
        list.querySelectorAll('li[hidden]').forEach((item) => item.removeAttribute('hidden'));
        showAll.remove();
        firstHidden?.querySelector<HTMLElement>('button, a')?.focus();
      },
    },
    `${t('showAll')} (${recordCount(lang, hits.length)})`,
  );
  return h('div', {}, list, showAll);
}

/** Which plan a hit is from, since a city's successive plans often word a record alike. */
function planLabel(context: Context, planId: string): HTMLElement | null {
  const plan = context.planById.get(planId);
  if (!plan) return null;
  return h('span', { class: 'hit-plan', lang: 'ja', title: plan.title }, ` ${planYear(plan) ?? plan.kind}`);
}
