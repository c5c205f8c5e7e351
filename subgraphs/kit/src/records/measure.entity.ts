import { Column, Entity } from 'typeorm';
import { Ctx, Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { CityContext } from './city-context';
import { Practice } from './practice.interface';

export enum MeasureStatus {
  EXISTING = 'existing',
  PLANNED = 'planned',
  UNDER_STUDY = 'under-study',
}

registerEnumType(MeasureStatus, {
  name: 'MeasureStatus',
  description: 'Whether the plan calls a measure existing, planned or under study.',
});

@Entity('measure')
@ObjectType({ implements: Practice, description: 'A measure (施策) at any level of a plan’s hierarchy.' })
@Directive('@shareable')
export class Measure extends Practice {
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Numbering as printed.' })
  number: string | null;

  @Column('text')
  @Field()
  title: string;

  @Column('int')
  @Field(() => Int, { description: '1 is the top of the hierarchy.' })
  level: number;

  @Column('text', { name: 'level_name' })
  @Field({ description: "The document's word for the level: 基本方針, 基本施策, 主な取組, …" })
  levelName: string;

  @Column('text', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @Column('text', { array: true })
  @Field(() => [String], { description: 'Responsible departments, as written.' })
  departments: string[];

  @Column('text', { nullable: true })
  @Field(() => MeasureStatus, { nullable: true })
  status: MeasureStatus | null;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => Measure, { nullable: true })
  parent(@Ctx() { loaders }: CityContext): Promise<Measure | null> | null {
    return this.parentId ? loaders.measure.load(this.parentId) : null;
  }

  @Field(() => [Measure])
  children(@Ctx() { loaders }: CityContext): Promise<Measure[]> {
    return loaders.childrenOfMeasure.load(this.id);
  }
}
