import './style.css';
import { type GraphQLError } from '../api/persisted';
import { DIMENSIONS, type Dimension, type Municipality, type Concept } from '../api/types';
import { h, skippable } from '../dom';
import { cityName, type Lang, langOf, translate } from '../i18n';
import { type Context, createContext } from './context';
import { loadDimension, loadOverview } from './data';
import { showDrilldown } from './drilldown';
import { downloadLinks } from './download';
import { editorControls } from './edit/sign-in';
import { matrixRows, matrixTable } from './matrix';
import { measureTree } from './measure-tree';
import { type SearchState, searchPanel } from './search';
import { timeline } from './timeline';
import { planFilter, planScopeOf } from './plan-filter';
import { pageView } from './pages';

const LANG_KEY = 'kyodo-hub-lang';

/**
 * Everything a view shows is in its address, so that a link reproduces it and Back and Forward move
 * through what the reader did: the language, the dimension, the search term (q), the measure tree's
 * city and plan, and the concept whose drill-down is open.
 */
function stateOf(address: URL) {
  const params = address.searchParams;
  const dimension = params.get('dimension');
  return {
    lang: params.get('lang') ? langOf(params.get('lang')) : langOf(localStorage.getItem(LANG_KEY)),
    dimension: DIMENSIONS.find((candidate) => candidate === dimension) ?? 'principles',
    search: { text: params.get('q') ?? '', result: null } as SearchState,
    tree: { city: params.get('city') ?? '', plan: params.get('plan') },
    concept: params.get('concept'),
    planScope: planScopeOf(params.get('plans')),
  };
}

let state = stateOf(new URL(location.href));

function addressOf(): URL {
  const url = new URL(location.href);
  // The overview's state belongs to the overview; another page (a city's, the comparison) keeps its own.
  const values: Record<string, string | null> =
    url.pathname === '/'
      ? {
          lang: state.lang,
          dimension: state.dimension,
          q: state.search.text,
          city: state.tree.city,
          plan: state.tree.plan,
          concept: state.concept,
          plans: state.planScope === 'all' ? 'all' : null,
        }
      : { lang: state.lang };
  for (const [name, value] of Object.entries(values)) {
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
  }
  return url;
}

/** What the page shows apart from the drill-down: a change here re-renders it. */
const viewKey = () => addressOf().search.replace(/[?&]concept=[^&]*/, '');

/** A step the reader took: a new history entry, so that Back returns to the view before it. */
function pushAddress(entry: { drilldown?: boolean } = {}) {
  const url = addressOf();
  if (url.href !== location.href) history.pushState(entry, '', url);
}

const app = document.getElementById('app')!;
const dialog = h('dialog', { class: 'drilldown' });
dialog.addEventListener('close', () => {
  // Closed by the reader (Escape, the close button) rather than by Back: the entry that opening it
  // pushed is left the way Back would, so that Forward reopens it and Back does not.
  if (!state.concept) return;
  state.concept = null;
  if ((history.state as { drilldown?: boolean } | null)?.drilldown) history.back();
  else history.replaceState(null, '', addressOf());
});
document.body.append(dialog);

function section(id: string, heading: string, ...content: HTMLElement[]): HTMLElement {
  return h('section', { id, class: 'panel', 'aria-labelledby': `${id}-heading` }, h('h2', { id: `${id}-heading` }, heading), ...content);
}

