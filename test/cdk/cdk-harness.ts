import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addHolidayImporter } from '../../cdk/holiday-importer-app.js';
import type { HolidayImporterStack } from '../../cdk/holiday-importer-stack.js';

/**
 * The app as `cdk synth` builds it, minus esbuild bundling and CloudFormation's own checks (slow),
 * synthesized into `workDir` (an App without an outdir leaves a cdk.out folder in the temp dir).
 */
export async function synthStack(
  workDir: string,
  context: Record<string, unknown> = {},
  options: { configPath?: string } = {},
): Promise<{ app: App; stack: HolidayImporterStack; template: Template }> {
  const app = new App({
    outdir: mkdtempSync(join(workDir, 'cdk.out-')),
    context: { 'aws:cdk:bundling-stacks': [], ...context },
    builtinCloudFormationValidation: false,
  });
  const stack = await addHolidayImporter(app, options);
  return { app, stack, template: Template.fromStack(stack) };
}

/** Every IAM policy statement of the template, with the policy's logical id. */
export function policyStatements(
  template: Template,
): { policy: string; statement: Record<string, unknown> }[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.entries(policies).flatMap(([policy, resource]) =>
    (resource.Properties.PolicyDocument.Statement as Record<string, unknown>[]).map((statement) => ({
      policy,
      statement,
    })),
  );
}

export function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
