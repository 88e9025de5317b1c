#!/usr/bin/env bash
# CI gate for infra/: the real `cdk synth` (esbuild bundles, CloudFormation's offline template
# validation, cdk-nag AwsSolutions) must succeed with no error and no warning.
# Needs no AWS credentials and no network.
set -euo pipefail
cd "$(dirname "$0")/.."

# Node 22 from the `node` devDependency; cdk and tsx from node_modules.
export PATH="$PWD/node_modules/.bin:$PATH"
# Offline and quiet: no telemetry, no version check, no instance-metadata credential probe.
export CDK_DISABLE_CLI_TELEMETRY=true CDK_DISABLE_VERSION_CHECK=true AWS_EC2_METADATA_DISABLED=true

started=$SECONDS
rm -rf cdk.out

# --strict fails on warning annotations; strictCfnValidateErrors makes warnings in the validation
# report fatal too (cdk-nag's warning-level rules, CloudFormation validation findings).
cdk synth --quiet --strict --no-notices -c @aws-cdk/core:strictCfnValidateErrors=true

# Belt and braces: the validation report CDK wrote must hold no violation at all.
node --input-type=module -e '
  import { readFileSync } from "node:fs";
  const report = JSON.parse(readFileSync("cdk.out/validation-report.json", "utf8"));
  const violations = report.pluginReports.flatMap((plugin) =>
    (plugin.violations ?? []).map((v) => `${plugin.pluginName ?? plugin.summary?.pluginName ?? "?"}: ${v.ruleName ?? JSON.stringify(v)}`));
  if (violations.length > 0) {
    console.error(`synth-check: ${violations.length} finding(s) in cdk.out/validation-report.json`);
    for (const v of violations) console.error(`  ${v}`);
    process.exit(1);
  }
'

# The service stack's contexts are nested stacks: cdk-nag walks the whole construct tree (nested stacks
# included, test/infra/nag.test.ts shows it), but the offline template validation above reads only the
# top-level templates. Run it on the nested ones too, and keep every template clear of the 500-resource limit.
node --input-type=module -e '
  import { readdirSync, readFileSync } from "node:fs";
  import { CloudFormationValidatePlugin } from "aws-cdk-lib";
  const templates = readdirSync("cdk.out").filter((file) => file.endsWith(".template.json"));
  const nested = templates.filter((file) => file.endsWith(".nested.template.json"));
  const problems = [];
  for (const file of templates) {
    const count = Object.keys(JSON.parse(readFileSync(`cdk.out/${file}`, "utf8")).Resources ?? {}).length;
    if (count >= 450) problems.push(`${file}: ${count} resources, 450 at most`);
  }
  const report = new CloudFormationValidatePlugin().validate({
    templatePaths: nested.map((file) => `cdk.out/${file}`),
    stackTemplates: nested.map((file) => ({ stackConstructPath: file, templatePath: `cdk.out/${file}` })),
  });
  for (const v of report.violations) {
    const where = v.violatingResources.map((r) => `${r.templatePath}#${r.resourceLogicalId ?? ""}`).join(" ");
    problems.push(`CloudFormation Validate ${v.severity} ${v.ruleName}: ${v.description} (${where})`);
  }
  if (nested.length === 0) problems.push("no nested template in cdk.out: the service stack has no context stack");
  if (problems.length > 0) {
    console.error(`synth-check: ${problems.length} problem(s) in the templates`);
    for (const problem of problems) console.error(`  ${problem}`);
    process.exit(1);
  }
  console.log(`synth-check: ${templates.length} templates (${nested.length} nested) under 450 resources and valid`);
'

echo "synth-check: no finding; $((SECONDS - started)) s"
