import { ApolloServerErrorCode } from '@apollo/server/errors';
import { type DocumentNode, GraphQLError, Kind, type OperationDefinitionNode, OperationTypeNode, type ValidationRule } from 'graphql';
import { clientError } from './client-error';

/**
 * Refuses an operation whose root type the schema does not define (a mutation or subscription on
 * a read-only schema) as a validation error (HTTP 400), where graphql-js 16 would only fail at
 * execution (HTTP 500). Decided from the schema, so adding a Mutation type needs no change here.
 * graphql-js 17 ships the same rule as KnownOperationTypesRule.
 */
export const knownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    if (schema.getRootType(node.operation)) return;
    const supported = Object.values(OperationTypeNode).filter((type) => schema.getRootType(type));
    context.reportError(
      new GraphQLError(`This API has no ${node.operation} type, so it cannot run a ${node.operation}; it accepts: ${supported.join(', ')}.`, {
        nodes: node,
      }),
    );
  },
});

/**
 * Why no operation could be chosen from a valid document: an operationName it does not define, or
 * several operations and no operationName. Apollo's own code for this, with HTTP 400.
 */
export function unresolvedOperationError(document: DocumentNode, operationName: string | undefined): GraphQLError {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const names = operations.map((operation) => (operation.name ? `"${operation.name.value}"` : 'one without a name'));
  const defined = names.length ? `the document defines ${names.join(', ')}` : 'the document defines no operation';
  return clientError(
    ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
    operationName
      ? `Unknown operation named "${operationName}": ${defined}.`
      : `The document defines ${operations.length} operations (${names.join(', ')}): say which one to run in operationName.`,
  );
}
