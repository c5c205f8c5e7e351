import { Resolver } from 'type-graphql';
import type { ClassType } from '../class-type';
import type { RecordsContext } from '../records/city-context';
import { defineField } from '../records/define-field';
import { cityFields } from './city-fields';

/** The resolvers of a city's municipality type: one per generated city field (city-fields.ts). */
export function cityResolverOf(cityType: ClassType): ClassType {
  @Resolver(() => cityType)
  class CityResolver {}

  for (const field of cityFields()) {
    defineField(
      CityResolver,
      'resolver',
      field.name,
      field.returns,
      { nullable: true, description: field.description, deprecationReason: field.deprecationReason, args: field.args },
      (municipality: { code: string }, context: RecordsContext, ...values: unknown[]) =>
        field.resolve(context, Object.fromEntries(field.args.map((arg, index) => [arg.name, values[index]])), municipality.code),
    );
  }
  return CityResolver;
}
