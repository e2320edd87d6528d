/**
 * Entry of the engine utility process (built to out/main/engine.js). Electron main forks it with
 * `--workspace FILE`; DuckDB and every handler run here, so a long query never freezes the window
 * and a native crash takes down only this process.
 */
import { createEngine } from './engine';
import { serveEngineOverPort } from './engine-port';
import type { ParentPortLike } from './engine-protocol';
import { resolveWorkspacePath, workspaceFromArgv } from './app-data';

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) {
  process.stderr.write('The Vigil engine process runs only inside Electron (utilityProcess.fork).\n');
  process.exit(1);
}

const workspacePath = resolveWorkspacePath(workspaceFromArgv(process.argv));
serveEngineOverPort(parentPort, () => createEngine({ workspacePath }), (code) => process.exit(code));
