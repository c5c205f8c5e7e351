import { Field, ID, InterfaceType } from 'type-graphql';
import { cityFields } from './city-fields';
import { defineField } from '../records/define-field';

/**
 * The fields a city subgraph adds to the hub's Municipality interface, generated from the record
 * declarations (one list per record type that declares one) plus search. Nullable on purpose: when
 * a city is down its fields become null with an error and the other cities' data still arrives.
 * The city's own type resolves them (city.resolver.ts).
 */
@InterfaceType('Municipality', { autoRegisterImplementations: false })
export abstract class CityMunicipality {
  @Field(() => ID, { description: 'Six-digit local government code (five digits and a check digit).' })
  code: string;
}

for (const field of cityFields()) {
  defineField(CityMunicipality, 'interface', field.name, field.returns, {
    nullable: true,
    description: field.description,
    deprecationReason: field.deprecationReason,
    args: field.args,
  });
}
