/**
 * The city's entity reference: a city subgraph answers only for its own municipality, so another
 * code is not its to serve.
 */
export function cityReferenceOf<T extends object>(cityType: new () => T, code: string) {
  return {
    __resolveReference: (reference: { code: string }): T | null => (reference.code === code ? Object.assign(new cityType(), { code: reference.code }) : null),
  };
}
