/** The WorkbenchError kind `fn` throws (or what it threw, as text), or undefined when it does not throw. */
export function kindOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { kind?: string }).kind ?? String(error);
  }
  return undefined;
}
