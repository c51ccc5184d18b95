/**
 * Plain HTTP for what the SDK cannot send or does not show: malformed request bodies, and the
 * raw XML of a response where element order matters.
 */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

export async function rawRequest(endpoint: string, method: string, path: string, body?: string): Promise<RawResponse> {
  const response = await fetch(endpoint + path, { method, ...(body === undefined ? {} : { body }) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The `<Code>` of an S3 error document. */
export function errorCode(text: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
}
