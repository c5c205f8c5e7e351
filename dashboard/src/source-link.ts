/**
 * The hub's page of a record's source document, opened at the record's quote (the gateway marks it
 * and #quote scrolls to it). Absolute, so that a widget on a partner's site links to the hub.
 */
export function sourceLink(origin: string, document: string, record: string): string {
  const url = new URL(`/source/${encodeURIComponent(document)}`, origin);
  url.searchParams.set('record', record);
  url.hash = 'quote';
  return url.href;
}
