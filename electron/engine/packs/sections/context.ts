// What a section module sees: the aggregate providers and the pack's disclosure settings. A
// section returns raw aggregates; the builder applies disclosure control to all of them at once.
import type { DisclosureSettings, SectionId } from '../../../../shared/ipc/channels/packs.js';
import type { SectionDraft } from '../model.js';
import type { PackProviders } from '../providers.js';

export interface SectionContext {
  providers: PackProviders;
  settings: DisclosureSettings;
  synthetic: boolean;
}

export interface SectionModule {
  id: SectionId;
  title: string;
  /** One line for the template chooser. */
  purpose: string;
  build(context: SectionContext): SectionDraft;
}

export { longDate } from '../../../../shared/util/pack-format.js';
