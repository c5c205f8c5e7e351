import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkSeeds, readCityConfigs, repositoryRoot, seedsDirectory, sourcesDirectory } from '@kyodo/kit';
import { sharedStack } from './support/shared-stack';
import type { Federation } from './support/stack';

/** The contract every city subgraph keeps, checked against each one running on its own. */
const registry = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory }, []).municipalities;
const cities = readCityConfigs().map((city) => ({ ...city, subgraph: city.name, nameEn: registry.find((m) => m.code === city.code)?.nameEn }));

let federation: Federation;
beforeAll(async () => {
  federation = await sharedStack();
});

describe.each(cities.map((municipality) => [municipality.nameEn, municipality] as const))('the %s subgraph', (_name, municipality) => {
  const entities = (code: string, selection = 'code') =>
    federation.querySubgraph(
      municipality.subgraph,
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${municipality.typeName} { ${selection} } } }`,
      { representations: [{ __typename: municipality.typeName, code }] },
    );

  it('serves a municipality of the hub’s registry', () => {
    expect(registry.map((row) => row.code)).toContain(municipality.code);
  });

  it('serves the SDL contract that is committed under schema/subgraphs', async () => {
    const { data } = await federation.querySubgraph(municipality.subgraph, '{ _service { sdl } }');
    const committed = readFileSync(path.join(repositoryRoot, 'schema', 'subgraphs', `${municipality.subgraph}.graphql`), 'utf8');
    expect(data._service.sdl.trimEnd()).toBe(committed.trimEnd());
    expect(committed).toContain(`type ${municipality.typeName} implements Municipality\n  @key(fields: "code")`);
  });

  it('resolves its own entity by code', async () => {
    const { data, errors } = await entities(municipality.code);
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([{ code: municipality.code }]);
  });

  it('answers null for another municipality’s code', async () => {
    const other = registry.find((candidate) => candidate.code !== municipality.code)!;
    const { data } = await entities(other.code, 'code principles { id }');
    expect(data._entities).toEqual([null]);
  });

  it('serves only records cited from its own documents', async () => {
    const documents = new Set(
      checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory })
        .documents.filter((d) => d.data.municipality === municipality.code)
        .map((d) => d.data.document),
    );
    const { data } = await entities(
      municipality.code,
      `plans { id source { document } } principles { source { document } } forms { source { document } }
       organizations { source { document } } measures(first: 100) { nodes { source { document } } }`,
    );
    const [city] = data._entities;
    const cited = [
      ...city.plans.map((plan: any) => plan.source.document),
      ...[...city.principles, ...city.forms, ...city.organizations, ...city.measures.nodes].map((record: any) => record.source.document),
    ];
    expect(cited.length).toBeGreaterThan(0);
    expect(new Set(cited)).toEqual(documents);
  });
});
