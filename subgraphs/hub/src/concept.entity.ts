import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Ctx, Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { HubContext } from './hub-context';
import { Municipality } from './municipality.entity';

export enum Dimension {
  PRINCIPLE = 'principle',
  FORM = 'form',
  ORGANIZATION = 'organization',
  MEASURE = 'measure',
}

registerEnumType(Dimension, { name: 'Dimension', description: 'The four things every plan states.' });

@Entity('concept')
@ObjectType({ description: 'A shared concept of the bilingual taxonomy onto which every city’s wording is mapped.' })
@Directive('@key(fields: "id")')
export class Concept {
  @PrimaryColumn('text')
  @Field(() => ID)
  id: string;

  @Column('int')
  position: number;

  @Column('text')
  @Field(() => Dimension)
  dimension: Dimension;

  @Column('text')
  @Field({ description: 'Japanese label.' })
  label: string;

  @Column('text', { name: 'label_en' })
  @Field({ description: 'English label.' })
  labelEn: string;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'One-line definition, in English.' })
  description: string | null;

  @Field(() => [Municipality], {
    description: 'Every municipality, so that one request can ask each how it expresses this concept.',
  })
  municipalities(@Ctx() { registry }: HubContext): Promise<Municipality[]> {
    return registry.municipalities();
  }
}
