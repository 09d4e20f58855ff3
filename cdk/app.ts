import { App } from 'aws-cdk-lib';
import { InputError } from '../functions/core/errors.js';
import { DeploymentSettingsError } from './deployment-settings.js';
import { addHolidayImporter } from './holiday-importer-app.js';

const app = new App();
try {
  await addHolidayImporter(app);
} catch (error) {
  // The same text the CLI prints for the same problem, and no stack trace around it.
  if (error instanceof InputError || error instanceof DeploymentSettingsError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
app.synth();
