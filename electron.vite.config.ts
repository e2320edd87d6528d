import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Top-level main/ and renderer/ (the product card's layout), so every input is explicit.
// @duckdb/node-api is a native addon: it stays external and is loaded from node_modules at run time.
const external = ['@duckdb/node-api', '@duckdb/node-bindings', 'exceljs', 'iconv-lite'];

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'main/index.ts'),
          // The engine runs in its own utilityProcess, never in main.
          engine: resolve(__dirname, 'src/host/engine-process.ts'),
          // The forest grows trees in worker threads; the engine finds this file beside itself.
          'tree-worker': resolve(__dirname, 'models/forest/tree-worker.ts'),
        },
        external,
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(__dirname, 'main/preload.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
