import { checkSeeds, seedsDirectory, sourcesDirectory } from '@kyodo/kit';
import { Parser } from 'n3';
import { sharedStack } from './support/shared-stack';
import type { Federation } from './support/stack';

/** The concept scheme for download, as W3C SKOS: every concept, its labels, definitions and broader one. */
const concepts = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory }, []).concepts;
const SKOS = 'http://www.w3.org/2004/02/skos/core#';

let hub: Federation;
beforeAll(async () => {
  hub = await sharedStack();
});
const download = (file: string) => fetch(new URL(`/export/${file}`, hub.gatewayUrl));

describe('the concept scheme for download', () => {
  it('is JSON-LD with every concept, labelled and defined in both languages, linked to its broader concept', async () => {
    const response = await download('taxonomy.jsonld');
    expect(response.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    const { '@graph': graph } = (await response.json()) as { '@graph': Record<string, any>[] };
    const byNotation = new Map(graph.filter((node) => node['@type'] === 'skos:Concept').map((node) => [node.notation as string, node]));
    expect([...byNotation.keys()].sort()).toEqual(concepts.map((concept) => concept.id).sort());
    for (const concept of concepts) {
      const node = byNotation.get(concept.id)!;
      expect(node.prefLabel).toEqual({ ja: concept.label, en: concept.labelEn });
      expect(node.definition.en).toBe(concept.definitionEn);
      if (concept.broader) expect(node.broader).toBe(`urn:kyodo-hub:concept:${concept.broader}`);
      else expect(node.topConceptOf).toBe('urn:kyodo-hub:concept-scheme');
    }
  });

  it('is valid Turtle holding the same concepts and broader links', async () => {
    const response = await download('taxonomy.ttl');
    expect(response.headers.get('content-type')).toMatch(/^text\/turtle/);
    const quads = new Parser().parse(await response.text());
    const notations = quads.filter((quad) => quad.predicate.value === `${SKOS}notation`).map((quad) => quad.object.value);
    expect(notations.sort()).toEqual(concepts.map((concept) => concept.id).sort());
    const broader = quads.filter((quad) => quad.predicate.value === `${SKOS}broader`).length;
    expect(broader).toBe(concepts.filter((concept) => concept.broader).length);
  });
});
