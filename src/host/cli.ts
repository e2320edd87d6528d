/**
 * `vigil`: the command-line host. The same handlers as the desktop app, in this process.
 * Run through bin/vigil.mjs (installed as `vigil`) or `npm run vigil -- <command> ...`.
 */
import { invocationCwd } from './app-data';
import { runCli } from './cli/run';

let interrupts = 0;
const listeners = new Set<() => void>();
const onSignal = () => {
  interrupts++;
  // The first Ctrl-C cancels the job and lets the workspace roll back; the second is an order.
  if (interrupts > 1) process.exit(130);
  for (const l of listeners) l();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: invocationCwd('vigil'),
  onInterrupt(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
});
process.exitCode = code;
