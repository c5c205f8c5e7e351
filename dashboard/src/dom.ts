/** Builds DOM nodes with text set as text, never as HTML, so the documents' words cannot inject markup. */
type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    element.append(child);
  }
  return element;
}

/** Japanese text from a document, so that screen readers and fonts treat it as Japanese in the English UI too. */
export function ja(tag: 'span' | 'p' | 'blockquote' | 'strong' | 'div', text: string, attributes: Attributes = {}): HTMLElement {
  return h(tag, { lang: 'ja', ...attributes }, text);
}

/** The text with every occurrence of the term wrapped in <mark>. */
export function highlighted(text: string, term: string): (Node | string)[] {
  if (!term) return [text];
  const parts: (Node | string)[] = [];
  const haystack = text.toLowerCase();
  const needle = term.toLowerCase();
  let from = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, from)) {
    parts.push(text.slice(from, at), h('mark', {}, text.slice(at, at + term.length)));
    from = at + term.length;
  }
  parts.push(text.slice(from));
  return parts;
}
