import { Column, Entity } from 'typeorm';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Practice } from './practice.interface';

@Entity('collaboration_form')
@ObjectType({ implements: Practice, description: 'A form of collaboration (協働の形態) such as 補助, 後援 or 共催.' })
@Directive('@shareable')
export class CollaborationForm extends Practice {
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'Numbering as printed.' })
  number: string | null;

  @Column('text')
  @Field()
  title: string;

  @Column('text', { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "The city's grouping as written: who leads (Azumino), the domain letter (Ueda), …",
  })
  category: string | null;

  @Column('text', { name: 'category_note', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the grouping means.' })
  categoryNote: string | null;

  @Column('text')
  @Field({ description: '概要: what the form is.' })
  overview: string;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: '効果: what the form achieves.' })
  effects: string | null;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: '留意点: what to watch out for.' })
  cautions: string | null;

  @Column('text', { array: true })
  @Field(() => [String])
  examples: string[];
}
