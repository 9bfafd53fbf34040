/** Council users read UK time, whatever zone the machine is set to. */
export const UK_TIME_ZONE = 'Europe/London';

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

interface UkParts {
  day: string;
  month: string;
  year: string;
  hour: number;
  minute: string;
}

function ukParts(iso: string, timeZone: string): UkParts | null {
  // Only full timestamps: a bare date would be read as UTC midnight and shown as a time.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso)) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(date).map((p) => [p.type, p.value]));
  const hour = Number(parts['hour']);
  if (!parts['day'] || !parts['month'] || !parts['year'] || !parts['minute'] || Number.isNaN(hour)) return null;
  return { day: parts['day'], month: parts['month'], year: parts['year'], hour: hour % 24, minute: parts['minute'] };
}

/** GOV.UK time style: "9am", "5:30pm", "midnight", "midday". */
function govukTime(hour: number, minute: string): string {
  if (minute === '00' && hour === 0) return 'midnight';
  if (minute === '00' && hour === 12) return 'midday';
  const suffix = hour < 12 ? 'am' : 'pm';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return minute === '00' ? `${h12}${suffix}` : `${h12}:${minute}${suffix}`;
}

/**
 * An ISO timestamp as UK date and time, GOV.UK style: "7 March 2024 at 2:05pm" (British Summer
 * Time applied). Anything that is not a timestamp is shown as given.
 */
export function formatUkDateTime(iso: string, timeZone: string = UK_TIME_ZONE): string {
  const parts = ukParts(iso, timeZone);
  if (!parts) return iso;
  return `${parts.day} ${parts.month} ${parts.year} at ${govukTime(parts.hour, parts.minute)}`;
}

/** An ISO timestamp as the UK calendar date it fell on: "7 March 2024". */
export function formatUkDate(iso: string, timeZone: string = UK_TIME_ZONE): string {
  const parts = ukParts(iso, timeZone);
  if (!parts) return iso;
  return `${parts.day} ${parts.month} ${parts.year}`;
}
