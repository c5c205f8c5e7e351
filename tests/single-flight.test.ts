import { operationTypeOf, SingleFlight } from '@kyodo/gateway/single-flight';
import { OperationTypeNode } from 'graphql';

/** Work that counts its runs and finishes only when released. */
function heldWork() {
  let runs = 0;
  const releases: (() => void)[] = [];
  return {
    runs: () => runs,
    work: () =>
      new Promise<number>((resolve) => {
        const run = ++runs;
        releases.push(() => resolve(run));
      }),
    release: () => releases.splice(0).forEach((release) => release()),
  };
}

const { QUERY, MUTATION } = OperationTypeNode;

describe('single flight', () => {
  it('runs identical queries in flight once and gives every caller the answer', async () => {
    const flight = new SingleFlight<number>();
    const held = heldWork();
    const answers = [1, 2, 3].map(() => flight.run(QUERY, 'same', held.work));
    held.release();
    expect(await Promise.all(answers)).toEqual([1, 1, 1]);
    expect(held.runs()).toBe(1);
  });

  it('runs different queries separately', async () => {
    const flight = new SingleFlight<number>();
    const held = heldWork();
    const answers = [flight.run(QUERY, 'a', held.work), flight.run(QUERY, 'b', held.work)];
    held.release();
    expect(await Promise.all(answers)).toEqual([1, 2]);
  });

  it('never merges two identical mutations: both writes happen', async () => {
    const flight = new SingleFlight<number>();
    const held = heldWork();
    const answers = [flight.run(MUTATION, 'same', held.work), flight.run(MUTATION, 'same', held.work)];
    held.release();
    expect(await Promise.all(answers)).toEqual([1, 2]);
  });

  it('shares nothing whose operation is unknown', async () => {
    const flight = new SingleFlight<number>();
    const held = heldWork();
    const answers = [flight.run(undefined, 'same', held.work), flight.run(undefined, 'same', held.work)];
    held.release();
    expect(await Promise.all(answers)).toEqual([1, 2]);
  });

  it('keeps nothing once answered or failed: the same query later runs again', async () => {
    const flight = new SingleFlight<number>();
    await expect(flight.run(QUERY, 'same', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    const held = heldWork();
    const later = flight.run(QUERY, 'same', held.work);
    held.release();
    expect(await later).toBe(1);
    expect(flight.size).toBe(0);
  });
});

describe('the operation a document runs', () => {
  it('is its only operation, named or not', () => {
    expect(operationTypeOf('{ municipalities { code } }')).toBe(QUERY);
    expect(operationTypeOf('mutation Edit { azumino { id } }')).toBe(MUTATION);
  });

  it('is the one the operation name selects', () => {
    const document = 'query Read { a } mutation Write { b }';
    expect(operationTypeOf(document, 'Read')).toBe(QUERY);
    expect(operationTypeOf(document, 'Write')).toBe(MUTATION);
  });

  it('cannot be told for several operations without a name, an unknown name or a document that does not parse', () => {
    expect(operationTypeOf('query A { a } query B { b }')).toBeUndefined();
    expect(operationTypeOf('{ a }', 'Missing')).toBeUndefined();
    expect(operationTypeOf('{ a ')).toBeUndefined();
  });
});
