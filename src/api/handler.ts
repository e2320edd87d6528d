import type { JobContext } from './jobs';

/** Every operation: plain-data arguments in, plain-data result out, with a job context for progress/cancel. */
export type Handler<A, R> = (args: A, ctx: JobContext) => Promise<R>;
