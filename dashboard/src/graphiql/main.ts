import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import type { ExecutionResult } from 'graphql';
import { type ComponentProps, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import readme from '../../../README.md?raw';
import { readmeExamples } from './examples';

/** Plain POSTs to the gateway beside this page; GraphiQL's own toolkit fetcher is not a dependency here. */
const fetcher: ComponentProps<typeof GraphiQL>['fetcher'] = async (request) => {
  const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  return (await response.json()) as ExecutionResult;
};

const examples = readmeExamples(readme);
createRoot(document.getElementById('graphiql')!).render(
  createElement(GraphiQL, {
    fetcher,
    defaultTabs: examples,
    defaultEditorToolsVisibility: false,
    // Tabs of an earlier visit would hide the examples; each visit starts from the README's.
    storage: sessionStorage,
  }),
);

/**
 * GraphiQL's tabs are list items with role="tab" that hold buttons (the tab's own and its close
 * button): a control inside a control, which screen readers announce badly (axe-core:
 * nested-interactive). They become what they are, a labelled group of buttons, the selected one
 * marked aria-current; kept so whenever GraphiQL re-renders a tab.
 */
function tabsAsButtons(root: HTMLElement) {
  const fix = () => {
    for (const list of root.querySelectorAll<HTMLElement>('ul.graphiql-tabs[role="tablist"]')) list.setAttribute('role', 'group');
    for (const item of root.querySelectorAll<HTMLElement>('li.graphiql-tab')) {
      if (item.getAttribute('role') === 'tab') item.setAttribute('role', 'presentation');
      const selected = item.getAttribute('aria-selected');
      if (selected === null) continue;
      item.removeAttribute('aria-selected');
      const button = item.querySelector<HTMLElement>('.graphiql-tab-button');
      if (selected === 'true') button?.setAttribute('aria-current', 'true');
      else button?.removeAttribute('aria-current');
    }
  };
  new MutationObserver(fix).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-selected', 'role'] });
  fix();
}
tabsAsButtons(document.getElementById('graphiql')!);
