/**
 * The CDK app as `cdk synth` builds it (cdk.json's feature flags and the same context keys), with
 * esbuild bundling and CloudFormation template validation off, so a synthesis takes about a
 * second. scripts/synth-check.sh runs the real one.
 */
import { readFileSync } from 'node:fs';
import { NestedStack, Stack, type CfnElement, type CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { VilleOuverteApp } from '../../infra/app';
import type { PlatformFunction } from '../../infra/constructs/platform-function';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

export const testApp = (context: Record<string, unknown> = {}): VilleOuverteApp =>
  new VilleOuverteApp({
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context },
    builtinCloudFormationValidation: false,
  });

export interface SynthesizedApp {
  readonly app: VilleOuverteApp;
  readonly data: Template;
  /** The service stack and its nested stacks, read as one template (see flattenNestedStacks). */
  readonly service: Template;
}

export const synthesize = (context: Record<string, unknown> = {}): SynthesizedApp => {
  const app = testApp(context);
  return { app, data: Template.fromStack(app.data), service: flattenNestedStacks(app.service) };
};

/** Every stack of the app, nested ones included, each with the template CloudFormation gets. */
export const stackTemplates = (app: VilleOuverteApp): { readonly stack: Stack; readonly template: Template }[] =>
  app.node
    .findAll()
    .filter(Stack.isStack)
    .map((stack) => ({ stack, template: Template.fromStack(stack) }));

interface TemplateJson {
  Parameters?: Record<string, unknown>;
  Resources: Record<string, { Properties?: { Parameters?: Record<string, unknown> } }>;
  Outputs?: Record<string, unknown>;
}

/** `value` with every `{ Ref: <parameter> }` replaced by what `parameters` holds for it. */
const substitute = (value: unknown, parameters: Readonly<Record<string, unknown>>): unknown => {
  if (Array.isArray(value)) return value.map((item) => substitute(item, parameters));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0]![0] === 'Ref' && Object.hasOwn(parameters, entries[0]![1] as string)) {
    return parameters[entries[0]![1] as string];
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, substitute(item, parameters)]));
};

/**
 * A stack's template with the resources of its nested stacks (recursively) added, each as the parent
 * wires it: a nested stack's parameter replaced by the value the parent passes to it (a queue's
 * `Fn::GetAtt`, the topic's `Ref`...). So an assertion reads across stacks as it would in one, and a
 * reference the parent passes to the wrong parameter fails it. Logical ids must not repeat across them.
 */
export const flattenNestedStacks = (stack: Stack): Template => {
  const json = Template.fromStack(stack).toJSON() as TemplateJson;
  const nestedStacks = stack.node
    .findAll()
    .filter((c): c is NestedStack => NestedStack.isNestedStack(c) && c.nestedStackParent === stack);
  for (const nested of nestedStacks) {
    const resourceId = stack.resolve((nested.nestedStackResource as CfnResource).logicalId) as string;
    const passed = json.Resources[resourceId]!.Properties?.Parameters ?? {};
    const nestedJson = flattenNestedStacks(nested).toJSON() as TemplateJson;
    const unset = Object.keys(nestedJson.Parameters ?? {}).filter((name) => !Object.hasOwn(passed, name));
    if (unset.length > 0) throw new Error(`${nested.node.path}: parameters ${unset.join(', ')} get no value`);
    for (const [logicalId, resource] of Object.entries(nestedJson.Resources)) {
      if (json.Resources[logicalId]) throw new Error(`${logicalId} is in ${nested.node.path} and in its parent`);
      json.Resources[logicalId] = substitute(resource, passed) as TemplateJson['Resources'][string];
    }
  }
  return Template.fromJSON(json as unknown as Record<string, unknown>);
};

/** A CloudFormation resource as the template holds it; properties are read loosely in tests. */
export interface TemplateResource {
  readonly Properties: Readonly<Record<string, unknown>>;
}

/** Resources of one type, by logical id. */
export const resourcesOf = (template: Template, type: string): Record<string, TemplateResource> =>
  template.findResources(type) as Record<string, TemplateResource>;

/** The logical id of a construct's CloudFormation resource (its default child). */
export const logicalIdOf = (construct: IConstruct): string =>
  Stack.of(construct).resolve((construct.node.defaultChild as CfnElement).logicalId) as string;

interface PolicyStatementJson {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** Every statement of the policies attached to a function's role. */
export const statementsOf = (template: Template, fn: PlatformFunction): PolicyStatementJson[] => {
  const roleRef = JSON.stringify([{ Ref: logicalIdOf(fn.role!) }]);
  return Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles) === roleRef)
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: PolicyStatementJson[] }).Statement);
};

/** Every IAM action granted to a function's role. */
export const actionsOf = (template: Template, fn: PlatformFunction): string[] =>
  statementsOf(template, fn).flatMap((statement) => [statement.Action].flat());
