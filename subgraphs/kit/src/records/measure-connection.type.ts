import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { encodeCursor } from './cursor';
import { Measure } from './measure.entity';
import type { MeasurePage } from './record.store';

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

@ObjectType()
@Directive('@shareable')
export class MeasureEdge {
  @Field()
  cursor: string;

  @Field(() => Measure)
  node: Measure;
}

@ObjectType({ description: 'A page of measures (Relay connection).' })
@Directive('@shareable')
export class MeasureConnection {
  @Field(() => [MeasureEdge])
  edges: MeasureEdge[];

  @Field(() => [Measure], { description: 'The measures of this page, without cursors.' })
  nodes: Measure[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  /** Counted only when asked for: a page that does not show the total costs no count statement. */
  private countAll: () => Promise<number>;

  @Field(() => Int, { description: 'How many measures match the filters, over all pages.' })
  totalCount(): Promise<number> {
    return this.countAll();
  }

  static of(page: MeasurePage, isAfterCursor: boolean): MeasureConnection {
    const connection = new MeasureConnection();
    connection.edges = page.measures.map((node) => ({ cursor: encodeCursor(node.position), node }));
    connection.nodes = page.measures;
    connection.pageInfo = {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: isAfterCursor,
      startCursor: connection.edges[0]?.cursor ?? null,
      endCursor: connection.edges.at(-1)?.cursor ?? null,
    };
    connection.countAll = page.totalCount;
    return connection;
  }
}
