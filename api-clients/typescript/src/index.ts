// The platform's four APIs as typed clients: paths, parameters, bodies and answers come from the services'
// OpenAPI documents (src/generated/, written by `npm run generate` from docs/api/), so a change to the contract that
// breaks this app's calls fails its type check. Errors are RFC 9457 problems (components["schemas"]["Problem"]).
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths as RegisterPaths } from "./generated/register.js";
import type { paths as ReviewPaths } from "./generated/review.js";
import type { paths as NotificationPaths } from "./generated/notification.js";
import type { paths as WorkloadPaths } from "./generated/workload.js";

export type { components as RegisterSchemas } from "./generated/register.js";
export type { components as ReviewSchemas } from "./generated/review.js";
export type { components as NotificationSchemas } from "./generated/notification.js";
export type { components as WorkloadSchemas } from "./generated/workload.js";

/** Where each service answers, and how to get a fresh access token (e.g. from an OIDC library with PKCE). */
export interface PlatformOptions {
  register: string;
  review: string;
  notification: string;
  workload: string;
  accessToken: () => Promise<string>;
}

export interface Platform {
  register: Client<RegisterPaths>;
  review: Client<ReviewPaths>;
  notification: Client<NotificationPaths>;
  workload: Client<WorkloadPaths>;
}

export function platform(options: PlatformOptions): Platform {
  const bearer: Middleware = {
    async onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${await options.accessToken()}`);
      return request;
    },
  };
  const client = <P extends {}>(baseUrl: string): Client<P> => {
    const c = createClient<P>({ baseUrl });
    c.use(bearer);
    return c;
  };
  return {
    register: client<RegisterPaths>(options.register),
    review: client<ReviewPaths>(options.review),
    notification: client<NotificationPaths>(options.notification),
    workload: client<WorkloadPaths>(options.workload),
  };
}
