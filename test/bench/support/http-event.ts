/** An API Gateway HTTP API (payload format 2.0) event, as the real service sends it. */
export function httpApiEvent(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  const [rawPath, rawQueryString = ''] = path.split('?') as [string, string?];
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: { host: 'api.example.gov.cn', 'user-agent': 'bench', ...headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.gov.cn',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'req',
      routeKey: '$default',
      stage: '$default',
      time: '27/Nov/2026:08:00:00 +0000',
      timeEpoch: 1795766400000,
    },
    ...(body !== undefined ? { body, isBase64Encoded: false } : { isBase64Encoded: false }),
  };
}
