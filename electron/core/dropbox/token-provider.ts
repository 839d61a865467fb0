/**
 * What the gateway needs from sign-in: a valid access token. Implementations refresh ahead of expiry,
 * single-flight (concurrent callers share one refresh), and once more after a 401 expired_access_token.
 */
export interface TokenProvider {
  accessToken(): Promise<string>;
  /** The server said `rejected` has expired: refresh (unless another caller already did) and return the new one. */
  refreshAfterExpiry(rejected: string): Promise<string>;
}
