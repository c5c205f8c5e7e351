/**
 * The dashboard's pages besides the overview at /, chosen by the address's path (the gateway serves
 * the same index.html for each): /city/<code> and /compare?a=…&b=….
 */
import type { Context } from './context';
import { cityCodeOf, cityPage } from './city-page';
import { comparePage } from './compare';

/** The page the address names, or null for the overview. */
export function pageView(context: Context, pathname: string): HTMLElement | null {
  const code = cityCodeOf(pathname);
  if (code) return cityPage(context, code);
  if (pathname === '/compare') return comparePage(context);
  return null;
}