/** A tab list of the four dimensions; arrow keys move between tabs as in any tab widget. */
function dimensionTabs(context: Context, onSelect: (dimension: Dimension) => void): HTMLElement {
  const move = (event: KeyboardEvent) => {
    const step = { ArrowRight: 1, ArrowLeft: -1, Home: -DIMENSIONS.length, End: DIMENSIONS.length }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const index = Math.min(DIMENSIONS.length - 1, Math.max(0, DIMENSIONS.indexOf(state.dimension) + step));
    onSelect(DIMENSIONS[index]!);
  };
  return h(
    'div',
    { role: 'tablist', class: 'tabs', 'aria-label': context.t('dimensionsLabel') },
    DIMENSIONS.map((dimension) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${dimension}`,
          'aria-selected': String(dimension === state.dimension),
          'aria-controls': 'matrix-panel',
          tabindex: dimension === state.dimension ? 0 : -1,
          onclick: () => onSelect(dimension),
          onkeydown: (event) => move(event as KeyboardEvent),
        },
        context.t(dimension),
      ),
    ),
  );
}

/**
 * What is missing, in the reader's language: the gateway names the city of each failed subgraph
 * (extensions.municipality); any other error is shown as the API wrote it.
 */
function errorBanner(lang: Lang, municipalities: Municipality[], errors: GraphQLError[]): HTMLElement | null {
  if (errors.length === 0) return null;
  const lines = errors.map((error) => {
    const city = municipalities.find((candidate) => candidate.code === error.extensions?.municipality);
    return city ? `${cityName(lang, city)}: ${translate(lang, 'cityDown')}` : error.message;
  });
  return h(
    'div',
    { class: 'banner', role: 'alert' },
    h('strong', {}, translate(lang, 'partialData')),
    h(
      'ul',
      {},
      [...new Set(lines)].map((line) => h('li', {}, line)),
    ),
  );
}

function render(municipalities: Municipality[], concepts: Concept[], errors: GraphQLError[]) {
  const focusedId = document.activeElement?.id;
  const { lang } = state;
  document.documentElement.lang = lang;
  document.title = `${translate(lang, 'title')} — Kyōdō Hub`;
  localStorage.setItem(LANG_KEY, lang);
  history.replaceState(history.state, '', addressOf());

  const openDrilldown = (conceptId: string, focusCity?: string) => {
    state.concept = conceptId;
    pushAddress({ drilldown: true });
    void showDrilldown(context, dialog, conceptId, focusCity);
  };
  const context = createContext(lang, municipalities, concepts, openDrilldown, state.planScope);
  const { t } = context;
  const rerender = () => render(municipalities, concepts, errors);

  const matrixPanel = h('div', { id: 'matrix-panel', role: 'tabpanel', 'aria-labelledby': `tab-${state.dimension}` }, h('p', { role: 'status' }, t('loading')));
  const banner = h('div', {}, errorBanner(lang, municipalities, errors) ?? '');
  // The overview's matrix; another page loads what it shows itself.
  const page = pageView(context, location.pathname);
  if (!page)
    loadDimension(state.dimension, municipalities).then(
      (records) => {
        matrixPanel.replaceChildren(
          matrixTable(context, state.dimension, records),
          downloadLinks(context, `matrix-${state.dimension}`, () => matrixRows(context, state.dimension, records)),
        );
        banner.replaceChildren(errorBanner(lang, municipalities, [...errors, ...records.errors]) ?? '');
      },
      (error: Error) => matrixPanel.replaceChildren(h('p', { class: 'error', role: 'alert' }, `${t('loadFailed')}: ${error.message}`)),
    );

  app.replaceChildren(
    h('a', { class: 'skip-link', href: '#main' }, t('skipToContent')),
    h(
      'header',
      { class: 'page-header' },
      h('div', {}, h('h1', {}, t('title')), h('p', { class: 'subtitle' }, t('subtitle'))),
      h(
        'nav',
        { class: 'header-tools' },
        page ? h('a', { href: `/?lang=${lang}` }, t('dashboardLink')) : null,
        h('a', { href: `/compare?lang=${lang}` }, t('compareLink')),
        h('a', { href: '/graphql' }, t('graphiql')),
        editorControls(context, rerender),
        h(
          'button',
          {
            type: 'button',
            id: 'lang-toggle',
            lang: lang === 'ja' ? 'en' : 'ja',
            'aria-label': t('switchLanguageLabel'),
            onclick: () => {
              state.lang = lang === 'ja' ? 'en' : 'ja';
              pushAddress();
              rerender();
            },
          },
          t('switchLanguage'),
        ),
      ),
    ),
    h(
      'main',
      { id: 'main', tabindex: -1 },
      banner,
      page ?? [
        section(
          'search',
          t('searchHeading'),
          searchPanel(context, state.search, () => pushAddress()),
        ),
        section(
          'matrix',
          t('matrixHeading'),
          h('p', { class: 'legend' }, t('matrixLegend')),
          planFilter(context, (scope) => {
            state.planScope = scope;
            pushAddress();
            rerender();
          }),
          dimensionTabs(context, (dimension) => {
            state.dimension = dimension;
            pushAddress();
            rerender();
            document.getElementById(`tab-${dimension}`)?.focus();
          }),
          ...skippable('after-matrix', t('skipMatrix'), matrixPanel),
        ),
        section('timeline', t('timelineHeading'), timeline(context)),
        section(
          'measures',
          t('treeHeading'),
          measureTree(context, state.tree, () => pushAddress()),
        ),
      ],
    ),
    h('footer', { class: 'page-footer' }, h('p', {}, t('attribution'))),
  );
  if (focusedId) document.getElementById(focusedId)?.focus();
  return context;
}

async function start() {
  app.replaceChildren(h('p', { role: 'status', class: 'boot' }, translate(state.lang, 'loading')));
  try {
    const { municipalities, concepts, errors } = await loadOverview();
    const firstCity = municipalities[0]?.code ?? '';
    const known = (code: string) => municipalities.some((city) => city.code === code);
    if (!known(state.tree.city)) state.tree.city = firstCity;
    let context = render(municipalities, concepts, errors);
    if (state.concept) void showDrilldown(context, dialog, state.concept);
    // Back and Forward: the view the address describes, and the drill-down it names, or none.
    addEventListener('popstate', () => {
      const before = viewKey();
      state = stateOf(new URL(location.href));
      if (!known(state.tree.city)) state.tree.city = firstCity;
      if (viewKey() !== before) context = render(municipalities, concepts, errors);
      if (state.concept) void showDrilldown(context, dialog, state.concept);
      else if (dialog.open) dialog.close();
    });
  } catch (error) {
    app.replaceChildren(h('p', { class: 'error', role: 'alert' }, `${translate(state.lang, 'loadFailed')}: ${(error as Error).message}`));
  }
}

void start();
