#!/usr/bin/env node
// The `vigil` command: runs the TypeScript CLI through tsx, from any working directory
// (everything resolves from this file's location, never from the cwd).
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/host/cli.ts');
