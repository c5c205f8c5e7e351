import { Column, Entity } from 'typeorm';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Practice } from './practice.interface';

@Entity('principle')
@ObjectType({ implements: Practice, description: 'A principle, rule or key idea of collaboration (協働の原則).' })
@Directive('@shareable')
export class Principle extends Practice {
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Numbering as printed.' })
  number: string | null;

  @Column('text')
  @Field()
  title: string;

  @Column('text')
  @Field({ description: "The document's own heading for the group of principles." })
  category: string;

  @Column('text')
  @Field()
  description: string;
}
