import {
  type ASTNode,
  BREAK,
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  getVariableValues,
  GraphQLError,
  GraphQLInt,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { clientError } from './client-error';
import { MAX_PAGE_SIZE, PAGE_SIZE_ARGUMENTS } from './cost';

/**
 * C0 controls but tab, line feed and carriage return; DEL; and UTF-16 surrogates without their
 * pair, which no UTF-8 text (nor PostgreSQL) can hold.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type CheckedInput = { error: GraphQLError } | { variables: Record<string, unknown> };

const badInput = (message: string) => clientError('BAD_USER_INPUT', message);

/**
 * Checks what a request passes to its operation before anything runs: no string, in a literal
 * argument or in a variable at any depth, holds a control character or a lone surrogate; variables
 * have the types they are declared with; page sizes (Int arguments named first or last) are within
 * 0–MAX_PAGE_SIZE, literal or variable. Returns the first problem, or the coerced variables.
 */
export function checkInput(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  rawVariables: Record<string, unknown>,
): CheckedInput {
  const inVariables = forbiddenInVariables(rawVariables);
  if (inVariables) return { error: badInput(inVariables) };
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables, { maxErrors: 1 });
  if (coerced.errors) return { error: badInput(coerced.errors[0]!.message) };
  const inDocument = problemInArguments(schema, operation, fragments, coerced.coerced);
  return inDocument ? { error: badInput(inDocument) } : { variables: coerced.coerced };
}

function describeForbidden(text: string): string | undefined {
  const match = FORBIDDEN_CHARACTER.exec(text);
  if (!match) return undefined;
  const unit = match[0].charCodeAt(0);
  const what = unit >= 0xd800 && unit <= 0xdfff ? 'a lone surrogate' : 'a control character';
  return `${what} (U+${unit.toString(16).toUpperCase().padStart(4, '0')}) at position ${match.index}`;
}

/** Walks every variable value without recursion: a deeply nested JSON value cannot exhaust the stack. */
function forbiddenInVariables(variables: Record<string, unknown>): string | undefined {
  const pending = Object.entries(variables).map(([name, value]) => ({ value, name: `$${name}`, path: `$${name}` }));
  while (pending.length) {
    const { value, name, path } = pending.pop()!;
    if (typeof value === 'string') {
      const found = describeForbidden(value);
      if (found) return `variable ${name} contains ${found}${path === name ? '' : ` (at ${path})`}: remove it`;
    } else if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => pending.push({ value: item, name, path: `${path}[${index}]` }));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) pending.push({ value: item, name, path: `${path}.${key}` });
    }
  }
  return undefined;
}

/** Literal strings (arguments and variable defaults) and page sizes, in the operation and the fragments it uses. */
function problemInArguments(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  variables: Record<string, unknown>,
): string | undefined {
  const typeInfo = new TypeInfo(schema);
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
  let problem: string | undefined;
  /** Where a literal string sits, in words: `argument "text" of search`, `the default of $text`. */
  const ownerOf = (lineage: readonly (ASTNode | readonly ASTNode[] | undefined)[]): string => {
    for (let index = lineage.length - 1; index >= 0; index -= 1) {
      const ancestor = lineage[index];
      if (!ancestor) continue;
      if ('kind' in ancestor && ancestor.kind === Kind.ARGUMENT) {
        const owner = typeInfo.getDirective() ? `@${typeInfo.getDirective()!.name}` : typeInfo.getFieldDef()?.name;
        return `argument "${ancestor.name.value}"${owner ? ` of ${owner}` : ''}`;
      }
      if ('kind' in ancestor && ancestor.kind === Kind.VARIABLE_DEFINITION) return `the default value of $${ancestor.variable.name.value}`;
    }
    return 'a literal string';
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      StringValue(node, _key, parent, _path, ancestors) {
        const found = describeForbidden(node.value);
        if (!found) return undefined;
        problem = `${ownerOf([...ancestors, parent])} contains ${found}: remove it`;
        return BREAK;
      },
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (!argument || !PAGE_SIZE_ARGUMENTS.includes(argument.name) || getNamedType(argument.type) !== GraphQLInt) return undefined;
        const size: unknown = valueFromAST(node.value, GraphQLInt, variables);
        if (typeof size !== 'number' || (size >= 0 && size <= MAX_PAGE_SIZE)) return undefined;
        const source = node.value.kind === Kind.VARIABLE ? ` (from $${node.value.name.value})` : '';
        const field = typeInfo.getFieldDef()?.name;
        problem = `${argument.name}${field ? ` of ${field}` : ''} must be between 0 and ${MAX_PAGE_SIZE}, got ${size}${source}`;
        return BREAK;
      },
    }),
  );
  return problem;
}
