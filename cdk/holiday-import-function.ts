import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type IDestination, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { writeFunctionBundleData } from '../bundling/function-bundle.js';
import type { Config } from '../functions/core/config/config-schema.js';

export interface HolidayImportFunctionProps {
  /** The validated config the function bundles: it decides which holiday and zone data go in. */
  config: Config;
  /** The file `config` was read from: the bundle inlines it (the handler's `@holiday-importer/config`). */
  configPath: string;
  logRetention: RetentionDays;
  /** 1 keeps runs from overlapping; undefined leaves the function unreserved. */
  reservedConcurrency?: number | undefined;
  /** Where a failed asynchronous (scheduled) invocation lands after its retries. */
  onFailure: IDestination;
  environment?: Record<string, string>;
}

/**
 * Sized from a measured run of the bundled function (example config: 3 calendars x 2 years,
 * against the local sandbox, one x86 core): cold import 426 ms, then a dry run 212 ms, the first
 * apply 164 ms (3 GET, 3 POST, 1 PUT), a no-op run 89 ms; peak RSS 126 MB. Memory 512 MB leaves
 * 4x headroom and buys arm64 CPU (CPU share grows with memory) for the cold start. Timeout: one
 * request may take up to 4 x 30 s plus 5 + 10 + 15 s of pauses under LivePerson's retry policy
 * (150 s); 5 minutes covers that twice over on top of a normal run of a few seconds.
 */
export const FUNCTION_MEMORY_MB = 512;
export const FUNCTION_TIMEOUT = Duration.minutes(5);

const ENTRY = fileURLToPath(new URL('../functions/holiday-import/handler.ts', import.meta.url));
/** Data files written at synth time (bundling/function-bundle.ts). */
const DATA_DIR = fileURLToPath(new URL('../.build/function-data/', import.meta.url));

/** The bundle's size budget; `cdk synth` prints the size beside it. */
export const BUNDLE_TARGET_KIB = 400;

/**
 * The importer's Lambda function with its defaults fixed in one place:
 * - entry functions/holiday-import/handler.ts, bundled with the local esbuild (no Docker),
 *   minified CommonJS with its source map, read by the handler when it formats an error's stack
 *   (functions/commons/source-mapped-stacks.ts; NODE_OPTIONS=--enable-source-maps would read it
 *   at every cold start), the config the stack validated (`configPath`)
 *   inlined as the handler's `@holiday-importer/config`;
 * - the holiday data of the configured countries (and those they borrow from) and the zones they
 *   and the calendars name, through the shims and esbuild aliases of bundling/function-bundle.ts
 *   (no third-party file rewritten); zod's small functional build (zod/mini) with its English
 *   messages;
 * - the AWS SDK left out of the bundle: the Node.js 24 runtime provides it (smaller, faster cold
 *   start); everything else (Powertools, ky, date-holidays, zod) is bundled;
 * - the newest Node.js runtime aws-cdk-lib offers, on arm64;
 * - an explicit log group with retention, written by an own role that can do nothing else
 *   until a bind helper grants it more;
 * - reserved concurrency (1: two runs never overlap), bounded async retries and an on-failure
 *   destination.
 */
export class HolidayImportFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: HolidayImportFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}LogGroup`, {
      retention: props.logRetention,
      // Audit lines of every write stay after a teardown.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'holiday-importer: write its logs, read its one secret',
    });
    logGroup.grantWrite(role);
    const data = writeFunctionBundleData(join(DATA_DIR, `${Stack.of(scope).stackName}-${id}`), props.config);
    super(scope, id, {
      entry: ENTRY,
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: FUNCTION_MEMORY_MB,
      timeout: FUNCTION_TIMEOUT,
      description: 'Imports public holidays into LivePerson special occasions',
      role,
      logGroup,
      ...(props.reservedConcurrency ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      retryAttempts: 1,
      maxEventAge: Duration.hours(6),
      onFailure: props.onFailure,
      environment: {
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
      bundling: {
        // CommonJS: the runtime require()s it, and the SDK it requires then loads without the
        // ES-module loader's resolution and CommonJS export scan (~40 ms of a cold start here).
        format: OutputFormat.CJS,
        target: 'node24',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        externalModules: ['@aws-sdk/*'],
        logLevel: LogLevel.WARNING,
        esbuildArgs: { '--alias': [`@holiday-importer/config=${props.configPath}`, ...data.aliases] },
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir, outputDir) => [
            `node -e "const k=require('fs').statSync(process.argv[1]).size/1024;process.stderr.write('holiday-importer function bundle: '+k.toFixed(0)+' KiB minified (budget ${BUNDLE_TARGET_KIB} KiB; holiday data: ${data.countries.join(' ')}; zones: ${data.zones.length}; astronomy: ${data.astronomy ? 'yes' : 'no'})\\n')" "${join(outputDir, 'index.js')}"`,
          ],
        },
      },
    });
  }

  /**
   * Lets the function read one secret: GetSecretValue on that secret alone, and with a
   * customer-managed key, kms:Decrypt only when Secrets Manager asks on the function's behalf.
   */
  bindSecret(secret: ISecret): void {
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        // A secret imported by name has a random 6-character suffix in its real ARN.
        resources: [secret.secretFullArn ?? `${secret.secretArn}-??????`],
      }),
    );
    // Written out: grantDecrypt to a ViaServicePrincipal adds nothing for an imported key.
    if (secret.encryptionKey) {
      this.addToRolePolicy(
        new PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [secret.encryptionKey.keyArn],
          conditions: {
            StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` },
          },
        }),
      );
    }
  }
}
