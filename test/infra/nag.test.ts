/**
 * cdk-nag's AwsSolutions pack finds nothing unacknowledged, and every acknowledgement says why in
 * one sentence. (The app also registers the pack as a validation plugin, so an error-level finding
 * already fails every synthesis; this test also catches warnings.)
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { synthesize, testApp } from './test-app';

const { app } = synthesize();

const describeViolations = (violations: { ruleName: string; violatingResources: { constructPath?: string }[] }[]) =>
  violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged error or warning', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(describeViolations(report.violations)).toEqual([]);
  });

  it('does find problems in this test environment (the check above is not vacuous)', () => {
    const canary = new Stack(new App(), 'Canary');
    new Queue(canary, 'Unencrypted', { encryption: QueueEncryption.UNENCRYPTED });
    const rules = new AwsSolutionsChecks().validateScope(canary).violations.map((v) => v.ruleName);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-SQS2', 'AwsSolutions-SQS3', 'AwsSolutions-SQS4']));
  });

  it("runs on the nested stacks too: a finding in a context's stack fails the app's synthesis", () => {
    const withFinding = testApp();
    const [contextStack] = withFinding.service.contextStacks;
    new Queue(contextStack!, 'Unencrypted', { encryption: QueueEncryption.UNENCRYPTED });
    expect(() => withFinding.synth()).toThrow(
      new RegExp(`AwsSolutions-SQS3[^]*${contextStack!.node.path}/Unencrypted`),
    );
  });

  it('has a one-sentence reason on every acknowledgement', () => {
    const acknowledgements = app.node
      .findAll()
      .flatMap((construct) =>
        construct.node.metadata
          .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((entry) => Object.entries(entry.data as Record<string, string>)),
      );
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const [rule, reason] of acknowledgements) {
      expect([rule, reason]).toEqual([rule, expect.stringMatching(/^[A-Z][^]{20,}\.$/)]);
      expect([rule, reason.split(/\.\s+[A-Z]/).length]).toEqual([rule, 1]);
    }
  });
});
