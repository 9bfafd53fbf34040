// The date a file says it was extracted: a title ("ASB nominals as at 31/03/2025") or a footer
// ("Extracted 22/07/2024", "Report run on 1 April 2024"). Read from the rows the table detector
// calls titles and notes, so a date of birth or an event date is never taken for it.
import { parseDate } from '../../../shared/domain/normalise/date.js';

const SAYS_DATE = /\b(extracted|extract(ed)? (date|on)|data as at|as at|as of|correct as at|run on|run date|report (run|date|produced|generated)( on)?|produced( on)?|generated( on)?|printed( on)?|date of extract|snapshot( date)?)\b[\s:,-]*(on\s+)?(.{6,30})/i;
const DATE_TEXT = /^(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(st|nd|rd|th)?\s+[A-Za-z]{3,9},?\s+\d{4}|[A-Za-z]{3,9}\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4})/;

export interface StatedAsOf {
  date: string;
  /** The text that said it, clipped. */
  text: string;
}

/** The extract date a title or note row states, if it states one that is not in the future. */
export function statedAsOf(cells: ReadonlyArray<string | null>, today: string): StatedAsOf | null {
  for (const cell of cells) {
    if (!cell || cell.length > 300) continue;
    const m = SAYS_DATE.exec(cell);
    const tail = m?.[m.length - 1]?.trim();
    const dateText = tail ? DATE_TEXT.exec(tail)?.[0] : undefined;
    if (!m || !dateText) continue;
    const parsed = parseDate(dateText.replace(/(\d)(st|nd|rd|th)\b/i, '$1').replace(',', ''));
    if (parsed && parsed.iso <= today) return { date: parsed.iso, text: cell.trim().slice(0, 80) };
  }
  return null;
}
