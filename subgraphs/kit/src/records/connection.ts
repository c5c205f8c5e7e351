import { Directive, Field, Int, ObjectType } from 'type-graphql';
import type { ClassType } from '../class-type';

@ObjectType({ description: 'Relay page information.' })
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  /** Counted only when asked for: a getter, read only when the field is selected. */
  readonly totalCount: Promise<number>;
}

export function connectionOf<T>(
  nodes: T[],
  cursorOf: (node: T) => string,
  hasNextPage: boolean,
  isAfterCursor: boolean,
  totalCount: () => Promise<number>,
): Connection<T> {
  // Cursors are made only when a client asks for edges or cursors: most ask for nodes alone.
  let edges: { cursor: string; node: T }[] | undefined;
  const edgesOf = () => (edges ??= nodes.map((node) => ({ cursor: cursorOf(node), node })));
  return {
    get edges() {
      return edgesOf();
    },
    nodes,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: isAfterCursor,
      get startCursor() {
        return edgesOf()[0]?.cursor ?? null;
      },
      get endCursor() {
        return edgesOf().at(-1)?.cursor ?? null;
      },
    },
    get totalCount() {
      return totalCount();
    },
  };
}

const connectionTypes = new Map<string, ClassType>();

/** `<Name>Connection` and `<Name>Edge` for a node type, made once per name. */
export function connectionTypeOf(name: string, node: () => unknown, description: string): ClassType {
  const existing = connectionTypes.get(name);
  if (existing) return existing;

  @ObjectType(`${name}Edge`)
  @Directive('@shareable')
  class Edge {
    @Field()
    cursor: string;

    @Field(node as () => StringConstructor)
    node: unknown;
  }

  @ObjectType(`${name}Connection`, { description })
  @Directive('@shareable')
  class ConnectionType {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => [(node as () => StringConstructor)()], { description: 'The nodes of this page, without cursors.' })
    nodes: unknown[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many match the filters, over all pages.' })
    totalCount: number;
  }
  connectionTypes.set(name, ConnectionType);
  return ConnectionType;
}
