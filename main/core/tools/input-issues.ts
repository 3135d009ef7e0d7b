import type { ZodError } from 'zod';

/** What is wrong with a tool call's arguments, field by field, for the caller (a model, an MCP client) to fix them. */
export const inputIssues = (error: ZodError): string => error.issues.map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.message}`).join('; ');
