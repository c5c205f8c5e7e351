import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';
import type { GatewayContext } from './authentication';

const WINDOW_MS = 60_000;
/** The code of every rate limit's refusal (requests, failed sign-ins, writes). */
export const RATE_LIMITED = 'RATE_LIMITED';

/** Counts per key in fixed one-minute windows; a key's count is dropped when its window ends. */
class WindowCounter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  /** Counts one more for `key`; answers the count in its window and when that window ends. */
  hit(key: string, now = Date.now()): { count: number; resetAt: number } {
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (this.windows.size > 10_000) for (const [other, { resetAt }] of this.windows) if (resetAt <= now) this.windows.delete(other);
      window = { count: 0, resetAt: now + WINDOW_MS };
      this.windows.set(key, window);
    }
    window.count++;
    return window;
  }
}

/**
 * Writes (mutations) are limited per credential and per client address: `perMinute` each in a
 * one-minute window, then 429 `RATE_LIMITED` with Retry-After, before any subgraph is asked. Counted
 * once the operation is known to be a mutation, however it arrived (a document, a persisted hash).
 * Undefined when off (0).
 */
export function writeLimitsPlugin(perMinute: number): ApolloServerPlugin<GatewayContext> | undefined {
  if (perMinute === 0) return undefined;
  const counter = new WindowCounter();
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== OperationTypeNode.MUTATION) return Promise.resolve();
          const keys = [
            ['credential', contextValue.editor && `credential ${contextValue.editor.credentialId}`],
            ['address', contextValue.clientAddress && `address ${contextValue.clientAddress}`],
          ] as const;
          for (const [what, key] of keys) {
            if (!key) continue;
            const { count, resetAt } = counter.hit(key);
            if (count > perMinute) {
              const retryAfter = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
              return Promise.reject(
                new GraphQLError(`too many writes with this ${what}: at most ${perMinute} a minute; try again in ${retryAfter} s`, {
                  extensions: { code: RATE_LIMITED, http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) } },
                }),
              );
            }
          }
          return Promise.resolve();
        },
      });
    },
  };
}
