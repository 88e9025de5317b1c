/**
 * The CDK app as `cdk synth` builds it (cdk.json's feature flags and the same context keys), with
 * esbuild bundling and CloudFormation template validation off, so a synthesis takes about a
 * second. scripts/synth-check.sh runs the real one.
 */
import { readFileSync } from 'node:fs';
import { Stack, type CfnElement } from 'aws-cdk-lib';
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
  readonly service: Template;
}

export const synthesize = (context: Record<string, unknown> = {}): SynthesizedApp => {
  const app = testApp(context);
  return { app, data: Template.fromStack(app.data), service: Template.fromStack(app.service) };
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
