/**
 * Minimisation and the register, checked against the code's own declarations: no public answer's
 * schema (as the OpenAPI document writes it) names a personal field, and every context whose
 * records carry one has an entry in the register of processing activities.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { Fragment, h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { openApiDocument } from '../../shared/platform/openapi';
import { fr } from '../../shared/portal/i18n';
import { privacyPage } from '../../shared/portal/pages/static-pages';
import { isPersonalField, PERSONAL_FIELDS } from '../../shared/privacy/personal-fields';
import { REGISTER } from '../../shared/privacy/register';
import { routes } from '../../shared/wiring';

type Schema = Record<string, unknown>;
const document = openApiDocument() as unknown as {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>
  >;
  components?: { schemas?: Record<string, Schema> };
};

/** Every property name a JSON schema may hold, following $refs into the components. */
const propertyNames = (root: unknown, names = new Map<string, string>(), seen = new Set<unknown>(), at = '') => {
  const visit = (node: unknown, path: string): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${path}[${i}]`));
    const schema = node as Schema;
    if (typeof schema.$ref === 'string') {
      const name = schema.$ref.replace('#/components/schemas/', '');
      visit(document.components?.schemas?.[name], `${path}→${name}`);
    }
    for (const [name, child] of Object.entries((schema.properties as Schema | undefined) ?? {})) {
      if (!names.has(name)) names.set(name, `${path}.${name}`);
      visit(child, `${path}.${name}`);
    }
    for (const key of ['items', 'prefixItems', 'anyOf', 'oneOf', 'allOf', 'additionalProperties', '$defs', 'not']) {
      visit(schema[key], path);
    }
  };
  visit(root, at);
  return names;
};

const publicRoutes = routes.filter((r) => r.access === 'public' && !r.hidden);

/**
 * The only public answers allowed to name a personal field, and why. Anything new here is a
 * decision to review, not a way to silence the test.
 */
const ALLOWED: Readonly<Record<string, { fields: readonly string[]; why: string }>> = {
  fileReport: {
    fields: ['reporterSub', 'filedBy', 'contact', 'email', 'firstName', 'lastName', 'phone'],
    why: 'answers the person who just filed the report with what they sent (an agent filing gets the agent view)',
  },
  open311Discovery: {
    fields: ['contact'],
    why: "GeoReport v2's endpoint contact: the organisation's published address, not a person's",
  },
};

describe('minimisation: public views carry no personal field', () => {
  test('the walk finds fields (a sanity check of the test itself): the agents-only bodies view has staff e-mails', () => {
    const contacts = routes.find((r) => r.id === 'listBodyContacts')!;
    const schema = document.paths[contacts.path]?.get?.responses?.['200']?.content?.['application/json']?.schema;
    expect([...propertyNames(schema).keys()]).toEqual(expect.arrayContaining(['email', 'escalationEmails']));
  });

  test.each(publicRoutes.map((r) => [r.id, r] as const))('%s', (_id, route) => {
    const operation = document.paths[route.path]?.[route.method.toLowerCase()];
    const leaks: string[] = [];
    for (const [status, response] of Object.entries(operation?.responses ?? {})) {
      for (const [type, content] of Object.entries(response.content ?? {})) {
        for (const [name, where] of propertyNames(content.schema)) {
          if (isPersonalField(name) && !ALLOWED[route.id]?.fields.includes(name))
            leaks.push(`${status} ${type}: ${where}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});

describe('the register of processing activities', () => {
  /** Contexts whose record schemas (exported `…Record` zod objects) name a personal field. */
  const contextsHoldingPersonalData = async (): Promise<Map<string, string[]>> => {
    const found = new Map<string, string[]>();
    const shared = join(process.cwd(), 'shared');
    for (const context of readdirSync(shared)) {
      if (context === 'privacy') continue;
      const folder = join(shared, context);
      let files: string[];
      try {
        files = readdirSync(folder).filter((f) => f.endsWith('.ts'));
      } catch {
        continue;
      }
      for (const file of files) {
        if (!/^export const \w+Record = /m.test(readFileSync(join(folder, file), 'utf8'))) continue;
        const module = (await import(join(folder, file))) as Record<string, unknown>;
        for (const [name, value] of Object.entries(module)) {
          if (!name.endsWith('Record') || !(value instanceof z.ZodType)) continue;
          let json: unknown;
          try {
            json = z.toJSONSchema(value, { unrepresentable: 'any', io: 'output' });
          } catch {
            continue;
          }
          const personal = [...propertyNames(json).keys()].filter(isPersonalField);
          if (personal.length > 0)
            found.set(context, [...(found.get(context) ?? []), `${name}: ${personal.join(', ')}`]);
        }
      }
    }
    return found;
  };

  test('every context whose records hold a personal field has an entry', async () => {
    const holding = await contextsHoldingPersonalData();
    // The walk must see the known holders, or it proves nothing.
    expect([...holding.keys()]).toEqual(expect.arrayContaining(['reports', 'participation', 'territory']));
    const declared = new Set(REGISTER.map((p) => p.context));
    const missing = [...holding].filter(([context]) => !declared.has(context));
    expect(missing).toEqual([]);
  });

  test('each entry says purpose, legal basis, data, subjects, retention and recipients', () => {
    for (const entry of REGISTER) {
      expect(entry.purpose.length).toBeGreaterThan(10);
      expect(entry.legalBasis).toMatch(/art\. 6/);
      expect(entry.dataCategories.length).toBeGreaterThan(0);
      expect(entry.dataSubjects.length).toBeGreaterThan(0);
      expect(entry.retention.length).toBeGreaterThan(0);
      expect(entry.recipients.length).toBeGreaterThan(0);
    }
    expect(new Set(REGISTER.map((p) => p.id)).size).toBe(REGISTER.length);
    expect(PERSONAL_FIELDS).toContain('escalationEmails');
  });

  test("the portal's privacy page shows every activity of the register and links its JSON", () => {
    const page = privacyPage(fr, { publisher: 'Toulouse Métropole', site: 'https://ville.example.fr' });
    const html = renderToString(h(Fragment, null, page.body));
    expect(html).toContain('Registre des activités de traitement');
    for (const entry of REGISTER) {
      expect(html).toContain(`<h3>${entry.name}</h3>`);
    }
    expect(html).toContain('<a href="/privacy/register">');
  });
});
