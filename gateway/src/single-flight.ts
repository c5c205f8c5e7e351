import { Kind, OperationTypeNode, parse } from 'graphql';

/**
 * Identical reads that arrive while one is being answered share that one answer: a popular query
 * under a burst of visitors costs the gateway and the subgraphs once. Nothing is kept after the
 * answer, so no one is served stale data. Only queries are ever shared: two identical mutations
 * are two writes and must both happen, so anything that is not known to be a query runs alone.
 * Used by both sharing layers, the client's requests and the gateway's subgraph fetches.
 */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  /** Runs `work`, or joins the identical query already running under `key`. */
  run(operation: OperationTypeNode | undefined, key: string, work: () => Promise<T>): Promise<T> {
    if (operation !== OperationTypeNode.QUERY) return work();
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = work();
    this.inFlight.set(key, started);
    const forget = () => this.inFlight.delete(key);
    started.then(forget, forget);
    return started;
  }

  /** Executions running now (for tests and diagnostics). */
  get size(): number {
    return this.inFlight.size;
  }
}

/** Parsed operation types by document text: the same few documents arrive again and again. */
const operationTypes = new Map<string, Map<string | null, OperationTypeNode | undefined>>();
const MAX_DOCUMENTS = 1000;
/**
 * Parsing stops here, so that no document costs more than a bounded parse. Above the clients' limit
 * (1,000): the subgraph operations the query planner writes are longer than the queries they serve.
 */
const MAX_TOKENS = 20_000;

/**
 * The type of the operation a request runs (`query`, `mutation`, `subscription`), or undefined when
 * it cannot be told (a document that does not parse, an operation name it does not have, several
 * operations and no name): such requests are never shared, and Apollo answers their mistake.
 */
export function operationTypeOf(document: string, operationName?: string | null): OperationTypeNode | undefined {
  let byName = operationTypes.get(document);
  if (!byName) {
    byName = operationsOf(document);
    // Oldest first out: a Map iterates in insertion order.
    if (operationTypes.size >= MAX_DOCUMENTS) operationTypes.delete(operationTypes.keys().next().value!);
    operationTypes.set(document, byName);
  }
  return byName.get(operationName ?? null);
}

function operationsOf(document: string): Map<string | null, OperationTypeNode | undefined> {
  const byName = new Map<string | null, OperationTypeNode | undefined>();
  try {
    const operations = parse(document, { noLocation: true, maxTokens: MAX_TOKENS }).definitions.filter(
      (definition) => definition.kind === Kind.OPERATION_DEFINITION,
    );
    for (const operation of operations) if (operation.name) byName.set(operation.name.value, operation.operation);
    // Without an operation name, a document runs its only operation.
    if (operations.length === 1) byName.set(null, operations[0]!.operation);
  } catch {
    // Not a document: nothing is shared, and Apollo reports the syntax error.
  }
  return byName;
}
