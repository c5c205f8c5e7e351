/**
 * The two React entry points this page calls. The workspace has no @types/react yet; once it does,
 * this file goes and the real declarations take over.
 */
declare module 'react' {
  export function createElement(type: unknown, props?: Record<string, unknown> | null, ...children: unknown[]): unknown;
}
declare module 'react-dom/client' {
  export function createRoot(container: Element): { render(element: unknown): void };
}
