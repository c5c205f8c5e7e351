import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  validate,
} from 'graphql';
import { clientError } from './client-error';
import { estimateCost, MAX_PAGE_SIZE } from './cost';
import { checkInput } from './input-checks';
import { unresolvedOperationError } from './operation-resolution';

/**
 * Limits for a public, read-only API, at or below the published defaults of GraphQL Armor, GitHub
 * (node limit) and Decidim. Checked on the parsed, valid operation before any subgraph is asked;
 * each check's own work is linear in the size of the document.
 */
export const LIMITS = {
  /** Parser tokens: bounds the document, hence every check below (GraphQL Armor: 1000). */
  maxTokens: 1000,
  maxDepth: 10,
  /**
   * Introspection counts for depth too, with room for the standard introspection query (depth 15)
   * that GraphiQL and code generators send; its size is bounded by the cost limit.
   */
  maxIntrospectionDepth: 15,
  /** GraphQL Armor: 15. */
  maxAliases: 15,
  /** GraphQL Armor: 50. */
  maxDirectives: 50,
  /**
   * Upper bound of the objects one request may return: each list multiplies the objects it holds by
   * its `first` argument (a connection's edges and nodes by the connection's, at most 100), or by an
   * assumed ten when it has none. GitHub counts nodes the same way, with a limit of 500,000.
   */
  maxCost: 50_000,
  maxPageSize: MAX_PAGE_SIZE,
  /** Request bodies (GraphQL Armor and Apollo both suggest keeping these small). */
  maxBodyBytes: 100_000,
} as const;

/** The codes of the limits, which clients may read. */
export const LIMIT_ERROR_CODES = ['QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES', 'QUERY_TOO_COSTLY'] as const;
type LimitCode = (typeof LIMIT_ERROR_CODES)[number];

/**
 * The first reason to refuse an operation, or undefined: its shape (depth, aliases, directives,
 * measured by GraphQL Armor, which measures each fragment once), then what the request passes to it
 * (control characters, variable types, page sizes), then its cost.
 */
export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): GraphQLError | undefined {
  const shape = shapeViolation(schema, document);
  if (shape) return shape;
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const input = checkInput(schema, operation, fragmentsUsedBy(operation, fragments), variables);
  if ('error' in input) return input.error;
  const { cost, exhausted } = estimateCost(schema, operation, fragments, input.variables);
  if (exhausted) {
    return clientError('QUERY_TOO_COSTLY', 'query is too intricate to estimate what it may return: spread fewer fragments, or split the query');
  }
  if (cost > LIMITS.maxCost) {
    return clientError(
      'QUERY_TOO_COSTLY',
      `query may return about ${cost} objects, above the limit of ${LIMITS.maxCost}: ask for smaller pages (first) or fewer nested lists`,
    );
  }
  return undefined;
}

function shapeViolation(schema: GraphQLSchema, document: DocumentNode): GraphQLError | undefined {
  let violation: GraphQLError | undefined;
  // Armor reports "Syntax Error: <what> limit of <n> exceeded, found <m>."; we keep the figures and
  // give our code, HTTP 400 and what to do.
  const refuse = (code: LimitCode, advice: string) => ({
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (_context: unknown, error: GraphQLError) => {
        violation ??= clientError(code, `${error.message.replace(/^Syntax Error: /, '').replace(/\.$/, '')}: ${advice}`);
      },
    ],
  });
  const fewerLevels = 'ask for fewer nested levels, or split the query';
  validate(schema, document, [
    maxDepthRule({ n: LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...refuse('QUERY_TOO_DEEP', fewerLevels) }),
    maxDepthRule({
      n: LIMITS.maxIntrospectionDepth,
      ignoreIntrospection: false,
      flattenFragments: true,
      ...refuse('QUERY_TOO_DEEP', `${fewerLevels} (introspection counts, up to ${LIMITS.maxIntrospectionDepth})`),
    }),
    // Every alias counts, __typename's and introspection's too.
    maxAliasesRule({ n: LIMITS.maxAliases, allowList: [], ...refuse('TOO_MANY_ALIASES', 'ask for each field once, or split the query') }),
    maxDirectivesRule({ n: LIMITS.maxDirectives, ...refuse('TOO_MANY_DIRECTIVES', 'use fewer directives, or split the query') }),
  ]);
  return violation;
}

/** The fragments an operation spreads, directly or through other fragments, each once. */
function fragmentsUsedBy(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const pending: SelectionSetNode[] = [operation.selectionSet];
  while (pending.length) {
    for (const selection of pending.pop()!.selections) {
      if (selection.kind !== Kind.FRAGMENT_SPREAD) {
        if (selection.selectionSet) pending.push(selection.selectionSet);
        continue;
      }
      const fragment = fragments.get(selection.name.value);
      if (fragment && !used.has(fragment.name.value)) {
        used.set(fragment.name.value, fragment);
        pending.push(fragment.selectionSet);
      }
    }
  }
  return [...used.values()];
}

/**
 * Refuses, before execution and with a code that says why, a request that names no runnable
 * operation or goes beyond a limit.
 */
export const operationLimitsPlugin: ApolloServerPlugin = {
  requestDidStart() {
    return Promise.resolve({
      didResolveOperation({ operation, document, request, schema }) {
        if (!operation) return Promise.reject(unresolvedOperationError(document, request.operationName));
        const problem = checkOperation(schema, document, operation, request.variables);
        return problem ? Promise.reject(problem) : Promise.resolve();
      },
    });
  },
};
