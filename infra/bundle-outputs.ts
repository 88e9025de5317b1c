/**
 * Which files of a function's bundle (esbuild's metafile, code split) a cold start loads: the entry
 * and the chunks it imports statically; with `onFirstUse`, also those imported on first use.
 */
import type { Metafile } from 'esbuild';

export const outputsLoadedBy = (
  metafile: Metafile,
  entryOutput: string,
  { onFirstUse }: { readonly onFirstUse: boolean },
): string[] => {
  const loaded = new Set([entryOutput]);
  const pending = [entryOutput];
  for (let output = pending.pop(); output !== undefined; output = pending.pop()) {
    for (const { path, kind } of metafile.outputs[output]!.imports) {
      const follows = kind === 'import-statement' || (onFirstUse && kind === 'dynamic-import');
      // Node's own modules are imports too, and no output.
      if (follows && metafile.outputs[path] && !loaded.has(path)) {
        loaded.add(path);
        pending.push(path);
      }
    }
  }
  return [...loaded];
};
