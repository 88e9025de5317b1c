/**
 * The portfolio in and out: CSV import (all or nothing), CSV and OC4IDS exports.
 *
 * Import, primary course: an agent sends a CSV with the export's columns; every row is read and
 * checked — its cells, the API's schema, the caller's right on its owner, the territory's
 * communes and bodies — and then the whole file: ids once, parents that exist or come in the
 * file, no loop, at most 4 levels, owners that may nest. One bad row and nothing is written: the
 * answer lists each bad row (1 = the header line) and why. A good file is written parents first,
 * each project in one transaction with its ancestors' roll-up; rows are upserts by id and rows
 * without one get an id derived from the file and their row, so sending the same file again
 * (after an interruption) completes it and creates nothing twice, and an export imports back
 * unchanged.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { ULID_PATTERN } from '../kernel/ids';
import type { Principal } from '../kernel/principal';
import { CsvSyntaxError, formatCsv, parseCsv } from './csv';
import { oc4idsPackage, oc4idsProject } from './oc4ids';
import { canManageOwner, MAX_DEPTH, ownerMayNest, type Owner, type Project } from './portfolio';
import { auditOf, makeAccess, retryWhileStale, STALE, type PortfolioDeps } from './portfolio-access';
import {
  bodyOfRow,
  CSV_COLUMNS,
  projectCells,
  projectRow,
  READ_ONLY_COLUMNS,
  REQUIRED_COLUMNS,
  treeOrder,
  type CsvColumn,
} from './portfolio-csv';
import { portfolioChanged } from './portfolio-events';
import type { BodyInfo } from './portfolio-ports';
import { ProjectBody } from './portfolio-schemas';
import { applyInput, defaultOwner, newProject, type ProjectInput } from './project-use-cases';

export interface RowError {
  /** The record's number in the file, the header being 1 (a spreadsheet's row number). */
  readonly row: number;
  readonly errors: readonly string[];
}

export type ImportOutcome =
  | {
      readonly ok: true;
      readonly created: number;
      readonly updated: number;
      readonly unchanged: number;
      readonly rows: readonly { row: number; id: string; action: 'created' | 'updated' | 'unchanged' }[];
    }
  | { readonly ok: false; readonly rows: readonly RowError[] };

/** A row without an id gets one from the file and its place: 26 characters of Crockford's base 32. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const derivedId = (siren: string, fileDigest: string, row: number): string => {
  const bytes = createHash('sha256').update(`${siren}\n${fileDigest}\n${row}`).digest();
  let id = '';
  for (let i = 0; i < 26; i++) id += CROCKFORD[bytes[i]! % 32];
  return id;
};

/** JSON with every object's keys sorted: equal values write equal texts. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/** What an import compares to decide a row changes nothing. */
const editable = (p: Project) => {
  const { updatedAt: _u, version: _v, createdAt: _c, children: _ch, budget: _b, height: _h, ...rest } = p;
  return canonical(rest);
};

/** A project as the open data publishes it: its CSV cells and its OC4IDS document. */
export interface PublishedProject {
  readonly cells: Readonly<Record<CsvColumn, string>>;
  readonly oc4ids: Record<string, unknown>;
}

/** Projects whose milestones and KPIs are read at once while publishing. */
const PUBLISHED_PAGE = 20;

interface ReadRow {
  readonly row: number;
  readonly id: string;
  readonly input: ProjectInput & { readonly owner: Owner };
}

