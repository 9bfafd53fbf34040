/** One problem to show in an error summary; `fieldId` links the summary to the field. */
export interface FormError {
  message: string;
  fieldId?: string;
}

/** The first error for a field, for its inline message. */
export function errorFor(errors: readonly FormError[], fieldId: string): string | undefined {
  return errors.find((error) => error.fieldId === fieldId)?.message;
}
