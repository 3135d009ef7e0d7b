/** Tool-call arguments as a model sent them: parsed, or null when they are not valid JSON (the session says so). */
export function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
