import { h } from '../dom';
import { defineWidgets } from '../widgets/elements';

/**
 * /embed/compare/<concept> and /embed/municipality/<code>/<dimension>: the widgets as pages of
 * their own, for partner sites that allow iframes but no scripts. ?lang=en for English.
 */
defineWidgets(location.origin);
const [kind, first, second] = location.pathname
  .replace(/^\/embed\/?/, '')
  .split('/')
  .filter(Boolean)
  .map(decodeURIComponent);
document.documentElement.lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'ja';
const container = document.getElementById('embed')!;
if (kind === 'compare' && first) {
  const widget = document.createElement('kyodo-compare');
  widget.setAttribute('concept', first);
  container.append(widget);
} else if (kind === 'municipality' && first) {
  const widget = document.createElement('kyodo-municipality');
  widget.setAttribute('code', first);
  widget.setAttribute('dimension', second ?? 'principles');
  container.append(widget);
} else {
  container.append(
    h('p', {}, 'Usage: /embed/compare/<concept id> or /embed/municipality/<code>/<principles|forms|organizations|measures>, optionally ?lang=en'),
  );
}
