import { z } from 'zod';

export const ErrorIssue = z.object({ path: z.string(), message: z.string() });
export type ErrorIssue = z.infer<typeof ErrorIssue>;

/**
 * JSON body of every error response: `{ statusCode, error, message, issues }`; `issues` names
 * each offending field and is empty when the error concerns no field.
 */
export const ErrorBody = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
  issues: z.array(ErrorIssue),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Zod issues as `[{ path: 'pickup.lat', message }]`; an issue on the root has path `''`. */
export function toErrorIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** One line naming every offending field, e.g. `pickup.lat: Too big: expected number to be <=90`. */
export function describeZodError(error: z.ZodError): string {
  return toErrorIssues(error)
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join('; ');
}
