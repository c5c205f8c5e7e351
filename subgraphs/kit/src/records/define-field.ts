import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, Root } from 'type-graphql';
import type { ClassType } from '../class-type';
import type { FilterSpec } from './declare';

/** A GraphQL argument of a generated field. */
export interface ArgumentSpec {
  name: string;
  type: () => unknown;
  nullable?: boolean;
  description?: string;
  deprecationReason?: string;
}

export const FILTER_TYPES: Record<FilterSpec['type'], () => unknown> = { int: () => Int, id: () => ID, text: () => String };

export const float = () => Float;

type Resolve = (root: never, context: never, ...args: never[]) => unknown;

/**
 * Adds a field with arguments to a class: a `@FieldResolver` (root, context, then the arguments in
 * order) on a resolver class, or a `@Field` on an interface class, as type-graphql would from
 * hand-written decorators. The kit generates the fields that every record type and city share this way.
 */
export function defineField(
  target: ClassType,
  kind: 'resolver' | 'interface',
  name: string,
  returns: () => unknown,
  options: { nullable?: boolean; description?: string; deprecationReason?: string; args?: ArgumentSpec[] },
  resolve: Resolve = () => null,
): void {
  const prototype = target.prototype as object;
  const method = `${kind === 'resolver' ? 'resolve' : 'field'}_${name}`;
  Object.defineProperty(prototype, method, { value: resolve, writable: true, configurable: true });
  const offset = kind === 'resolver' ? 2 : 1;
  if (kind === 'resolver') {
    Root()(prototype, method, 0);
    Ctx()(prototype, method, 1);
  } else {
    Ctx()(prototype, method, 0);
  }
  (options.args ?? []).forEach((arg, index) =>
    Arg(arg.name, arg.type as () => StringConstructor, {
      nullable: arg.nullable ?? true,
      description: arg.description,
      deprecationReason: arg.deprecationReason,
    })(prototype, method, offset + index),
  );
  const fieldOptions = { name, nullable: options.nullable, description: options.description, deprecationReason: options.deprecationReason };
  const descriptor = Object.getOwnPropertyDescriptor(prototype, method) as PropertyDescriptor;
  if (kind === 'resolver') FieldResolver(returns as () => StringConstructor, fieldOptions)(prototype, method, descriptor);
  else Field(returns as () => StringConstructor, fieldOptions)(prototype, method, descriptor);
}
