/**
 * The figures a plan reports, as bar charts drawn here in SVG. No charting library: the charts are
 * horizontal bars whose labels are long Japanese survey questions that must wrap and stay text (for
 * screen readers, search and copying), which HTML does and a canvas library would not, and the
 * smallest libraries that draw such bars (Chart.js about 70 kB gzipped, ECharts far more) would
 * more than double the dashboard's script for a few rectangles.
 */
import { h, ja } from '../dom';
import { sourceLink } from '../source-link';

export interface Figure {
  id: string;
  subject: string;
  value: number;
  unit: string;
  qualifier?: string | null;
  asOf?: string | null;
  source: { document: string };
}

/** Survey figures are worded "question：answer"; figures of one question and one unit share a chart. */
const QUESTION_SEPARATOR = '：';

export interface Chart {
  question: string;
  unit: string;
  figures: { label: string; figure: Figure }[];
}

/** Figures grouped by question and unit, in the order the document gives them; a question with one figure stays alone. */
export function groupFigures(figures: Figure[]): { charts: Chart[]; single: Figure[] } {
  const groups = new Map<string, Chart>();
  for (const figure of figures) {
    const at = figure.subject.indexOf(QUESTION_SEPARATOR);
    const question = at > 0 ? figure.subject.slice(0, at) : figure.subject;
    const label = at > 0 ? figure.subject.slice(at + 1) : figure.subject;
    const key = `${question}\u0000${figure.unit}`;
    const group = groups.get(key) ?? { question, unit: figure.unit, figures: [] };
    group.figures.push({ label, figure });
    groups.set(key, group);
  }
  const charts = [...groups.values()].filter((group) => group.figures.length > 1);
  const single = [...groups.values()].filter((group) => group.figures.length === 1).map((group) => group.figures[0]!.figure);
  return { charts, single };
}

/** Qualifiers printed before the number (約10); the others follow it (3割超, 18,000人弱, 1割以上). */
const LEADING_QUALIFIERS = new Set(['約']);

/** The figure as the document prints it: 94,222人, 28.8%, 3割超, 約10件. */
export function figureText(figure: Figure): string {
  const number = `${figure.value.toLocaleString('ja-JP')}${figure.unit}`;
  if (!figure.qualifier) return number;
  return LEADING_QUALIFIERS.has(figure.qualifier) ? `${figure.qualifier}${number}` : `${number}${figure.qualifier}`;
}

function bar(share: number): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 100 6');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'bar');
  const track = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  track.setAttribute('width', '100');
  track.setAttribute('height', '6');
  track.setAttribute('class', 'bar-track');
  const fill = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  fill.setAttribute('width', String(Math.max(0.5, Math.min(100, share * 100))));
  fill.setAttribute('height', '6');
  fill.setAttribute('class', 'bar-fill');
  svg.append(track, fill);
  return svg;
}

/**
 * One chart per question: a bar per answer, on a scale of 100 for percentages and of the largest
 * figure otherwise; each label links to the figure's quote in its source.
 */
export function figureCharts(charts: Chart[]): HTMLElement[] {
  return charts.map((chart) => {
    const max = chart.unit === '%' ? 100 : Math.max(...chart.figures.map(({ figure }) => figure.value));
    return h(
      'figure',
      { class: 'chart' },
      h('figcaption', { lang: 'ja' }, `${chart.question}（${chart.unit}）`),
      h(
        'ol',
        { class: 'bars' },
        chart.figures.map(({ label, figure }) =>
          h(
            'li',
            { 'data-statistic': figure.id },
            h(
              'a',
              { class: 'bar-label', lang: 'ja', href: sourceLink(location.origin, figure.source.document, figure.id) },
              label,
              figure.asOf ? `（${figure.asOf}）` : '',
            ),
            bar(max > 0 ? figure.value / max : 0),
            ja('span', figureText(figure), { class: 'bar-value' }),
          ),
        ),
      ),
    );
  });
}
