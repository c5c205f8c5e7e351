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

/**
 * Runs once when the element comes near the viewport (within 300px below it): what is below the
 * fold loads when the reader gets there, not with the first view.
 */
export function whenNear(element: Element, run: () => void): void {
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      run();
    },
    { rootMargin: '0px 0px 300px 0px' },
  );
  observer.observe(element);
}

/**
 * A long run of focusable things (a matrix has one per cell) with a link before it that moves focus
 * just past it, shown when it has focus: keyboard readers need not Tab through every cell.
 */
export function skippable(id: string, label: string, content: HTMLElement): HTMLElement[] {
  return [h('a', { class: 'skip-past', href: `#${id}` }, label), content, h('span', { id, class: 'skip-target', tabindex: -1 })];
}
