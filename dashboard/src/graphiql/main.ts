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
