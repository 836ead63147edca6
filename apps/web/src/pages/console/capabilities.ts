import { useEffect, useState } from 'react';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
let document: Promise<Record<string, Partial<Record<Method, unknown>>>> | null = null;

/**
 * Whether this server offers a route, read from its OpenAPI document (the
 * same one the typed client is generated from). The console runs against
 * servers that gained routes at different times (releases, imports, the
 * pitch order); asking first keeps a missing route out of the way instead of
 * answering every visit with a 404.
 */
function paths() {
  document ??= fetch('/api/docs-json')
    .then((r) => (r.ok ? (r.json() as Promise<{ paths?: Record<string, never> }>) : { paths: {} }))
    .then((d) => d.paths ?? {})
    .catch(() => ({}));
  return document;
}

/** `path` as in the document, e.g. '/api/v1/rounds/{id}/pitch-order'. undefined while asking. */
export function useCapability(method: Method, path: string): boolean | undefined {
  const [offered, setOffered] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void paths().then((p) => live && setOffered(!!p[path]?.[method]));
    return () => {
      live = false;
    };
  }, [method, path]);
  return offered;
}
