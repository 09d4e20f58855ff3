import { resolve } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadConfig } from '../functions/commons/load-config.js';
import { readDeploymentSettings } from './deployment-settings.js';
import { HolidayImporterStack } from './holiday-importer-stack.js';

/**
 * Adds the importer's stack to an app: settings from the context, the config validated with the
 * CLI's own loader (so a bad config fails synth with the very message `holiday-importer` prints),
 * and cdk-nag's AwsSolutions checks, which fail the synth on any unacknowledged finding.
 */
export async function addHolidayImporter(
  app: App,
  options: { configPath?: string } = {},
): Promise<HolidayImporterStack> {
  const settings = readDeploymentSettings(app.node.getAllContext());
  const configPath = resolve(options.configPath ?? settings.config);
  const config = await loadConfig(configPath);
  const stack = new HolidayImporterStack(app, settings.stackName, {
    stackName: settings.stackName,
    description: 'holiday-importer: public holidays into LivePerson special occasions',
    config,
    configPath,
    settings,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
