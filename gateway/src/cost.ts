import {
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  type GraphQLField,
  GraphQLInt,
  type GraphQLNamedType,
  type GraphQLSchema,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  SchemaMetaFieldDef,
  type SelectionSetNode,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  valueFromAST,
} from 'graphql';

/** Lists without a page size are assumed to hold this many objects. */
export const ASSUMED_LIST_SIZE = 10;
/** The largest page a list argument may ask for, and a connection's page when none is asked. */
export const MAX_PAGE_SIZE = 100;
/** The Int arguments that set a page size. */
export const PAGE_SIZE_ARGUMENTS: readonly string[] = ['first', 'last'];
/**
 * A bound on the estimator's own work, in selections visited: far above what any document within
 * the token limit needs (the full cross-city query takes under 100), a backstop should that change.
 */
export const MAX_VISITS = 50_000;

export interface CostEstimate {
  /** Upper bound of the objects the operation may return. */
  cost: number;
  /** Selections looked at to compute it: the estimator's own work. */
  visits: number;
  /** Whether the work ran out (after maxVisits selections); the cost is then Infinity. */
  exhausted: boolean;
}

/** Thrown inside the walk when the work runs out, caught at its top. */
/** Thrown (one instance, compared by identity) to stop the walk once the work budget is spent. */
const EXHAUSTED = new Error('the work budget of the cost estimate is spent');

/**
 * Estimates how many objects an operation may return: a list multiplies the objects it holds by its
 * page size (`first`), or by ASSUMED_LIST_SIZE without one; a connection's edges and nodes by the
 * connection's page size. Scalars cost nothing. Introspection fields count like any other.
 *
 * Each fragment is measured once per page size it is spread under and the result reused, so the
 * work is linear in the document even when fragments spread each other many times. A page size
 * outside 0–MAX_PAGE_SIZE counts as MAX_PAGE_SIZE: no value can make the estimate smaller.
 * `variables` are the request's, already coerced. The walk stops after `maxVisits` selections.
 */
export function estimateCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  maxVisits = MAX_VISITS,
): CostEstimate {
  // A fragment's fields are resolved on its own type condition, so its cost depends only on the
  // page size of the connection it is spread into.
  const measured = new Map<string, number>();
  const measuring = new Set<string>();
  let visits = 0;

  const pageSizeOf = (field: FieldNode, fallback: number): number => {
    const argument = field.arguments?.find((candidate) => PAGE_SIZE_ARGUMENTS.includes(candidate.name.value));
    if (!argument) return fallback;
    const size: unknown = valueFromAST(argument.value, GraphQLInt, variables);
    // Absent (null, or a variable not given) takes the default; anything unreadable, the maximum.
    if (size === null || (size === undefined && argument.value.kind === Kind.VARIABLE)) return fallback;
    return typeof size === 'number' && Number.isInteger(size) && size >= 0 && size <= MAX_PAGE_SIZE ? size : MAX_PAGE_SIZE;
  };

  /** `pageSize` is set while measuring the selections of a connection (its edges and nodes). */
  const measure = (selectionSet: SelectionSetNode, parentType: GraphQLNamedType | undefined, pageSize: number | undefined): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      visits += 1;
      if (visits > maxVisits) throw EXHAUSTED;
      if (selection.kind === Kind.FIELD) {
        if (!selection.selectionSet) continue; // scalars cost nothing
        const definition = fieldDefinition(schema, parentType, selection.name.value);
        const type = definition && getNullableType(definition.type);
        const namedType = definition && getNamedType(definition.type);
        const isConnection = !!namedType && namedType.name.endsWith('Connection');
        const children = measure(selection.selectionSet, namedType, isConnection ? pageSizeOf(selection, MAX_PAGE_SIZE) : undefined);
        const size = type && isListType(type) ? (pageSize ?? pageSizeOf(selection, ASSUMED_LIST_SIZE)) : 1;
        cost += size * (1 + children);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition && schema.getType(selection.typeCondition.name.value);
        cost += measure(selection.selectionSet, condition ?? parentType, pageSize);
      } else {
        cost += measureFragment(selection.name.value, pageSize);
      }
    }
    return cost;
  };

  const measureFragment = (name: string, pageSize: number | undefined): number => {
    const key = `${name} ${pageSize ?? ''}`;
    const known = measured.get(key);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    // Unknown and cyclic fragments are refused by validation before this runs.
    if (!fragment || measuring.has(key)) return 0;
    measuring.add(key);
    const cost = measure(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), pageSize);
    measuring.delete(key);
    measured.set(key, cost);
    return cost;
  };

  try {
    const cost = measure(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, undefined);
    return { cost, visits, exhausted: false };
  } catch (error) {
    if (error !== EXHAUSTED) throw error;
    return { cost: Infinity, visits, exhausted: true };
  }
}

/** A field's definition, introspection's meta fields included (as graphql-js resolves them). */
function fieldDefinition(schema: GraphQLSchema, parentType: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parentType && parentType === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return parentType && (isObjectType(parentType) || isInterfaceType(parentType)) ? parentType.getFields()[name] : undefined;
}
