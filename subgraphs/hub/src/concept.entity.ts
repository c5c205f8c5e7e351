import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

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
  @Field(() => String, { nullable: true, description: 'One-sentence definition, in Japanese.' })
  definition: string | null;

  @Column('text', { name: 'definition_en', nullable: true })
  @Field(() => String, { nullable: true, description: 'One-sentence definition, in English.' })
  definitionEn: string | null;

  /** The broader concept's id (skos:broader). */
  @Column('text', { nullable: true })
  broader: string | null;

  @Field(() => String, { nullable: true, deprecationReason: 'Read definitionEn (or definition, in Japanese).' })
  get description(): string | null {
    return this.definitionEn;
  }
}
