#!/usr/bin/env bash
# CI gate for infra/: the real `cdk synth` (esbuild bundles, CloudFormation's offline template
# validation, cdk-nag AwsSolutions) must succeed with no error and no warning.
# Needs no AWS credentials and no network. About 20 s on a 2-core machine.
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

echo "synth-check: no finding; $((SECONDS - started)) s"
