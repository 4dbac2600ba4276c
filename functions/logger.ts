import { Logger } from '@aws-lambda-powertools/logger';

/** One logger per process; requests get a child with their correlation id. Never log tokens or phone numbers. */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'govmedia',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? (process.env.VITEST ? 'SILENT' : 'INFO'),
});
