/**
 * The one place a view reads and writes its state in the page's address (so that a link can be
 * shared and reopens the same view). Replaces the entry: it does not add to the history.
 */
export function addressParam(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}

/** Sets each named parameter, or removes it when its value is null. */
export function setAddressParams(values: Record<string, string | null>): void {
  const url = new URL(location.href);
  for (const [name, value] of Object.entries(values)) {
    if (value == null) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  history.replaceState(history.state, '', url);
}
