import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { MANIFEST_FILE, MANIFEST_SOURCE } from './codegen/persisted-documents';

/** The persisted documents codegen wrote (sha256 → text), into dist/ beside the pages the gateway serves. */
const persistedQueriesManifest: Plugin = {
  name: 'persisted-queries-manifest',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: MANIFEST_FILE, source: readFileSync(resolve(import.meta.dirname, MANIFEST_SOURCE)) });
  },
};

/** The pages the gateway serves: the dashboard at /, GraphiQL at /graphql, the widget iframe at /embed/…. */
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco, GraphiQL's editor, is one chunk of about 2.8 MB that only the /graphql page loads.
    chunkSizeWarningLimit: 3000,
    rollupOptions: {
      // GraphiQL's React dependencies carry "use client" markers for server components; a
      // client-only bundle has nothing to preserve, so the warning for each is noise.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: {
        dashboard: resolve(import.meta.dirname, 'index.html'),
        graphiql: resolve(import.meta.dirname, 'graphiql.html'),
        embed: resolve(import.meta.dirname, 'embed.html'),
      },
    },
  },
  plugins: [persistedQueriesManifest],
  worker: { format: 'es' },
});
