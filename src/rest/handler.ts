import type { NextFunction, Request, Response } from 'express';
import { createContext, requestInfo, type AppDeps, type Context } from '../context';

type Handler = (context: Context, req: Request, res: Response) => Promise<void>;

/** Methods that change nothing: their reads may be served by a replica. */
const READ_METHODS = new Set(['GET', 'HEAD']);

/** Adapts a route to Express 5: builds the request's context (viewer, services) and forwards errors. */
export function withContext(deps: AppDeps, handler: Handler) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const context = await createContext(deps, requestInfo(req));
      if (!READ_METHODS.has(req.method)) readYourWrites(context, res);
      await handler(context, req, res);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * A write request reads only from the primary, and its answer leaves only once the position of
 * its writes is remembered: the user's next request, on any instance, then sees them.
 */
function readYourWrites({ reads }: Context, res: Response): void {
  reads.usePrimary();
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    void reads.rememberWrites().finally(() => end(...args));
    return res;
  }) as Response['end'];
}
