import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import path from 'node:path';
import { REPO_ROOT } from './env';

export interface RegisteredRoute {
  method: string;
  path: string; // without the /api/v1 prefix, e.g. /rounds/:id/ranking
  controller: string;
}

type Class = abstract new (...args: never[]) => unknown;
type ModuleRef = Class | { module: Class; imports?: ModuleRef[]; controllers?: Class[] };

const joinPath = (...parts: (string | string[] | undefined)[]) =>
  '/' +
  parts
    .map((p) => (Array.isArray(p) ? p[0] : p) ?? '')
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');

// Every HTTP route the built api registers, read from Nest's own routing
// metadata (the module tree from ApiModule down, each controller's path and
// each handler's path and method): the same metadata Nest's router is built
// from, so a route nobody listed anywhere still shows up here.
export function registeredRoutes(): RegisteredRoute[] {
  // The api module reads its environment on import; any well-formed values do.
  process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/unused';
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  process.env.JWT_SECRET ??= 'routes-only-0123456789abcdef';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ApiModule } = require(path.join(REPO_ROOT, 'dist/apps/api/src/api.module.js')) as {
    ApiModule: Class;
  };
  const seen = new Set<Class>();
  const controllers = new Set<Class>();
  const visit = (ref: ModuleRef | undefined) => {
    if (!ref) return;
    const dynamic = typeof ref === 'function' ? undefined : ref;
    const cls = typeof ref === 'function' ? ref : ref.module;
    if (seen.has(cls)) return;
    seen.add(cls);
    for (const c of [
      ...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, cls) as Class[]) ?? []),
      ...(dynamic?.controllers ?? []),
    ])
      controllers.add(c);
    for (const m of [
      ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, cls) as ModuleRef[]) ?? []),
      ...(dynamic?.imports ?? []),
    ])
      visit(m);
  };
  visit(ApiModule);
  const routes: RegisteredRoute[] = [];
  for (const controller of controllers) {
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
    const proto = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = proto[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (sub === undefined || method === undefined) continue;
      routes.push({
        method: RequestMethod[method],
        path: joinPath(base, sub),
        controller: controller.name,
      });
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}
