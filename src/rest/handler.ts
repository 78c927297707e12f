import type { NextFunction, Request, Response } from 'express';
import { createContext, requestInfo, type AppDeps, type Context } from '../context';

type Handler = (context: Context, req: Request, res: Response) => Promise<void>;

/** Adapts a route to Express 5: builds the request's context (viewer, services) and forwards errors. */
export function withContext(deps: AppDeps, handler: Handler) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      await handler(await createContext(deps, requestInfo(req)), req, res);
    } catch (error) {
      next(error);
    }
  };
}
