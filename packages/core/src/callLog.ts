/**
 * The failure context of a test: the last calls the emulator saw in the test's namespace
 * (`GET /_kumo/calls`), rendered as lines appended to the test's failure output, so the state
 * transition that broke is visible next to the assertion that noticed it.
 */
export interface EmulatorCall {
  time: number | string;
  operation: string;
  resource: string;
  status: number;
  errorCode?: string;
}

/** How many calls a failure shows: enough to see the steps before it, short enough to read. */
export const FAILURE_CONTEXT_CALLS = 10;

export async function fetchCalls(endpoint: string, namespaceId: string, limit = FAILURE_CONTEXT_CALLS): Promise<EmulatorCall[]> {
  const url = new URL('/_kumo/calls', endpoint);
  url.searchParams.set('prefix', `${namespaceId}-`);
  url.searchParams.set('limit', String(limit));
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`GET ${url.pathname} answered HTTP ${response.status}`);
  const body = (await response.json()) as { calls?: EmulatorCall[] };
  return body.calls ?? [];
}

export function formatCalls(namespaceId: string, calls: readonly EmulatorCall[]): string {
  if (calls.length === 0) return `kumo: the emulator saw no calls in namespace ${namespaceId} during this test.`;
  const lines = calls.map((call) => {
    const time = typeof call.time === 'number' ? new Date(call.time).toISOString() : call.time;
    const outcome = call.errorCode ? `${call.status} ${call.errorCode}` : String(call.status);
    return `  ${time}  ${call.operation.padEnd(24)} ${call.resource}  -> ${outcome}`;
  });
  return [`kumo: last ${calls.length} emulator calls in namespace ${namespaceId} (newest last):`, ...lines].join('\n');
}

/** The failure context as text; a failure to fetch it says so instead of hiding the test's own error. */
export async function describeCalls(endpoint: string, namespaceId: string): Promise<string> {
  try {
    return formatCalls(namespaceId, await fetchCalls(endpoint, namespaceId));
  } catch (error) {
    return `kumo: could not fetch the emulator's last calls for namespace ${namespaceId} (${(error as Error).message}).`;
  }
}
