/**
 * Moves focus to an element by id and brings it into view. Used instead of `href="#id"`
 * navigation so error-summary links never change the page URL (the hosts refuse navigation).
 */
export function focusElementById(id: string): void {
  const element = document.getElementById(id);
  if (!element) return;
  element.scrollIntoView({ block: 'center' });
  element.focus({ preventScroll: true });
}
