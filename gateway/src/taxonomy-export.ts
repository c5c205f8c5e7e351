import type { ApolloServer } from '@apollo/server';
import { type Response, Router } from 'express';
import { EXPORT_MAX_AGE_SECONDS } from './export-cache';

/** The concept scheme for download: W3C SKOS, as JSON-LD or Turtle, read through the public API. */

interface SchemeConcept {
  id: string;
  dimension: string;
  label: string;
  labelEn: string;
  definition: string | null;
  definitionEn: string | null;
  broader: { id: string } | null;
}

/** Stable names that do not depend on where the hub is served. */
export const SCHEME_IRI = 'urn:kyodo-hub:concept-scheme';
export const conceptIri = (id: string): string => `urn:kyodo-hub:concept:${id}`;

const SCHEME_QUERY = '{ concepts { id dimension label labelEn definition definitionEn broader { id } } }';

async function schemeConcepts(apollo: ApolloServer): Promise<SchemeConcept[]> {
  const response = await apollo.executeOperation({ query: SCHEME_QUERY });
  if (response.body.kind !== 'single' || response.body.singleResult.errors?.length || !response.body.singleResult.data) {
    throw new Error('the hub did not answer for the concept scheme');
  }
  return (response.body.singleResult.data as { concepts: SchemeConcept[] }).concepts;
}

const languageMap = (ja: string | null, en: string | null): Record<string, string> =>
  Object.fromEntries(
    (
      [
        ['ja', ja],
        ['en', en],
      ] as const
    ).flatMap(([language, text]) => (text ? [[language, text]] : [])),
  );

export function toJsonLd(concepts: readonly SchemeConcept[]): object {
  return {
    '@context': {
      skos: 'http://www.w3.org/2004/02/skos/core#',
      prefLabel: { '@id': 'skos:prefLabel', '@container': '@language' },
      definition: { '@id': 'skos:definition', '@container': '@language' },
      broader: { '@id': 'skos:broader', '@type': '@id' },
      inScheme: { '@id': 'skos:inScheme', '@type': '@id' },
      topConceptOf: { '@id': 'skos:topConceptOf', '@type': '@id' },
      notation: 'skos:notation',
    },
    '@graph': [
      { '@id': SCHEME_IRI, '@type': 'skos:ConceptScheme', prefLabel: { ja: '協働ハブ 概念体系', en: 'Kyōdō Hub concept scheme' } },
      ...concepts.map((concept) => ({
        '@id': conceptIri(concept.id),
        '@type': 'skos:Concept',
        notation: concept.id,
        prefLabel: { ja: concept.label, en: concept.labelEn },
        definition: languageMap(concept.definition, concept.definitionEn),
        inScheme: SCHEME_IRI,
        ...(concept.broader ? { broader: conceptIri(concept.broader.id) } : { topConceptOf: SCHEME_IRI }),
      })),
    ],
  };
}

/** Turtle string literals escape as JSON strings do. */
const literal = (text: string, language: string) => `${JSON.stringify(text)}@${language}`;

export function toTurtle(concepts: readonly SchemeConcept[]): string {
  const lines = [
    '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .',
    '',
    `<${SCHEME_IRI}> a skos:ConceptScheme ;`,
    `  skos:prefLabel ${literal('協働ハブ 概念体系', 'ja')}, ${literal('Kyōdō Hub concept scheme', 'en')} .`,
  ];
  for (const concept of concepts) {
    const statements = [
      `skos:notation ${JSON.stringify(concept.id)}`,
      `skos:prefLabel ${literal(concept.label, 'ja')}, ${literal(concept.labelEn, 'en')}`,
      ...(concept.definition ? [`skos:definition ${literal(concept.definition, 'ja')}`] : []),
      ...(concept.definitionEn ? [`skos:definition ${literal(concept.definitionEn, 'en')}`] : []),
      `skos:inScheme <${SCHEME_IRI}>`,
      concept.broader ? `skos:broader <${conceptIri(concept.broader.id)}>` : `skos:topConceptOf <${SCHEME_IRI}>`,
    ];
    lines.push(
      '',
      `<${conceptIri(concept.id)}> a skos:Concept ;`,
      ...statements.map((statement, index) => `  ${statement} ${index === statements.length - 1 ? '.' : ';'}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** GET /export/taxonomy.jsonld and /export/taxonomy.ttl, beside the record exports. */
export function taxonomyRoutes(apollo: ApolloServer): Router {
  const router = Router();
  const send = (format: 'jsonld' | 'ttl') => async (_request: unknown, response: Response) => {
    try {
      const concepts = await schemeConcepts(apollo);
      response.setHeader('Cache-Control', `max-age=${EXPORT_MAX_AGE_SECONDS}, public`);
      if (format === 'jsonld') response.type('application/ld+json; charset=utf-8').send(JSON.stringify(toJsonLd(concepts), null, 2));
      else response.type('text/turtle; charset=utf-8').send(toTurtle(concepts));
    } catch (error) {
      console.error('taxonomy export failed:', error);
      response
        .status(503)
        .setHeader('Cache-Control', 'no-store')
        .json({ error: 'the concept scheme is unavailable: the hub did not answer; try again later', code: 'EXPORT_INCOMPLETE' });
    }
  };
  router.get('/taxonomy.jsonld', send('jsonld'));
  router.get('/taxonomy.ttl', send('ttl'));
  return router;
}
