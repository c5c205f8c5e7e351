import type { ApolloServerPlugin } from '@apollo/server';
import {
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLSchema,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * Limits for a public, read-only API, at or below the published defaults of GraphQL Armor (depth 6
 * is its default; the issue allows 10), GitHub (node limit) and Decidim. Checked on the parsed
 * operation before any subgraph is asked.
 */
export const LIMITS = {
  /** Parser tokens: bounds the cost of parsing itself (GraphQL Armor: 1000). */
  maxTokens: 1000,
  maxDepth: 10,
  /** GraphQL Armor: 15. */
  maxAliases: 15,
  /**
   * Upper bound of the objects one request may return: each list multiplies the objects it holds by
   * its `first` argument (a connection's edges and nodes by the connection's, at most 100), or by an
   * assumed ten when it has none. GitHub counts nodes the same way, with a limit of 500,000.
   */
  maxCost: 50_000,
  /** Request bodies (GraphQL Armor and Apollo both suggest keeping these small). */
  maxBodyBytes: 100_000,
} as const;

const ASSUMED_LIST_SIZE = 10;
const MAX_PAGE_SIZE = 100;

interface Measured {
  depth: number;
  aliases: number;
  cost: number;
}

/** Measures an operation: depth of its deepest field, its aliases, and its estimated cost. */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
): Measured {
  const visiting = new Set<string>();
  const typeNamed = (name: string | undefined, fallback: GraphQLNamedType | undefined) => (name ? schema.getType(name) : fallback);
  /** `pageSize` is the `first` of the connection whose edges or nodes are being walked. */
  const walk = (selectionSet: SelectionSetNode, parentType: GraphQLNamedType | undefined, depth: number, pageSize?: number): Measured => {
    const total: Measured = { depth, aliases: 0, cost: 0 };
    for (const selection of selectionSet.selections) {
      let inner: Measured | undefined;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const field =
          parentType && (isObjectType(parentType) || isInterfaceType(parentType)) ? parentType.getFields()[selection.name.value] : undefined;
        const fieldType = field && getNullableType(field.type);
        const isConnection = !!fieldType && getNamedType(fieldType).name.endsWith('Connection');
        const children = selection.selectionSet
          ? walk(
              selection.selectionSet,
              field && getNamedType(field.type),
              depth + 1,
              isConnection ? listSizeOf(selection.arguments ?? [], variables, MAX_PAGE_SIZE) : undefined,
            )
          : { depth: depth + 1, aliases: 0, cost: 0 };
        // Objects count, scalars do not: a list multiplies the objects it holds by its size.
        const multiplier = fieldType && isListType(fieldType) ? (pageSize ?? listSizeOf(selection.arguments ?? [], variables, ASSUMED_LIST_SIZE)) : 1;
        inner = {
          depth: children.depth,
          aliases: children.aliases + (selection.alias ? 1 : 0),
          cost: selection.selectionSet ? multiplier * (1 + children.cost) : 0,
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = walk(selection.selectionSet, typeNamed(selection.typeCondition?.name.value, parentType), depth, pageSize);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || visiting.has(name)) continue; // validation reports unknown or cyclic fragments
        visiting.add(name);
        inner = walk(fragment.selectionSet, typeNamed(fragment.typeCondition.name.value, parentType), depth, pageSize);
        visiting.delete(name);
      }
      total.depth = Math.max(total.depth, inner.depth);
      total.aliases += inner.aliases;
      total.cost += inner.cost;
    }
    return total;
  };
  return walk(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, 0);
}

function listSizeOf(args: readonly { name: { value: string }; value: ValueNode }[], variables: Record<string, unknown>, fallback: number): number {
  const first = args.find((arg) => arg.name.value === 'first')?.value;
  if (first?.kind === Kind.INT) return Number(first.value);
  if (first?.kind === Kind.VARIABLE && typeof variables[first.name.value] === 'number') return variables[first.name.value] as number;
  return fallback;
}

const limitError = (code: string, message: string) =>
  new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

/** Rejects operations beyond the limits with a code that says which, before execution. */
export const operationLimitsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, document, request, schema }) {
        if (!operation) return; // Apollo reports a missing or ambiguous operation itself
        const fragments = Object.fromEntries(
          document.definitions
            .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
            .map((fragment) => [fragment.name.value, fragment]),
        );
        const measured = measureOperation(schema, operation, fragments, request.variables);
        if (measured.depth > LIMITS.maxDepth) {
          throw limitError('QUERY_TOO_DEEP', `query depth ${measured.depth} exceeds the limit of ${LIMITS.maxDepth}`);
        }
        if (measured.aliases > LIMITS.maxAliases) {
          throw limitError('TOO_MANY_ALIASES', `${measured.aliases} aliases exceed the limit of ${LIMITS.maxAliases}`);
        }
        if (measured.cost > LIMITS.maxCost) {
          throw limitError(
            'QUERY_TOO_COSTLY',
            `query may return about ${measured.cost} objects, above the limit of ${LIMITS.maxCost}: ask for smaller pages (first) or fewer nested lists`,
          );
        }
      },
    };
  },
};
