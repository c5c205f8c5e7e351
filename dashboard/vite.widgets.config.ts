import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** widgets.js: one classic script that partner pages include; it defines the custom elements. */
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    lib: {
      entry: resolve(import.meta.dirname, 'src/widgets/define.ts'),
      formats: ['iife'],
      name: 'KyodoWidgets',
      fileName: () => 'widgets.js',
    },
  },
});
