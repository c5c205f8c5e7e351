/**
 * A class, as type-graphql and TypeORM take it: decorators and metadata are keyed by the constructor,
 * which the kit never calls itself (hence `never[]`), and abstract classes such as interfaces count.
 */
export type ClassType = abstract new (...args: never[]) => object;
