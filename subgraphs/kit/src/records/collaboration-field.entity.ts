import { Column, Entity } from 'typeorm';
import { Directive, Field, ObjectType } from 'type-graphql';
import { CitedRecord } from './cited-record';

@Entity('collaboration_field')
@ObjectType({ implements: CitedRecord, description: 'A field (分野) in which the plan expects collaboration.' })
@Directive('@shareable')
export class CollaborationField extends CitedRecord {
  @Column('text', { name: 'plan_id' })
  planId: string;

  @Column('text')
  @Field()
  title: string;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true })
  description: string | null;
}
