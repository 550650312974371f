/**
 * @module api/api-error
 * An error the API answers as it is: an HTTP status and a JSON body `{"error": reason}` with the
 * offending `parameter` when one is to blame. Handlers throw it; the error handler answers it.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly parameter?: string,
    readonly extra?: Readonly<Record<string, string | number | readonly string[]>>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badParameter = (parameter: string, reason: string): ApiError => new ApiError(400, reason, parameter);
export const notFound = (reason: string): ApiError => new ApiError(404, reason);