const issuesOf = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`);

export const makeExchangeUseCases = (deps: PortfolioDeps) => {
  const { store, directory, clock } = deps;
  const { requireTerritory, commitTreeChange } = makeAccess(deps);

  const refProblems = (
    siren: string,
    input: ReadRow['input'],
    communes: ReadonlyMap<string, string>,
    bodies: readonly BodyInfo[],
  ) => {
    const problems: string[] = [];
    if (input.owner.level === 'commune' && !communes.has(input.owner.insee))
      problems.push(`owner: ${input.owner.insee} is not a commune of territory ${siren}`);
    const unknown = input.communes.filter((insee) => !communes.has(insee));
    if (unknown.length > 0) problems.push(`communes: ${unknown.join(', ')} not in territory ${siren}`);
    const body = bodies.find((b) => b.id === input.lead.bodyId);
    if (!body) problems.push(`leadBody: no body ${input.lead.bodyId} in territory ${siren}`);
    else if (input.lead.serviceId && !body.services.some((s) => s.id === input.lead.serviceId))
      problems.push(`leadService: body ${body.id} has no service ${input.lead.serviceId}`);
    return problems;
  };

  /** Writes one row: creates or replaces the project, with its ancestors' roll-up; nothing when it changes nothing. */
  const upsert = (principal: Principal, siren: string, { id, input }: ReadRow) =>
    retryWhileStale(async () => {
      const before = await store.getProject(siren, id);
      const now = clock.now().toISOString();
      const hasChildren = before !== undefined && Object.keys(before.children).length > 0;
      const { progress, ...rest } = input;
      const effective = hasChildren ? rest : { ...rest, ...(progress !== undefined ? { progress } : {}) };
      const after = before
        ? applyInput(before, effective, input.owner, now)
        : { ...applyInput(newProject(siren, id, now), effective, input.owner, now), version: 1 };
      if (before && editable(before) === editable(after)) return 'unchanged' as const;
      const event = portfolioChanged(clock, principal, siren, id, before ? 'project-updated' : 'project-created', '', {
        before: auditOf(before),
        after: auditOf(after),
      });
      const outcome = await commitTreeChange(principal, siren, { before, after }, {}, [event]);
      return outcome === STALE ? STALE : before ? ('updated' as const) : ('created' as const);
    });

  /** Each project with its CSV cells and its OC4IDS document, parents first, PUBLISHED_PAGE at a time. */
  async function* publishedProjects(siren: string, territoryName: string): AsyncIterable<PublishedProject[]> {
    const [projects, bodies] = await Promise.all([store.allProjects(siren), directory.bodies(siren)]);
    const byId = new Map(projects.map((p) => [p.id, p]));
    const bodyName = (id: string) => bodies.find((b) => b.id === id)?.name ?? (id === siren ? territoryName : id);
    const ordered = treeOrder(projects);
    for (let start = 0; start < ordered.length; start += PUBLISHED_PAGE) {
      yield Promise.all(
        ordered.slice(start, start + PUBLISHED_PAGE).map(async (p) => {
          const [milestones, kpis] = await Promise.all([
            store.listMilestones(siren, p.id),
            store.listKpis(siren, p.id),
          ]);
          const parent = p.parentId ? byId.get(p.parentId) : undefined;
          const oc4ids = oc4idsProject(p, {
            territoryName,
            bodyName,
            milestones,
            kpis,
            children: Object.keys(p.children)
              .map((id) => byId.get(id))
              .filter((c): c is Project => c !== undefined),
            ...(parent ? { parent } : {}),
          });
          return { cells: projectCells(p, parent?.title), oc4ids };
        }),
      );
    }
  }

  return {
    importProjects: async (principal: Principal, siren: string, text: string): Promise<ImportOutcome> => {
      await requireTerritory(siren);
      let records: string[][];
      try {
        records = parseCsv(text);
      } catch (error) {
        if (error instanceof CsvSyntaxError)
          return { ok: false, rows: [{ row: error.record, errors: [error.message] }] };
        throw error;
      }
      const [header, ...data] = records;
      if (!header || data.length === 0)
        return { ok: false, rows: [{ row: 1, errors: ['The file has no header line or no project'] }] };
      const columns = header.map((name) => name.trim());
      const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
      const twice = columns.filter((c, i) => c !== '' && columns.indexOf(c) !== i);
      if (missing.length > 0 || twice.length > 0)
        return {
          ok: false,
          rows: [
            {
              row: 1,
              errors: [
                ...(missing.length > 0 ? [`missing columns: ${missing.join(', ')}`] : []),
                ...(twice.length > 0 ? [`columns given twice: ${[...new Set(twice)].join(', ')}`] : []),
              ],
            },
          ],
        };
      const known = new Set<string>(CSV_COLUMNS);
      const digest = createHash('sha256').update(text).digest('hex');
      const [existing, communes, bodies] = await Promise.all([
        store.allProjects(siren),
        directory.communes(siren),
        directory.bodies(siren),
      ]);
      const current = new Map(existing.map((p) => [p.id, p]));

      // Each row on its own.
      const errors = new Map<number, string[]>();
      const fail = (row: number, message: string) => errors.set(row, [...(errors.get(row) ?? []), message]);
      const rows: ReadRow[] = [];
      data.forEach((fields, i) => {
        const row = i + 2;
        if (fields.length !== columns.length) {
          fail(row, `${fields.length} fields where the header has ${columns.length}`);
          return;
        }
        const cells: Partial<Record<CsvColumn, string>> = {};
        columns.forEach((column, c) => {
          if (known.has(column) && !READ_ONLY_COLUMNS.has(column as CsvColumn)) cells[column as CsvColumn] = fields[c]!;
        });
        const idCell = cells.id?.trim() ?? '';
        if (idCell !== '' && !ULID_PATTERN.test(idCell))
          fail(row, `id: "${idCell}" is not a project id (26 characters)`);
        const { body, errors: cellErrors } = bodyOfRow(cells);
        cellErrors.forEach((message) => fail(row, message));
        if (body.lead === undefined && body.owner !== undefined) {
          // Led by its owner's body unless the row says otherwise.
          const owner = body.owner as { level: string; insee?: string };
          body.lead = { bodyId: owner.level === 'commune' ? owner.insee : siren };
        }
        if (body.lead === undefined)
          body.lead = { bodyId: principal.commune && principal.role === 'agent' ? principal.commune : siren };
        const parsed = ProjectBody.safeParse(body);
        if (!parsed.success) {
          issuesOf(parsed.error).forEach((message) => fail(row, message));
          return;
        }
        const id = idCell !== '' ? idCell : derivedId(siren, digest, row);
        const owner = parsed.data.owner ?? defaultOwner(principal);
        const input = { ...parsed.data, owner } as ReadRow['input'];
        if (input.startDate && input.endDate && input.endDate < input.startDate)
          fail(row, 'dateFinPrevisionnelle: before dateDebutPrevisionnelle');
        if (!canManageOwner(principal, siren, owner))
          fail(
            row,
            `owner: you may not manage the projects of ${owner.level === 'territory' ? 'the territory' : `commune ${owner.insee}`}`,
          );
        const before = current.get(id);
        if (before && !canManageOwner(principal, siren, before.owner))
          fail(
            row,
            `id: project ${id} belongs to ${before.owner.level === 'territory' ? 'the territory' : `commune ${before.owner.insee}`}, which you may not manage`,
          );
        refProblems(siren, input, communes, bodies).forEach((message) => fail(row, message));
        rows.push({ row, id, input });
      });

      // The file as a whole: ids once, parents known, no loop, depth, owners that nest.
      const rowOf = new Map<string, ReadRow>();
      for (const r of rows) {
        const first = rowOf.get(r.id);
        if (first) fail(r.row, `id: ${r.id} is already the id of row ${first.row}`);
        else rowOf.set(r.id, r);
      }
      const ownerOf = (id: string) => rowOf.get(id)?.input.owner ?? current.get(id)?.owner;
      const parentOf = (id: string) => (rowOf.has(id) ? rowOf.get(id)!.input.parentId : current.get(id)?.parentId);
      const looped = new Set<string>();
      for (const r of rowOf.values()) {
        const parentId = r.input.parentId;
        if (parentId === undefined) continue;
        const parentOwner = ownerOf(parentId);
        if (!parentOwner) {
          fail(r.row, `parentId: no project ${parentId} in the portfolio or in the file`);
          continue;
        }
        if (!ownerMayNest(r.input.owner, parentOwner))
          fail(r.row, "parentId: a project sits under a project of the same owner, or under one of the territory's");
        const seen = new Set([r.id]);
        for (let up: string | undefined = parentId; up !== undefined; up = parentOf(up)) {
          if (seen.has(up)) {
            fail(r.row, 'parentId: the projects form a loop');
            looped.add(r.id);
            break;
          }
          seen.add(up);
        }
      }
      // Depth of every project once the file is in (those it moves carry their subtrees along).
      const everyId = new Set([...current.keys(), ...rowOf.keys()]);
      const tooDeep = new Set<number>();
      for (const id of everyId) {
        const chain = [id];
        for (let up = parentOf(id); up !== undefined && chain.length <= MAX_DEPTH + 1; up = parentOf(up)) {
          if (chain.includes(up) || looped.has(up)) break;
          chain.push(up);
        }
        if (chain.length <= MAX_DEPTH) continue;
        const blamed = chain.map((c) => rowOf.get(c)).find((r) => r !== undefined);
        if (blamed && !tooDeep.has(blamed.row)) {
          tooDeep.add(blamed.row);
          fail(blamed.row, `parentId: more than ${MAX_DEPTH} levels (axis → programme → project → …) under this row`);
        }
      }
      if (errors.size > 0)
        return {
          ok: false,
          rows: [...errors.entries()].sort(([a], [b]) => a - b).map(([row, list]) => ({ row, errors: list })),
        };

      // Parents first, then each row as its own change of the tree.
      const depthOf = (id: string): number => {
        let depth = 0;
        for (let up = parentOf(id); up !== undefined && rowOf.has(up); up = parentOf(up)) depth++;
        return depth;
      };
      const ordered = [...rowOf.values()].sort((a, b) => depthOf(a.id) - depthOf(b.id) || a.row - b.row);
      const written: { row: number; id: string; action: 'created' | 'updated' | 'unchanged' }[] = [];
      for (const r of ordered) written.push({ row: r.row, id: r.id, action: await upsert(principal, siren, r) });
      written.sort((a, b) => a.row - b.row);
      const countOf = (action: string) => written.filter((w) => w.action === action).length;
      return {
        ok: true,
        created: countOf('created'),
        updated: countOf('updated'),
        unchanged: countOf('unchanged'),
        rows: written,
      };
    },

    /** The portfolio as CSV (projets-territoire's columns, then the portfolio's), parents before children. */
    exportCsv: async (siren: string): Promise<string> => {
      await requireTerritory(siren);
      const projects = await store.allProjects(siren);
      const titles = new Map(projects.map((p) => [p.id, p.title]));
      return formatCsv([
        [...CSV_COLUMNS],
        ...treeOrder(projects).map((p) => projectRow(p, p.parentId ? titles.get(p.parentId) : undefined)),
      ]);
    },

    /** The portfolio as an OC4IDS 0.9 project package. */
    exportOc4ids: async (siren: string) => {
      const territoryName = await requireTerritory(siren);
      const documents: Record<string, unknown>[] = [];
      for await (const page of publishedProjects(siren, territoryName)) documents.push(...page.map((p) => p.oc4ids));
      return oc4idsPackage(territoryName, clock.now().toISOString(), documents);
    },

    /**
     * What the open data publishes of the portfolio: each project's CSV cells (the export's
     * columns) and OC4IDS document, parents first, a page at a time (a page's milestones and KPIs
     * are read together). Organisations and figures only: a project holds no person.
     */
    publishedProjects: async (siren: string) => {
      const territoryName = await requireTerritory(siren);
      return { publisher: territoryName, pages: publishedProjects(siren, territoryName) };
    },
  };
};
