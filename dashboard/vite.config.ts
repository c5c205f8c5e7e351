import { resolve } from 'node:path';
import { defineConfig } from 'vite';

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
  worker: { format: 'es' },
});
