// Primitive schemas every channel table shares.
import { z } from 'zod';

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const jobId = z.string().min(1).max(64);
export const fileToken = z.string().regex(/^f_[A-Za-z0-9_-]{8,64}$/, 'expected a file token');
export const empty = z.object({}).strict();

/** What files the open dialog is for: it offers the matching file types. */
export const FILE_PURPOSES = ['import', 'reference', 'store', 'backup'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

/** A record's fields as the grids and the pair review show them: where it came from and what it says. */
export const RecordFields = z.object({
  id: z.number().int(),
  source: z.string(),
  sheet: z.string(),
  rowNumber: z.number().int(),
  forename: z.string().nullable(),
  surname: z.string().nullable(),
  dob: z.string().nullable(),
  sex: z.string().nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  uprn: z.string().nullable(),
  nhsNumber: z.string().nullable(),
  nino: z.string().nullable(),
  upn: z.string().nullable(),
});

export const JobStarted = z.object({ job: jobId });
export type JobStarted = z.infer<typeof JobStarted>;
