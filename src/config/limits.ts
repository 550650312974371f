/**
 * @module config/limits
 * Every limit of the REST server in one place: request sizes and timeouts, list paging, filter
 * sizes, login throttling, password hashing cost, session lifetime. Nothing a client sends may
 * exceed these; the API layer validates against them and answers 400 (or 413/429) instead.
 */

export const SERVER_LIMITS = {
  /** Largest request body accepted (JSON of user management, login). */
  bodyBytes: 64 * 1024,
  /** Time allowed to receive a whole request, headers and body (ms). */
  requestTimeoutMs: 30_000,
  /** Idle time before a keep-alive connection is closed (ms). */
  keepAliveTimeoutMs: 5_000,
  /** Time a socket may stay idle before it is destroyed (ms); CSV streams keep it busy. */
  connectionTimeoutMs: 120_000,
  /** Longest decoded URL path parameter (the resource path under /API/stats/modules). */
  maxParamLength: 2048,
  /** Most path segments under /API/stats/modules. */
  maxResourceDepth: 16,
  /** Largest number of header bytes Node accepts. */
  maxHeaderBytes: 16 * 1024,
} as const;

export const LIST_LIMITS = {
  /** Largest `count` (the appliance's limit); above it a list request is 400. */
  maxCount: 100,
  /** `count` when absent. */
  defaultCount: 10,
  /** Largest `page`. */
  maxPage: 100_000_000,
  /** Longest `filter` string. */
  maxFilterChars: 2000,
  /** Deepest nesting of parentheses and `not` in a complex filter. */
  maxFilterDepth: 64,
  /** Rows converted per chunk while a CSV download streams. */
  csvRowsPerChunk: 1000,
} as const;

export const QUERY_LIMITS = {
  /** Default and largest `values` (points of a history series). */
  defaultValues: 100,
  maxValues: 10_000,
  /** Largest `timespan` in seconds (one year). */
  maxTimespanSec: 366 * 86_400,
  /** Largest epoch second accepted in starttime/endtime (year 9999). */
  maxEpochSec: 253_402_300_799,
  /** Largest analysis slot number. */
  maxSlot: 1023,
} as const;

export const AUTH_LIMITS = {
  /** Failed logins allowed per client address (and per user name) in a window before 429. */
  failuresPerWindow: 5,
  /** Window of the failure count (ms); the block lasts until the window ends. */
  failureWindowMs: 60_000,
  /** Most client addresses/user names tracked by the login limiter (oldest evicted first). */
  trackedClients: 10_000,
  /** Session lifetime without use (ms) and absolute lifetime (ms). */
  sessionIdleMs: 30 * 60_000,
  sessionMaxMs: 12 * 3_600_000,
  /** Most live sessions; the oldest is dropped beyond it. */
  maxSessions: 10_000,
  /** How long a successful Basic verification is remembered (ms), so scripts do not pay argon2 per request. */
  basicCacheMs: 60_000,
  basicCacheEntries: 1_000,
  /** Longest user name and password. */
  maxUserNameChars: 64,
  maxPasswordChars: 256,
  minPasswordChars: 8,
  /** Most users. */
  maxUsers: 1_000,
} as const;

/** argon2id parameters (OWASP's recommended minimum: 19 MiB, 2 passes, 1 lane). */
export const PASSWORD_HASH = {
  memoryCostKiB: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;
