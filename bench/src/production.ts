/**
 * Measures what `npm start` deploys: production mode, in which graphql-js skips its development-time
 * type checks. Imported first by the benchmark, before any module reads NODE_ENV; the subgraphs and
 * the Hive Gateway processes inherit it, so every implementation runs in the same mode.
 */
process.env.NODE_ENV ||= 'production';
