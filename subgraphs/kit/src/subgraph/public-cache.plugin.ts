import type { ApolloServerPlugin } from '@apollo/server';

export const PUBLIC_MAX_AGE_SECONDS = 300;

/**
 * Every type served is public and changes only when seeds are re-imported, so one policy covers
 * every response: five minutes, public, which the gateway passes on to GET responses. Set once per
 * response instead of through Apollo's cache-control plugin, whose per-field hook makes Apollo
 * wrap every resolver of every request.
 */
export const publicCachePlugin: ApolloServerPlugin = {
  requestDidStart() {
    return Promise.resolve({
      willSendResponse({ response }) {
        const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
        if (!failed) response.http.headers.set('cache-control', `max-age=${PUBLIC_MAX_AGE_SECONDS}, public`);
        return Promise.resolve();
      },
    });
  },
};
