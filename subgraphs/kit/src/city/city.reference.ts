import type { CityContext } from '../records/city-context';

/**
 * The city's entity reference: a city subgraph answers only for its own municipality, so another
 * code is not its to serve.
 */
export function cityReferenceOf<T extends object>(cityType: new () => T) {
  return {
    __resolveReference: (reference: { code: string }, { city }: CityContext): T | null =>
      reference.code === city.code ? Object.assign(new cityType(), { code: reference.code }) : null,
  };
}
