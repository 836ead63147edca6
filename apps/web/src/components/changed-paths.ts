/** The leaf paths of a changed-values object, so a page clears their server errors. */
export function changedPaths(
  changed: unknown,
  prefix: (string | number)[] = [],
): (string | number)[][] {
  if (!changed || typeof changed !== 'object') return [prefix];
  const entries = Array.isArray(changed)
    ? changed.map((v, i) => [i, v] as const).filter(([, v]) => v !== undefined)
    : Object.entries(changed);
  const paths: (string | number)[][] = [prefix];
  for (const [k, v] of entries) paths.push(...changedPaths(v, [...prefix, k]));
  return paths.filter((p) => p.length);
}
