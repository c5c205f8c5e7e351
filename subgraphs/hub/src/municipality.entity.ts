import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, InterfaceType } from 'type-graphql';

/** The registry entry of a municipality; each city's entity type implements this interface. */
@Entity('municipality')
@InterfaceType('Municipality', {
  autoRegisterImplementations: false,
  resolveType: (municipality: Municipality) => municipality.typeName,
  description: 'A municipality whose collaboration plans Kyōdō Hub serves; its records come from its city subgraph.',
})
export abstract class Municipality {
  @PrimaryColumn('text')
  @Field(() => ID, { description: 'Six-digit local government code (five digits and a check digit).' })
  code: string;

  /**
   * The code under the name client caches normalise by (Apollo Client, urql's graphcache key
   * objects by `id`): without it, a second list of municipalities replaced the first in their caches.
   */
  @Field(() => ID, {
    description:
      'Stable global id, equal to `code`: a local government code never changes and names one municipality. For client caches that key objects by id.',
  })
  get id(): string {
    return this.code;
  }

  @Column('int')
  position: number;

  @Column('text')
  @Field({ description: 'Japanese name, e.g. 安曇野市.' })
  name: string;

  @Column('text', { name: 'name_en' })
  @Field({ description: 'English name, e.g. Azumino.' })
  nameEn: string;

  @Column('text')
  @Field({ description: 'Japanese name of the prefecture, e.g. 長野県.' })
  prefecture: string;

  @Column('text', { name: 'prefecture_en' })
  @Field({ description: 'English name of the prefecture, e.g. Nagano.' })
  prefectureEn: string;

  @Column('text', { name: 'type_name' })
  typeName: string;

  @Column('text')
  subgraph: string;
}
