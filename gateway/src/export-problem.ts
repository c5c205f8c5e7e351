/** Why an export cannot be answered: the HTTP status, a specific code and a message for people. */
export class ExportProblem extends Error {
  constructor(
    readonly status: 400 | 404 | 500 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ExportProblem';
  }
}
