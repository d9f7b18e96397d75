/**
 * How long the caller waits for an answer, in milliseconds: a service answers (503 at worst)
 * within it, and passes what is left of it on to the services it calls.
 */
export const REQUEST_BUDGET_HEADER = 'x-request-budget-ms';
