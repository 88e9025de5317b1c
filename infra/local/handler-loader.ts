/**
 * Loads the handler modules named in the wiring declaration, the way Lambda does: once per
 * function, on first use (a cold start), then the same exported `handler` for every invocation.
 */
import type { Context } from 'aws-lambda';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inLogScope } from '../../shared/runtime/logger';
import { projectRoot } from '../project-root';

export type LambdaHandler = (event: unknown, context: Context) => unknown;

/** Given a declared handler path (relative to the project root), the module's `handler`. */
export type HandlerLoader = (handlerPath: string) => Promise<LambdaHandler>;

export const createHandlerLoader = (
  importModule: (path: string) => Promise<Record<string, unknown>> = (path) =>
    import(pathToFileURL(resolve(projectRoot, path)).href) as Promise<Record<string, unknown>>,
): HandlerLoader => {
  const loaded = new Map<string, Promise<LambdaHandler>>();
  return (handlerPath) => {
    let handler = loaded.get(handlerPath);
    if (!handler) {
      handler = importModule(handlerPath).then((module) => {
        if (typeof module.handler !== 'function')
          throw new Error(`${handlerPath} does not export a function named handler`);
        const handler = module.handler as LambdaHandler;
        // Invocations run concurrently in this one process: each logs in its own scope, so a line
        // never carries another invocation's Lambda context or keys (shared/runtime/logger.ts).
        return (event, context) => inLogScope(context, () => handler(event, context));
      });
      // A failed import (a syntax error being fixed) is retried on the next call, not cached.
      handler.catch(() => loaded.delete(handlerPath));
      loaded.set(handlerPath, handler);
    }
    return handler;
  };
};
