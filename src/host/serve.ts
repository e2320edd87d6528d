/**
 * `npm run serve`: the browser host. Builds happen before (see package.json); this starts the
 * server on 127.0.0.1 and prints the one address that carries the access token.
 *
 *   npm run serve -- [--workspace FILE] [--port N]
 *
 * --port defaults to 0: the OS picks a free port, so a second Vigil never collides with the first
 * (the token changes every launch anyway, so a fixed address would buy nothing).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { invocationCwd, resolveWorkspacePath } from './app-data';
import { DEFAULT_RENDERER_DIR, startServer } from './server';

function fail(message: string): never {
  process.stderr.write(`vigil serve: ${message}\n`);
  process.exit(2);
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`--port must be a whole number from 0 to 65535, not "${text}".`);
  return n;
}

async function main(): Promise<void> {
  let values: { workspace?: string; port?: string };
  try {
    ({ values } = parseArgs({
      options: { workspace: { type: 'string' }, port: { type: 'string' } },
      allowPositionals: false,
    }));
  } catch (e) {
    fail(`${(e as Error).message}. Usage: npm run serve -- [--workspace FILE] [--port N]`);
  }
  const workspacePath = resolveWorkspacePath(values.workspace, invocationCwd('serve'));
  const port = parsePort(values.port);
  if (!existsSync(join(DEFAULT_RENDERER_DIR, 'index.html'))) {
    process.stderr.write('Warning: the renderer is not built (run npm run build); the page will say so.\n');
  }
  const server = await startServer({ workspacePath, port }).catch((e: unknown) => fail((e as Error).message));
  process.stdout.write(`Vigil is running at ${server.url}\nWorkspace: ${workspacePath}\nPress Ctrl-C to stop.\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: closing the workspace...\n`);
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`Could not close cleanly: ${(e as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
