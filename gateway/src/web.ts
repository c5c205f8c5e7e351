import { Router } from 'express';

/** The dashboard, GraphiQL, widgets and embeds (see dashboard/); mounted before /graphql. */
export function webRoutes(): Router {
  return Router();
}
