import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { graphql, type GraphQLSchema, parse } from 'graphql';
import { type BuildSchemaOptions, buildSchema, createResolversMap } from 'type-graphql';

/** Federation 2.7: the newest version that composition 2.14 accepts. */
const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

/** Each entity type's reference resolver; the kit only hands them to @apollo/subgraph, never calls them (hence `never`). */
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: never, context: never) => unknown }>;

/**
 * Builds a subgraph schema from type-graphql classes: type-graphql builds the types, its SDL keeps the
 * federation directives (printSchemaWithDirectives; graphql's printSchema drops them), and
 * @apollo/subgraph adds _entities and _service around it.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const typeGraphqlSchema = await buildSchema({ ...options, skipCheck: true });
  const resolvers = createResolversMap(typeGraphqlSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], ...reference } as never;
  }
  return buildSubgraphSchema([{ typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeGraphqlSchema)}`), resolvers }]);
}

/** The subgraph's SDL contract: exactly what it serves to composition as _service.sdl. */
export async function printSubgraphSdl(schema: GraphQLSchema): Promise<string> {
  const result = await graphql({ schema, source: '{ _service { sdl } }' });
  const sdl = (result.data?._service as { sdl?: string } | undefined)?.sdl;
  if (!sdl) throw new Error(`the schema does not serve its SDL: ${result.errors?.map((error) => error.message).join('; ')}`);
  return sdl;
}
