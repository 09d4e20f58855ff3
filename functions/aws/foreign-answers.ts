/**
 * Answers that are not the AWS service's own: a proxy's or gateway's page, an empty 503. The SDK
 * names them "UnknownError" (or a JSON parse error), which says nothing; these name the HTTP
 * status and where it came from instead.
 */

const UNREADABLE = new Set(['Unknown', 'UnknownError', 'SyntaxError']);

/** The HTTP status of an error answer the SDK could not read as the service's, else undefined. */
export function foreignAnswerStatus(error: unknown): number | undefined {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (status === undefined || status < 400) return undefined;
  return UNREADABLE.has((error as Error).name) ? status : undefined;
}

/** Where the SDK sends a service's calls: its AWS_ENDPOINT_URL_<SERVICE>, or the regional host. */
export function serviceEndpoint(envSuffix: string, host: string, region: string): string {
  return (
    process.env[`AWS_ENDPOINT_URL_${envSuffix}`] ??
    process.env.AWS_ENDPOINT_URL ??
    `https://${host}.${region}.amazonaws.com`
  );
}
