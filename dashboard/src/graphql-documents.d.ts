/** `.graphql` files are compiled by the graphqlDocuments Vite plugin (see ../graphql-documents.ts). */
declare module '*.graphql' {
  const document: import('./api/persisted').GraphQLDocument;
  export default document;
}
