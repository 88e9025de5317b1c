/**
 * How a change of one project reaches its ancestors: each parent keeps an entry per child
 * (progress, weight, height) and budget totals that include its children's, so a change is carried
 * up the chain it belongs to, a level at a time, and stops where nothing changes any more. Pure:
 * the use case reads the chain, this computes the new states, the store writes them in one
 * transaction conditioned on the versions read (portfolio-store.ts).
 */
import { addTotals, childEntryOf, withDerived, type BudgetTotals, type ChildEntry, type Project } from './portfolio';

export interface TreeChange {
  /** The node as read (undefined: it is being created) … */
  readonly before?: Project;
  /** … and as it will be (undefined: it is being deleted). */
  readonly after?: Project;
  /** Its ancestors as read, nearest first: those above `before` and those above `after` (the same unless it moves). */
  readonly oldAncestors: readonly Project[];
  readonly newAncestors: readonly Project[];
  readonly now: string;
}

const sameEntry = (a: ChildEntry | undefined, b: ChildEntry | undefined) =>
  a?.progress === b?.progress && a?.weight === b?.weight && a?.height === b?.height;

/**
 * The ancestors the change alters, each once, derived fields recomputed and version bumped (from
 * the version read, which the store's condition checks). A moved node leaves its old chain and
 * joins the new one; a shared ancestor gets both.
 */
export const propagate = ({ before, after, oldAncestors, newAncestors, now }: TreeChange): Project[] => {
  const updated = new Map<string, Project>();
  const read = new Map([...oldAncestors, ...newAncestors].map((p) => [p.id, p]));

  /** Sets (or removes) a child's entry in each ancestor of `chain`, adding `delta` to its budget, while something changes. */
  const walk = (childId: string, entry: ChildEntry | null, delta: BudgetTotals, chain: readonly Project[]) => {
    let [id, childEntry] = [childId, entry];
    for (const ancestor of chain) {
      const node = updated.get(ancestor.id) ?? ancestor;
      const children = { ...node.children };
      if (childEntry) children[id] = childEntry;
      else delete children[id];
      const next = withDerived({
        ...node,
        children,
        budget: addTotals(node.budget, delta),
        updatedAt: now,
        version: read.get(ancestor.id)!.version + 1,
      });
      updated.set(node.id, next);
      // The level above sees this node's entry and budget: when neither moved, it has nothing to do.
      if (sameEntry(childEntryOf(node), childEntryOf(next)) && Object.keys(delta).length === 0) break;
      [id, childEntry] = [node.id, childEntryOf(next)];
    }
  };

  const moved = before !== undefined && after !== undefined && before.parentId !== after.parentId;
  const id = (after ?? before)!.id;
  if (moved) {
    walk(id, null, addTotals({}, before.budget, -1), oldAncestors);
    walk(id, childEntryOf(after), after.budget, newAncestors);
  } else {
    const delta = addTotals(after?.budget ?? {}, before?.budget ?? {}, -1);
    const entry = after ? childEntryOf(after) : null;
    if (!before || !after || !sameEntry(childEntryOf(before), entry ?? undefined) || Object.keys(delta).length > 0)
      walk(id, entry, delta, after ? newAncestors : oldAncestors);
  }
  return [...updated.values()];
};
